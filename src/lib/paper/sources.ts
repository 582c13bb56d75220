/** Where each published number comes from. */
export const SOURCES = {
  paperTable1: 'Paper (Yu et al., CVPR 2021), Table 1: structure of Lite-HRNet',
  paperTable2:
    'Paper, Table 2: computational complexity, 1x1 convolution vs. conditional channel weight',
  paperTable3: 'Paper, Table 3: comparisons on the COCO val set',
  paperTable6:
    'Paper, Table 6: ablation, conditional channel weight vs. 1x1 convolutions (COCO val, MPII val)',
  officialReadme:
    'Official repository HRNet/Lite-HRNet, README "Results and models" (commit 7b9049d)'
} as const;

export type SourceId = keyof typeof SOURCES;
