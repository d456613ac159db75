export * from './dates';
export * from './paper';
export * from './parse';
export * from './schema';
export * from './snapshot';
