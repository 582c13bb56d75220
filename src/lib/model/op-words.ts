/**
 * Each convention in one line, and each op kind's counting rule in words, per convention: the formula the op inspector fills in
 * with an op's numbers (formula.ts), and a word or two for the table that sets the tools side by
 * side (tool-rules.ts). The numbers themselves are ops.ts's cost functions, whose comments cite
 * each tool's source; this file is only their wording, kept apart so the page's first load (which
 * counts but shows no formulas) does not carry it.
 */
import type { OpKind } from './graph';
import type { Convention } from './ops';

/** One line each: what the convention counts (the tour's table of conventions). */
export const CONVENTION_EXPLANATIONS: Record<Convention, string> = {
  paper:
    "The official repo's torchstat: modules only, each counted once on its last call, upsampling without channels; M = 2^20.",
  mmcv: 'mmcv 1.x, as mmpose docs quote: every call of conv, BN, ReLU, pooling and upsample modules; functional ops free.',
  conv: 'Only the multiply-accumulates of convolutions, without bias: the bare arithmetic core.',
  full: 'Every op that runs, functional ones too (weighting multiplies, adds, resizes, concat and shuffle copies), every call.',
  fvcore:
    'fvcore FlopCountAnalysis: traced aten ops that reach the output; convs without bias, BN 2 per element, pooling, resizes (bilinear 4 per element); ReLU, sigmoid, * and + skipped.',
  ptflops:
    "ptflops backend='pytorch': module hooks plus patched F.* calls, so ReLU, nn.Upsample and the global pool count twice; sigmoid, * and + free.",
  'ptflops-aten':
    "ptflops backend='aten': convolutions with their bias and nothing else; every call.",
  thop: 'thop 0.1.1 profile: module hooks; convs without bias, BN 4 per element, ReLU 0, global pool C·(H·W+1); functional ops free.',
  hrnet:
    "HRNet's get_model_summary (its README's GFLOPs): convolution and linear multiply-adds without bias, every call; nothing else; G = 2^30."
};

interface OpWords {
  /** The formula in words, for the views and the docs. */
  formula: Record<Convention, string>;
  /** The same rule in a word or two, for the table that sets the conventions side by side. */
  brief: Record<Convention, string>;
}

/** ops.ts derives `hrnet` for every kind from `conv` (see hrnetWords below). */
type KindWords = {
  formula: Record<Exclude<Convention, 'hrnet'>, string>;
  brief: Record<Exclude<Convention, 'hrnet'>, string>;
};

const FREE = 'not counted';
const SKIPPED = 'skipped';
const CONV_WITH_BIAS = 'k·k·C_in·(C_out/groups)·H_out·W_out (+ C_out·H_out·W_out with bias)';
const CONV_NO_BIAS = 'k·k·(C_in/groups)·C_out·H_out·W_out';

/** The words of an op kind that no tool counts (ops.ts `uncountedCost`). */
function uncountedWords(
  fullFormula: string,
  fullBrief: string,
  why: { fvcore: string; module?: boolean }
): KindWords {
  const hookless = why.module ? 'not counted (no hook)' : 'not counted (functional)';
  return {
    formula: {
      paper: why.module ? 'not counted (no handler)' : hookless,
      mmcv: hookless,
      conv: FREE,
      full: fullFormula,
      fvcore: why.fvcore,
      ptflops: why.module ? 'not counted (no hook)' : 'not counted (not patched)',
      'ptflops-aten': 'not counted (not a convolution)',
      thop: hookless
    },
    brief: {
      paper: '0',
      mmcv: '0',
      conv: '0',
      full: fullBrief,
      fvcore: SKIPPED,
      ptflops: '0',
      'ptflops-aten': '0',
      thop: '0'
    }
  };
}

