/** Single-person top-down pose from heatmaps: decoding and skeletons. Pure; no DOM, no tfjs. */
export * from './decode';
export * from './skeleton';
