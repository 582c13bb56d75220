/**
 * "From HRNet to Lite-HRNet": the paper's path (Yu et al. 2021, Sec. 3) as configs this explorer
 * builds. Start from HRNet-W32; replace the stem's second 3x3 conv (and stage 1) and every
 * residual block with a shuffle block; replace the fusion's normal 3x3 convs with separable ones;
 * take Naive Lite-HRNet-18's own depth and widths (that is Naive Lite-HRNet-18); then replace the
 * shuffle block's 1x1 convs with conditional channel weighting (Lite-HRNet-18). Each row is built
 * and counted live, at the tour model's input size.
 */
import type { Analysis, InputSize, LiteHRNetConfig } from '$lib/model';
import { analyzeConfig, presetConfig } from '$lib/model';

export interface LineageStep {
  key: string;
  label: string;
  /** What changed from the row before, in the paper's words. */
  change: string;
  config: LiteHRNetConfig;
}

/** HRNet-W32 with Lite-HRNet's shuffle stem and shuffle blocks; its depth, widths and ends kept. */
function shuffled(hrnet: LiteHRNetConfig): LiteHRNetConfig {
  const lite = presetConfig('naive_litehrnet_18', hrnet.input, hrnet.joints);
  return {
    ...hrnet,
    stem: { ...lite.stem },
    stages: hrnet.stages.map((s) => ({ ...s, widths: [...s.widths], block: 'naive' }))
  };
}

function separable(config: LiteHRNetConfig): LiteHRNetConfig {
  return {
    ...config,
    stages: config.stages.map((s) => ({ ...s, widths: [...s.widths], fusionConv: 'separable' }))
  };
}

export function lineage(input: InputSize, joints: number): LineageStep[] {
  const hrnet = presetConfig('hrnet_w32', input, joints);
  const shuffle = shuffled(hrnet);
  return [
    { key: 'hrnet', label: 'HRNet-W32', change: 'the starting point', config: hrnet },
    {
      key: 'shuffle',
      label: 'Shuffle blocks',
      change:
        'the stem’s second 3×3 conv and stage 1 become a shuffle block, every residual block a shuffle block',
      config: shuffle
    },
    {
      key: 'separable',
      label: 'Separable fusion',
      change: 'the 3×3 convs of transitions and fusion become 3×3 depthwise + 1×1',
      config: separable(shuffle)
    },
    {
      key: 'naive',
      label: 'Naive Lite-HRNet-18',
      change:
        'its own depth (2, 4, 2 modules of 2 blocks) and widths (30–240), the IterativeHead, the official fusion sum',
      config: presetConfig('naive_litehrnet_18', input, joints)
    },
    {
      key: 'lite',
      label: 'Lite-HRNet-18',
      change: 'conditional channel weighting replaces the shuffle block’s 1×1 convs; widths 40–320',
      config: presetConfig('litehrnet_18', input, joints)
    }
  ];
}

/** Each step built and counted; null where the input cannot run that network (say, not ÷32). */
export function lineageAnalyses(input: InputSize, joints: number): (Analysis | null)[] {
  return lineage(input, joints).map((s) => {
    const a = analyzeConfig(s.config);
    return a.ok ? a : null;
  });
}
