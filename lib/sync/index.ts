export * from './engine';
export * from './http';
export * from './plan';