const KIND_WORDS: Record<OpKind, KindWords> = {
  conv2d: {
    formula: {
      paper: CONV_WITH_BIAS,
      mmcv: CONV_WITH_BIAS,
      conv: CONV_NO_BIAS,
      full: 'k·k·(C_in/groups)·C_out·H_out·W_out (+ C_out·H_out·W_out with bias)',
      fvcore: `${CONV_NO_BIAS} (aten::_convolution, bias ignored)`,
      ptflops: CONV_WITH_BIAS,
      'ptflops-aten': `${CONV_NO_BIAS} (+ C_out·H_out·W_out with bias)`,
      thop: `${CONV_NO_BIAS} (bias ignored)`
    },
    brief: {
      paper: 'k²·C_in/g·C_out·HW + bias',
      mmcv: 'k²·C_in/g·C_out·HW + bias',
      conv: 'k²·C_in/g·C_out·HW',
      full: 'k²·C_in/g·C_out·HW + bias',
      fvcore: 'k²·C_in/g·C_out·HW',
      ptflops: 'k²·C_in/g·C_out·HW + bias',
      'ptflops-aten': 'k²·C_in/g·C_out·HW + bias',
      thop: 'k²·C_in/g·C_out·HW'
    }
  },
  batchnorm: {
    formula: {
      paper: '2·N·C·H·W',
      mmcv: '2·N·C·H·W',
      conv: FREE,
      full: '2·N·C·H·W (scale and shift)',
      fvcore: '2·N·C·H·W (aten::batch_norm, eval mode, affine)',
      ptflops: '2·N·C·H·W',
      'ptflops-aten': 'not counted (no batch-norm handler)',
      thop: '4·N·C·H·W (2·numel, doubled again for affine)'
    },
    brief: {
      paper: '2·numel',
      mmcv: '2·numel',
      conv: '0',
      full: '2·numel',
      fvcore: '2·numel',
      ptflops: '2·numel',
      'ptflops-aten': '0',
      thop: '4·numel'
    }
  },
  relu: {
    formula: {
      paper: 'N·C·H·W',
      mmcv: 'N·C·H·W',
      conv: FREE,
      full: 'N·C·H·W',
      fvcore: 'not counted (aten::relu_ is on its ignore list)',
      ptflops: '2·N·C·H·W (module hook + patched F.relu)',
      'ptflops-aten': 'not counted (not a convolution)',
      thop: 'not counted (nn.ReLU is zero_ops)'
    },
    brief: {
      paper: 'numel',
      mmcv: 'numel',
      conv: '0',
      full: 'numel',
      fvcore: SKIPPED,
      ptflops: '2·numel',
      'ptflops-aten': '0',
      thop: '0'
    }
  },
  sigmoid: uncountedWords('N·C·H·W', 'numel', {
    fvcore: 'not counted (aten::sigmoid unsupported)',
    module: true
  }),
  global_avgpool: {
    formula: {
      paper: 'N·C·(H+1)·(W+1)',
      mmcv: 'N·C·H·W (input)',
      conv: FREE,
      full: 'N·C·H·W (input)',
      fvcore: 'N·C·H·W (input; aten::adaptive_avg_pool2d)',
      ptflops: '2·N·C·H·W (module hook + patched F.adaptive_avg_pool2d)',
      'ptflops-aten': 'not counted (not a convolution)',
      thop: 'N·C·(H·W + 1) (H·W adds and 1 divide per output)'
    },
    brief: {
      paper: 'C·(H+1)·(W+1)',
      mmcv: 'numel in',
      conv: '0',
      full: 'numel in',
      fvcore: 'numel in',
      ptflops: '2·numel in',
      'ptflops-aten': '0',
      thop: 'C·(H·W+1)'
    }
  },
  upsample_nearest: {
    formula: {
      paper: 'N·H_out·W_out (channels dropped by a torchstat bug)',
      mmcv: 'N·C·H_out·W_out',
      conv: FREE,
      full: 'N·C·H_out·W_out (copies)',
      fvcore: 'N·C·H_out·W_out (aten::upsample_nearest2d)',
      ptflops: '2·N·C·H_out·W_out (module hook + patched F.interpolate)',
      'ptflops-aten': 'not counted (not a convolution)',
      thop: 'N·C·H_out·W_out'
    },
    brief: {
      paper: 'H·W out (no C)',
      mmcv: 'numel out',
      conv: '0',
      full: 'numel out',
      fvcore: 'numel out',
      ptflops: '2·numel out',
      'ptflops-aten': '0',
      thop: 'numel out'
    }
  },
  adaptive_avgpool: {
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: 'N·C·H·W (input)',
      fvcore: 'N·C·H·W (input; aten::adaptive_avg_pool2d)',
      ptflops: 'N·C·H·W (input; patched F.adaptive_avg_pool2d)',
      'ptflops-aten': 'not counted (not a convolution)',
      thop: 'not counted (functional)'
    },
    brief: {
      paper: '0',
      mmcv: '0',
      conv: '0',
      full: 'numel in',
      fvcore: 'numel in',
      ptflops: 'numel in',
      'ptflops-aten': '0',
      thop: '0'
    }
  },
  resize_nearest: {
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: 'N·C·H_out·W_out (copies)',
      fvcore: 'N·C·H_out·W_out (aten::upsample_nearest2d)',
      ptflops: 'N·C·H_out·W_out (patched F.interpolate)',
      'ptflops-aten': 'not counted (not a convolution)',
      thop: 'not counted (functional)'
    },
    brief: {
      paper: '0',
      mmcv: '0',
      conv: '0',
      full: 'numel out',
      fvcore: 'numel out',
      ptflops: 'numel out',
      'ptflops-aten': '0',
      thop: '0'
    }
  },
  resize_bilinear: {
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: '4·N·C·H_out·W_out',
      fvcore: '4·N·C·H_out·W_out (aten::upsample_bilinear2d)',
      ptflops: 'N·C·H_out·W_out (patched F.interpolate, any mode)',
      'ptflops-aten': 'not counted (not a convolution)',
      thop: 'not counted (functional)'
    },
    brief: {
      paper: '0',
      mmcv: '0',
      conv: '0',
      full: '4·numel out',
      fvcore: '4·numel out',
      ptflops: 'numel out',
      'ptflops-aten': '0',
      thop: '0'
    }
  },
  slice: uncountedWords('0 (a view)', '0 (view)', {
    fvcore: 'not counted (aten::chunk/split ignored)'
  }),
  concat: uncountedWords('N·C·H·W (copies)', 'numel (copy)', {
    fvcore: 'not counted (aten::cat ignored)'
  }),
  channel_shuffle: uncountedWords('N·C·H·W (copies)', 'numel (copy)', {
    fvcore: 'not counted (view, transpose, contiguous ignored)'
  }),
  mul: uncountedWords('N·C·H·W', 'numel', {
    fvcore: 'not counted (aten::mul unsupported)'
  }),
  add: uncountedWords('N·C·H·W', 'numel', {
    fvcore: 'not counted (aten::add/add_ unsupported)'
  })
};

/** get_model_summary: a conv's weight numel times its output H·W; no other kind has a rule. */
function hrnetWords(kind: OpKind, words: KindWords): OpWords {
  const conv = kind === 'conv2d';
  return {
    formula: {
      ...words.formula,
      hrnet: conv
        ? `${CONV_NO_BIAS} (weight numel · H_out·W_out, bias ignored)`
        : 'not counted (only Conv and Linear modules)'
    },
    brief: { ...words.brief, hrnet: conv ? 'k²·C_in/g·C_out·HW' : '0' }
  };
}

const WORDS = Object.fromEntries(
  (Object.keys(KIND_WORDS) as OpKind[]).map((kind) => [kind, hrnetWords(kind, KIND_WORDS[kind])])
) as Record<OpKind, OpWords>;

export function opFormula(kind: OpKind, convention: Convention): string {
  return WORDS[kind].formula[convention];
}

/** The rule in a word or two ("2·numel", "skipped"), for tables that set conventions side by side. */
export function opBrief(kind: OpKind, convention: Convention): string {
  return WORDS[kind].brief[convention];
}
