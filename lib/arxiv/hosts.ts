/**
 * The sites that get inline badges by default — arXiv, and alphaXiv (a reader whose pages are arXiv papers, at
 * the same ids, and a single-page app) — as match patterns: the badge content script's matches, the tabs
 * re-injected after an update, and the sites the opt-in all-sites script leaves to it.
 */
export const ARXIV_MATCHES = [
  '*://arxiv.org/*',
  '*://www.arxiv.org/*',
  '*://export.arxiv.org/*',
  '*://browse.arxiv.org/*',
  '*://alphaxiv.org/*',
  '*://www.alphaxiv.org/*',
];
