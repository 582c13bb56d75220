/**
 * The glossary's terms as the page names them, for the help buttons' names ("About Preset").
 * Their explanations are in glossary.ts, which the page does not load as code: they are written
 * into every page's HTML once (hooks.server.ts), and the help buttons and controls point at them.
 */
export const GLOSSARY_TERMS = {
  preset: 'Preset',
  inputSize: 'Input size',
  inputSide: 'Input height and width',
  joints: 'Joints',
  convention: 'Counting convention',
  torchstat: 'Paper convention (torchstat)',
  mmcv: 'mmcv convention',
  convOnly: 'Convolutions only',
  fvcore: 'fvcore convention',
  ptflops: 'ptflops convention (pytorch backend)',
  ptflopsAten: 'ptflops convention (aten backend)',
  thop: 'thop convention',
  hrnetSummary: 'HRNet get_model_summary convention',
  fullCount: 'Full count',
  macsFlops: 'MACs and FLOPs',
  macs: 'MACs',
  flops: 'FLOPs (2 × MACs)',
  mega: 'M = 2^20',
  params: 'Parameters',
  peakMemory: 'Peak activation memory',
  stem: 'Stem',
  stemWidth: 'Stem width',
  stemOut: 'Stem output width',
  expandRatio: 'Expand ratio',
  stage: 'Stage',
  blockType: 'Block type',
  ccw: 'CCW (conditional channel weighting)',
  shuffleBlock: 'Shuffle block',
  modules: 'Modules',
  blocks: 'Blocks per module',
  branch: 'Branch',
  branches: 'Branches',
  branchWidth: 'Branch width',
  reduceRatio: 'Reduce ratio',
  transition: 'Transition (T)',
  fuse: 'Fusion',
  fusionMode: 'Fusion mode',
  withHead: 'IterativeHead (with_head)',
  keypointHead: 'Keypoint head',
  conventionNames: 'Convention names'
} as const;

export type GlossaryKey = keyof typeof GLOSSARY_TERMS;

export function isGlossaryKey(key: string): key is GlossaryKey {
  return Object.hasOwn(GLOSSARY_TERMS, key);
}

/** The id of a term's explanation in the page (see glossary-html.ts). */
export const glossaryId = (key: GlossaryKey): string => `glossary-${key}`;
