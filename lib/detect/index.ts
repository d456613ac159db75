/**
 * Browser-free detection of the papers a page refers to. The DOM root is always a parameter; nothing here reads
 * `window` or `document`.
 */
export * from './arxiv-id';
export * from './dom-scan';
export * from './find-papers';
export * from './normalize';
export * from './page-meta';
export * from './text';
export * from './title-matcher';
export * from './urls';
