/** The arXiv hosts that get inline badges: the content script's matches and the tabs re-injected after an update. */
export const ARXIV_MATCHES = [
  '*://arxiv.org/*',
  '*://www.arxiv.org/*',
  '*://export.arxiv.org/*',
  '*://browse.arxiv.org/*',
];
