/**
 * The sync status item on its own, so that content scripts can watch it without the settings module (and Zod)
 * that `storage.ts` brings.
 */
import { storage } from 'wxt/utils/storage';
import { INITIAL_STATUS, type SyncStatus } from '../sync/status';

/** The sync status, written by the background, watched by every page and content script. */
export const syncStatusItem = storage.defineItem<SyncStatus>('local:syncStatus', { fallback: INITIAL_STATUS });
