/**
 * fast-check arbitraries for configs and states that validate.ts accepts, built from its rules
 * (LIMITS, even widths, ≥ 8 and ≥ 2 branches for LITE, a reduce ratio that leaves the
 * cross-resolution weighting a channel, inputs divisible by 4·2^(branches−1)).
 */
import fc from 'fast-check';
import type { BlockType, LiteHRNetConfig, StageConfig } from '$lib/model';
import {
  BLOCK_TYPES,
  CONVENTIONS,
  FUSION_MODES,
  LIMITS,
  LITE_HRNET_DEFAULTS,
  PRESETS,
  PRESET_IDS,
  isResidualBlock
} from '$lib/model';
import type { ExplorerState } from '$lib/share/state';
import { COST_UNITS } from '$lib/share/state';

const even = (min: number, max: number) =>
  fc.integer({ min: Math.ceil(min / 2), max: Math.floor(max / 2) }).map((k) => 2 * k);

export const stemArb = fc
  .record({
    stemChannels: even(LIMITS.stemChannels.min, LIMITS.stemChannels.max),
    extra: even(0, LIMITS.stemChannels.max),
    expandRatio: fc.oneof(
      fc.constantFrom(0.25, 0.5, 1, 2, 8),
      fc.double({ min: LIMITS.expandRatio.min, max: LIMITS.expandRatio.max, noNaN: true })
    )
  })
  .map(({ stemChannels, extra, expandRatio }) => ({
    ...LITE_HRNET_DEFAULTS.stem,
    stemChannels,
    outChannels: Math.min(LIMITS.stemChannels.max, stemChannels + extra),
    expandRatio
  }));

function stageArb(): fc.Arbitrary<StageConfig> {
  // The link codec writes Lite-HRNet's fields; HRNet's stem, stage 1 and residual blocks next.
  return fc
    .constantFrom<BlockType>(...BLOCK_TYPES.filter((b) => !isResidualBlock(b)))
    .chain((block) => {
      const lite = block === 'lite';
      const width =
        block === 'bottleneck'
          ? fc.integer({ min: 1, max: LIMITS.width.max / 4 }).map((k) => 4 * k)
          : even(lite ? 8 : LIMITS.width.min, LIMITS.width.max);
      const widths = fc.array(width, {
        minLength: lite ? 2 : LIMITS.branches.min,
        maxLength: LIMITS.branches.max
      });
      return widths.chain((ws) => {
        const halves = ws.reduce((c, w) => c + w / 2, 0);
        const maxRatio = lite ? Math.min(LIMITS.reduceRatio.max, halves) : LIMITS.reduceRatio.max;
        return fc.record({
          modules: fc.integer(LIMITS.modules),
          blocks: fc.integer(LIMITS.blocks),
          block: fc.constant(block),
          fuse: fc.boolean(),
          reduceRatio: fc.integer({ min: LIMITS.reduceRatio.min, max: maxRatio }),
          widths: fc.constant(ws),
          fusionConv: fc.constant(LITE_HRNET_DEFAULTS.stage.fusionConv)
        });
      });
    });
}

/** Often the presets' own widths, so the short `w`-less links are exercised too. */
const presetLikeStageArb: fc.Arbitrary<StageConfig> = fc
  .record({
    n: fc.integer({ min: 2, max: 4 }),
    block: fc.constantFrom('lite', 'naive') as fc.Arbitrary<'lite' | 'naive'>,
    modules: fc.integer(LIMITS.modules)
  })
  .map(({ n, block, modules }) => ({
    modules,
    blocks: 2,
    block,
    fuse: true,
    reduceRatio: 8,
    widths: [40, 80, 160, 320].slice(0, n),
    ...LITE_HRNET_DEFAULTS.stage
  }));

export const configArb: fc.Arbitrary<LiteHRNetConfig> = fc
  .array(fc.oneof(stageArb(), presetLikeStageArb), {
    minLength: LIMITS.stages.min,
    maxLength: LIMITS.stages.max
  })
  .chain((stages) => {
    const factor = 4 * 2 ** (Math.max(...stages.map((s) => s.widths.length)) - 1);
    const side = fc
      .integer({
        min: Math.ceil(LIMITS.inputSide.min / factor),
        max: Math.floor(LIMITS.inputSide.max / factor)
      })
      .map((k) => k * factor);
    return fc.record({
      stem: stemArb,
      stages: fc.constant(stages),
      withHead: fc.boolean(),
      keypointHead: fc.boolean(),
      joints: fc.integer(LIMITS.joints),
      input: fc.record({ height: side, width: side }),
      fusion: fc.constantFrom(...FUSION_MODES),
      multiScaleOutput: fc.constant(LITE_HRNET_DEFAULTS.multiScaleOutput)
    });
  });

function focusArb(config: LiteHRNetConfig): fc.Arbitrary<string | null> {
  const stage = fc.integer({ min: 0, max: config.stages.length - 1 });
  return fc.oneof(
    fc.constant(null),
    fc.constant('stem'),
    stage.map((s) => `stage${s}`),
    stage.map((s) => `transition${s}`),
    fc.constant(config.withHead || config.keypointHead ? 'head' : 'stem'),
    stage.chain((s) =>
      fc
        .tuple(
          fc.integer({ min: 0, max: config.stages[s].modules - 1 }),
          fc.integer({ min: 0, max: config.stages[s].blocks - 1 })
        )
        .map(([m, b]) => `stage${s}.${m}.${b}`)
    )
  );
}

const selectedArb = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'keypoint_head.final_layer@0',
    'backbone.stage1.2.layers.0.cross_resolution_weighting.conv1.conv@0',
    'backbone.stage0.0.fuse_layers.1.0.0.0@1'
  )
);

export const stateArb: fc.Arbitrary<ExplorerState> = configArb.chain((config) =>
  fc.record({
    // Lite-HRNet presets: a link's baseline supplies the HRNet fields the codec does not write yet.
    preset: fc.constantFrom(...PRESET_IDS.filter((id) => PRESETS[id].family === 'litehrnet')),
    config: fc.constant(config),
    convention: fc.constantFrom(...CONVENTIONS),
    unit: fc.constantFrom(...COST_UNITS),
    focus: focusArb(config),
    selected: selectedArb,
    present: fc.boolean()
  })
);
