/**
 * Published results as data, each row with its source. Accuracy (AP, PCKh) cannot be computed
 * here; costs can, and the explorer recomputes them (see tests/unit/paper).
 * GFLOPs in the paper are the torchstat multiply-adds ÷ 2^30; MFLOPs ÷ 2^20.
 */
import type { PresetId } from '$lib/model';
import type { SourceId } from './sources';

export interface CocoResult {
  model: string;
  backbone: string;
  /** Backbone pretrained on ImageNet. */
  pretrain: boolean;
  input: { height: number; width: number };
  /** Params in millions, as printed. */
  paramsM: number;
  gflops: number;
  ap: number;
  ap50: number | null;
  ap75: number | null;
  apM: number | null;
  apL: number | null;
  ar: number | null;
  group: 'large' | 'small';
  /** The explorer's preset for this row, when it is one of the official Lite-HRNets. */
  preset?: PresetId;
  source: SourceId;
}

const coco = (
  group: CocoResult['group'],
  model: string,
  backbone: string,
  pretrain: boolean,
  hw: [number, number],
  paramsM: number,
  gflops: number,
  [ap, ap50, ap75, apM, apL, ar]: [
    number,
    number | null,
    number | null,
    number | null,
    number | null,
    number | null
  ],
  preset?: PresetId
): CocoResult => ({
  model,
  backbone,
  pretrain,
  input: { height: hw[0], width: hw[1] },
  paramsM,
  gflops,
  ap,
  ap50,
  ap75,
  apM,
  apL,
  ar,
  group,
  preset,
  source: 'paperTable3'
});

/** Paper Table 3, COCO val2017, every row. */
export const COCO_VAL: CocoResult[] = [
  coco('large', '8-stage Hourglass', '8-stage Hourglass', false, [256, 192], 25.1, 14.3, [
    66.9,
    null,
    null,
    null,
    null,
    null
  ]),
  coco('large', 'CPN', 'ResNet-50', true, [256, 192], 27.0, 6.2, [
    68.6,
    null,
    null,
    null,
    null,
    null
  ]),
  coco(
    'large',
    'SimpleBaseline',
    'ResNet-50',
    true,
    [256, 192],
    34.0,
    8.9,
    [70.4, 88.6, 78.3, 67.1, 77.2, 76.3]
  ),
  coco(
    'large',
    'HRNetV1',
    'HRNetV1-W32',
    false,
    [256, 192],
    28.5,
    7.1,
    [73.4, 89.5, 80.7, 70.2, 80.1, 78.9]
  ),
  coco(
    'large',
    'DARK',
    'HRNetV1-W48',
    true,
    [128, 96],
    63.6,
    3.6,
    [71.9, 89.1, 79.6, 69.2, 78.0, 77.9]
  ),
  coco(
    'small',
    'MobileNetV2 1×',
    'MobileNetV2',
    true,
    [256, 192],
    9.6,
    1.48,
    [64.6, 87.4, 72.3, 61.1, 71.2, 70.7]
  ),
  coco(
    'small',
    'MobileNetV2 1×',
    'MobileNetV2',
    true,
    [384, 288],
    9.6,
    3.33,
    [67.3, 87.9, 74.3, 62.8, 74.7, 72.9]
  ),
  coco(
    'small',
    'ShuffleNetV2 1×',
    'ShuffleNetV2',
    true,
    [256, 192],
    7.6,
    1.28,
    [59.9, 85.4, 66.3, 56.6, 66.2, 66.4]
  ),
  coco(
    'small',
    'ShuffleNetV2 1×',
    'ShuffleNetV2',
    true,
    [384, 288],
    7.6,
    2.87,
    [63.6, 86.5, 70.5, 59.5, 70.7, 69.7]
  ),
  coco(
    'small',
    'Small HRNet',
    'HRNet-W16',
    false,
    [256, 192],
    1.3,
    0.54,
    [55.2, 83.7, 62.4, 52.3, 61.0, 62.1]
  ),
  coco(
    'small',
    'Small HRNet',
    'HRNet-W16',
    false,
    [384, 288],
    1.3,
    1.21,
    [56.0, 83.8, 63.0, 52.4, 62.6, 62.6]
  ),
  coco(
    'small',
    'DY-MobileNetV2 1×',
    'DY-MobileNetV2',
    true,
    [256, 192],
    16.1,
    1.01,
    [68.2, 88.4, 76.0, 65.0, 74.7, 74.2]
  ),
  coco('small', 'DY-ReLU 1×', 'MobileNetV2', true, [256, 192], 9.0, 1.03, [
    68.1,
    88.5,
    76.2,
    64.8,
    74.3,
    null
  ]),
  coco(
    'small',
    'Lite-HRNet',
    'Lite-HRNet-18',
    false,
    [256, 192],
    1.1,
    0.2,
    [64.8, 86.7, 73.0, 62.1, 70.5, 71.2],
    'litehrnet_18'
  ),
  coco(
    'small',
    'Lite-HRNet',
    'Lite-HRNet-18',
    false,
    [384, 288],
    1.1,
    0.45,
    [67.6, 87.8, 75.0, 64.5, 73.7, 73.7],
    'litehrnet_18'
  ),
  coco(
    'small',
    'Lite-HRNet',
    'Lite-HRNet-30',
    false,
    [256, 192],
    1.8,
    0.31,
    [67.2, 88.0, 75.0, 64.3, 73.1, 73.3],
    'litehrnet_30'
  ),
  coco(
    'small',
    'Lite-HRNet',
    'Lite-HRNet-30',
    false,
    [384, 288],
    1.8,
    0.7,
    [70.4, 88.7, 77.7, 67.5, 76.3, 76.2],
    'litehrnet_30'
  )
];

