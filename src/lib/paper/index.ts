export * from './sources';
export * from './results';
