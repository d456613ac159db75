export * from './database';
export * from './queries';
