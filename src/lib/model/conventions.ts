/**
 * The counting conventions' names: what every settings panel lists. Kept apart from the rules
 * (ops.ts) so that a page can offer the choice before it loads the model's code.
 */
export const CONVENTIONS = [
  'paper',
  'mmcv',
  'conv',
  'full',
  'fvcore',
  'ptflops',
  'ptflops-aten',
  'thop',
  'hrnet'
] as const;
export type Convention = (typeof CONVENTIONS)[number];

/** The conventions that are some tool's output, in the order the comparison tables use. */
export const TOOL_CONVENTIONS = [
  'paper',
  'mmcv',
  'fvcore',
  'ptflops',
  'ptflops-aten',
  'thop',
  'hrnet'
] as const satisfies readonly Convention[];
export type ToolConvention = (typeof TOOL_CONVENTIONS)[number];

export const CONVENTION_LABELS: Record<Convention, string> = {
  paper: 'Paper (official torchstat)',
  mmcv: 'mmcv get_model_complexity_info',
  conv: 'Convolutions only',
  full: 'Full count (every op)',
  fvcore: 'fvcore FlopCountAnalysis',
  ptflops: 'ptflops (pytorch backend)',
  'ptflops-aten': 'ptflops (aten backend)',
  thop: 'thop 0.1.1 profile',
  hrnet: "HRNet's get_model_summary"
};
