/**
 * TEMPORARY stub so the popup builds: the lead engineer replaces this file with the real tab scan
 * (content script answer, else a one-off injected detector).
 */
import type { TabScan } from './protocol';

/** What the popup knows about tab `tabId`: for now, nothing (`via: 'none'`). */
export async function scanTab(_tabId: number): Promise<TabScan> {
  return { ids: [], page: {}, via: 'none' };
}
