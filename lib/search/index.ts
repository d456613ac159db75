/**
 * Search and relatedness over the papers, browser-free: the MiniSearch configuration (`options`), building,
 * serializing and loading the index (`paper-index`), typed search (`search-papers`), "more like this"
 * (`related`, `page-query`) and the trending signal (`trending`).
 */
export * from './options';
export * from './page-query';
export * from './paper-index';
export * from './related';
export * from './search-papers';
export * from './text';
export * from './trending';
