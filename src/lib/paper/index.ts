export * from './sources';
export * from './results';
export * from './recompute';
