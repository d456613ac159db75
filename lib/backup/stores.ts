/**
 * The names of the stores an export carries, in file order: the `StoreName`s of lib/db/backup.ts. Kept apart from
 * their record schemas (`STORE_SCHEMAS`, lib/backup/file.ts) because the message protocol needs only the names, and
 * the schemas pull in Zod checks and the follow validator (RE2JS) that the popup has no use for.
 */
import type { StoreName } from '../db/backup';

/** Every store an export carries, in file order. */
export const STORE_NAMES = ['papers', 'history', 'saved', 'follows'] as const satisfies readonly StoreName[];

// A store added to `StoreRecords` but not listed above fails to compile here.
const _everyStoreListed: [Exclude<StoreName, (typeof STORE_NAMES)[number]>] extends [never] ? true : never = true;
void _everyStoreListed;
