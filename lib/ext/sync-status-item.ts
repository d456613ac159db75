/**
 * The sync status item, in a module of its own: the popup reads it without the settings item (`storage.ts`), whose
 * schema (Zod) and migrations would otherwise load and run with the popup.
 */
import { storage } from 'wxt/utils/storage';
import { INITIAL_STATUS, type SyncStatus } from '../sync/status';
import { SYNC_STATUS_KEY } from './cache-watch';

/** The sync status, written by the background, watched by every page. */
export const syncStatusItem = storage.defineItem<SyncStatus>(`local:${SYNC_STATUS_KEY}`, { fallback: INITIAL_STATUS });
