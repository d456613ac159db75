/** Placeholder: replaced once lib/detect's findPapers lands. */
import type { TabScan } from '../ext/protocol';

export function scanDocument(doc: Document): Omit<TabScan, 'via'> {
  return { ids: [], page: { title: doc.title } };
}