export interface AblationResult {
  model: string;
  paramsM: number;
  cocoMflops: number;
  ap: number;
  ap50: number;
  ap75: number;
  ar: number;
  mpiiMflops: number;
  pckh: number;
  /** How to build this row in the explorer (a preset with every stage's block set), if it can be. */
  build?: { preset: PresetId; block?: 'naive_no_first_1x1' | 'naive_no_1x1' };
  source: SourceId;
}

/** Paper Table 6, every row (COCO val 256x192, MPII val 256x256). */
export const ABLATION: AblationResult[] = [
  {
    model: 'Small HRNet-W16',
    paramsM: 1.3,
    cocoMflops: 551.7,
    ap: 55.2,
    ap50: 83.7,
    ap75: 62.4,
    ar: 62.1,
    mpiiMflops: 735.5,
    pckh: 80.2,
    source: 'paperTable6'
  },
  {
    model: 'Naive Lite-HRNet-18',
    paramsM: 0.7,
    cocoMflops: 194.8,
    ap: 62.5,
    ap50: 85.4,
    ap75: 69.6,
    ar: 68.8,
    mpiiMflops: 259.6,
    pckh: 85.3,
    build: { preset: 'naive_litehrnet_18' },
    source: 'paperTable6'
  },
  // The paper prints 418.7 MFLOPs for MPII, as the official README does; the graph gives 414.6.
  {
    model: 'Wider Naive Lite-HRNet-18',
    paramsM: 1.3,
    cocoMflops: 311.1,
    ap: 65.7,
    ap50: 87.0,
    ap75: 73.3,
    ar: 71.8,
    mpiiMflops: 418.7,
    pckh: 86.8,
    build: { preset: 'wider_naive_litehrnet_18' },
    source: 'paperTable6'
  },
  {
    model: 'Wider Naive Lite-HRNet-18, one 1x1 conv dropped',
    paramsM: 1.1,
    cocoMflops: 248.4,
    ap: 63.6,
    ap50: 86.1,
    ap75: 70.7,
    ar: 69.8,
    mpiiMflops: 331.0,
    pckh: 86.0,
    build: { preset: 'wider_naive_litehrnet_18', block: 'naive_no_first_1x1' },
    source: 'paperTable6'
  },
  {
    model: 'Wider Naive Lite-HRNet-18, two 1x1 convs dropped',
    paramsM: 0.9,
    cocoMflops: 188.9,
    ap: 61.3,
    ap50: 85.3,
    ap75: 68.7,
    ar: 67.7,
    mpiiMflops: 251.7,
    pckh: 85.3,
    build: { preset: 'wider_naive_litehrnet_18', block: 'naive_no_1x1' },
    source: 'paperTable6'
  },
  {
    model: 'Lite-HRNet-18',
    paramsM: 1.1,
    cocoMflops: 205.2,
    ap: 64.8,
    ap50: 86.7,
    ap75: 73.0,
    ar: 71.2,
    mpiiMflops: 273.4,
    pckh: 86.1,
    build: { preset: 'litehrnet_18' },
    source: 'paperTable6'
  },
  {
    model: 'Lite-HRNet-30',
    paramsM: 1.8,
    cocoMflops: 319.2,
    ap: 67.2,
    ap50: 88.0,
    ap75: 75.0,
    ar: 73.3,
    mpiiMflops: 425.3,
    pckh: 87.0,
    build: { preset: 'litehrnet_30' },
    source: 'paperTable6'
  }
];

