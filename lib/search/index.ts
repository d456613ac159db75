export * from './options';
export * from './page-query';
export * from './paper-index';
export * from './related';
export * from './search-papers';
export * from './text';
export * from './trending';
