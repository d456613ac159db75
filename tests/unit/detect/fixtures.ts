/** Real pages parsed with happy-dom, and real titles from the recorded feed, for the detection tests. */
import { Window } from 'happy-dom';
import { afterAll } from 'vitest';
import type { Paper } from '../../../lib/feed/paper';
import { recordedFiles, recordedPage, recordedPapers } from '../../helpers/recorded-feed';

const windows: Window[] = [];
afterAll(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

/** The raw HTML of a recorded page (`../shared/data/pages/`, vendored in tests/fixtures/recorded). */
export const pageHtml: (file: string) => string = recordedPage;

/** Parses HTML into a document whose `URL` is `url` (as in the tab that showed it); scripts and styles are not run. */
export function parseHtml(html: string, url = 'https://example.org/'): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  windows.push(window);
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  // happy-dom's classes are the DOM's in all but name; the detector only uses standard members.
  return doc as unknown as Document;
}

/** A recorded page, parsed as if loaded from `url`. */
export function loadPage(file: string, url: string): Document {
  return parseHtml(pageHtml(file), url);
}

/** The real pages and the URLs they were served from. */
export const PAGES = {
  abs2026: { file: 'arxiv-abs-1902.02534-layout2026.html', url: 'https://arxiv.org/abs/1902.02534' },
  abs2021: { file: 'arxiv-abs-2106.09608-layout2021.html', url: 'https://arxiv.org/abs/2106.09608' },
  listing: { file: 'arxiv-list-hep-th-new-2024-08-09.html', url: 'https://arxiv.org/list/hep-th/new' },
  html: { file: 'arxiv-html-2501.11120v1.html', url: 'https://arxiv.org/html/2501.11120v1' },
  scholar: {
    file: 'google-scholar-results-2016.html',
    url: 'https://scholar.google.com/scholar?q=%22Learning+deep+architectures+for+AI%22',
  },
} as const;

/** Every paper of the recorded feed, normalized by `parseFeed` (titles whitespace-collapsed). */
export const feedPapers: () => Paper[] = recordedPapers;

/** Titles as the API sent them, hard line breaks included, by paper id (only those that have a line break). */
export function wrappedFeedTitles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of recordedFiles()) {
    const entries = JSON.parse(file.text) as { paper?: { id?: unknown; title?: unknown } }[];
    for (const e of entries) {
      const id = e.paper?.id;
      const title = e.paper?.title;
      if (typeof id === 'string' && typeof title === 'string' && title.includes('\n')) out.set(id, title);
    }
  }
  return out;
}

/** Escapes text for an HTML text node or attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