export interface ReadmeResult {
  preset: PresetId;
  dataset: 'COCO' | 'MPII';
  input: { height: number; width: number };
  paramsM: number;
  mflops: number;
  /** COCO: AP, AP50, AP75, AR, AR50. MPII: PCKh mean and mean@0.1. */
  metrics: Record<string, number>;
  source: SourceId;
}

const readme = (
  preset: PresetId,
  dataset: ReadmeResult['dataset'],
  hw: [number, number],
  paramsM: number,
  mflops: number,
  metrics: Record<string, number>
): ReadmeResult => ({
  preset,
  dataset,
  input: { height: hw[0], width: hw[1] },
  paramsM,
  mflops,
  metrics,
  source: 'officialReadme'
});

/** The official repository's re-trained models (their AP differs slightly from the paper's). */
export const OFFICIAL_README: ReadmeResult[] = [
  readme('naive_litehrnet_18', 'COCO', [256, 192], 0.7, 194.8, {
    ap: 0.628,
    ap50: 0.855,
    ap75: 0.699,
    ar: 0.691,
    ar50: 0.901
  }),
  readme('wider_naive_litehrnet_18', 'COCO', [256, 192], 1.3, 311.1, {
    ap: 0.66,
    ap50: 0.871,
    ap75: 0.737,
    ar: 0.721,
    ar50: 0.913
  }),
  readme('litehrnet_18', 'COCO', [256, 192], 1.1, 205.2, {
    ap: 0.648,
    ap50: 0.867,
    ap75: 0.73,
    ar: 0.712,
    ar50: 0.911
  }),
  readme('litehrnet_18', 'COCO', [384, 288], 1.1, 461.6, {
    ap: 0.676,
    ap50: 0.878,
    ap75: 0.75,
    ar: 0.737,
    ar50: 0.921
  }),
  readme('litehrnet_30', 'COCO', [256, 192], 1.8, 319.2, {
    ap: 0.672,
    ap50: 0.88,
    ap75: 0.75,
    ar: 0.733,
    ar50: 0.922
  }),
  readme('litehrnet_30', 'COCO', [384, 288], 1.8, 717.8, {
    ap: 0.704,
    ap50: 0.887,
    ap75: 0.777,
    ar: 0.762,
    ar50: 0.928
  }),
  readme('naive_litehrnet_18', 'MPII', [256, 256], 0.7, 259.6, { mean: 0.853, mean01: 0.305 }),
  readme('wider_naive_litehrnet_18', 'MPII', [256, 256], 1.3, 418.7, {
    mean: 0.868,
    mean01: 0.311
  }),
  readme('litehrnet_18', 'MPII', [256, 256], 1.1, 273.4, { mean: 0.854, mean01: 0.295 }),
  readme('litehrnet_30', 'MPII', [256, 256], 1.8, 425.3, { mean: 0.87, mean01: 0.313 })
];
