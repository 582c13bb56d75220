/**
 * The symbolic Lite-HRNet: config → graph → costs. Pure TypeScript: runs in Node, a worker or
 * the page, and imports nothing from the DOM, Svelte, d3 or tfjs.
 */
export * from './config';
export * from './presets';
export * from './graph';
export * from './ops';
export * from './validate';
export * from './build';
export * from './cost';
export * from './memory';
export * from './format';
export * from './analysis';
// report.ts (the per-layer tables), complexity.ts (paper Table 2), tool-rules.ts and op-words.ts
// (the conventions' rules in words) are imported from their own
// files: re-exported here they would ride in every page's first load with the model's core.
