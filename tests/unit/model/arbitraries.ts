/** fast-check generators of valid configs (the validator's rules, restated) and of garbage. */
import fc from 'fast-check';
import type { LiteHRNetConfig, StageConfig } from '$lib/model';
import {
  BLOCK_TYPES,
  FUSION_CONVS,
  FUSION_MODES,
  RESIDUAL_BLOCK_TYPES,
  STEM_TYPES
} from '$lib/model';

const evenWidth = (min: number) => fc.integer({ min: min / 2, max: 48 }).map((h) => 2 * h);
/** Bottleneck widths are 4x the inner width. */
const quadWidth = fc.integer({ min: 1, max: 24 }).map((q) => 4 * q);

function stage(maxBranches: number): fc.Arbitrary<StageConfig> {
  return fc
    .record({
      block: fc.constantFrom(...BLOCK_TYPES),
      modules: fc.integer({ min: 1, max: 3 }),
      blocks: fc.integer({ min: 1, max: 2 }),
      fuse: fc.boolean(),
      fusionConv: fc.constantFrom(...FUSION_CONVS),
      branches: fc.integer({ min: 1, max: maxBranches })
    })
    .chain(({ block, branches, ...rest }) => {
      const n = block === 'lite' ? Math.max(2, branches) : branches;
      const width =
        block === 'bottleneck'
          ? quadWidth
          : block === 'basic'
            ? fc.integer({ min: 2, max: 96 })
            : evenWidth(block === 'lite' ? 8 : 2);
      return fc.array(width, { minLength: n, maxLength: n }).chain((widths) => {
        const halves = widths.reduce((t, w) => t + w / 2, 0);
        return fc
          .integer({ min: 1, max: Math.max(1, Math.min(64, Math.floor(halves))) })
          .map((reduceRatio) => ({ ...rest, block, widths, reduceRatio }));
      });
    });
}

/** Valid configs, kept small so a property run takes a moment. */
export const validConfig: fc.Arbitrary<LiteHRNetConfig> = fc
  .record({
    stemHalf: fc.integer({ min: 1, max: 24 }),
    widen: fc.integer({ min: 0, max: 8 }),
    expandRatio: fc.constantFrom(0.5, 1, 1.5, 2),
    stemType: fc.constantFrom(...STEM_TYPES),
    layer1Blocks: fc.integer({ min: 0, max: 2 }),
    layer1Block: fc.constantFrom(...RESIDUAL_BLOCK_TYPES),
    multiScaleOutput: fc.boolean(),
    stages: fc.array(stage(4), { minLength: 1, maxLength: 3 }),
    withHead: fc.boolean(),
    keypointHead: fc.boolean(),
    joints: fc.integer({ min: 1, max: 20 }),
    fusion: fc.constantFrom(...FUSION_MODES),
    hUnits: fc.integer({ min: 1, max: 4 }),
    wUnits: fc.integer({ min: 1, max: 4 })
  })
  .map((r) => {
    const stemChannels = 2 * r.stemHalf;
    const maxBranches = Math.max(...r.stages.map((s) => s.widths.length));
    const unit = 4 * 2 ** (maxBranches - 1);
    const side = (u: number) => Math.max(32, unit * u);
    // An HRNet stage 1 without blocks keeps the stem width; bottlenecks need a multiple of 4.
    const hrnetOut =
      r.layer1Blocks === 0
        ? stemChannels
        : r.layer1Block === 'bottleneck'
          ? 4 * (r.stemHalf + r.widen)
          : stemChannels + r.widen;
    return {
      stem: {
        type: r.stemType,
        stemChannels,
        outChannels:
          r.stemType === 'hrnet'
            ? hrnetOut
            : r.widen === 0
              ? stemChannels
              : stemChannels + 2 * r.widen,
        expandRatio: r.expandRatio,
        layer1Blocks: r.layer1Blocks,
        layer1Block: r.layer1Block
      },
      stages: r.stages,
      withHead: r.withHead,
      keypointHead: r.keypointHead,
      joints: r.joints,
      input: { height: side(r.hUnits), width: side(r.wUnits) },
      fusion: r.fusion,
      // The IterativeHead reads every branch.
      multiScaleOutput: r.withHead || r.multiScaleOutput
    };
  });

/** A valid config with one field replaced by something arbitrary (often invalid). */
export const mutatedConfig: fc.Arbitrary<unknown> = fc
  .tuple(validConfig, fc.anything(), fc.nat(), fc.nat())
  .map(([config, junk, a, b]) => {
    const copy = JSON.parse(JSON.stringify(config)) as LiteHRNetConfig;
    // Plain data from JSON: any field may be overwritten with anything.
    const paths: Array<(c: LiteHRNetConfig) => void> = [
      (c) => (c.stem = junk as never),
      (c) => (c.stem.stemChannels = junk as never),
      (c) => (c.stages = junk as never),
      (c) => (c.stages[a % c.stages.length] = junk as never),
      (c) => (c.stages[a % c.stages.length].widths = junk as never),
      (c) => (c.stages[a % c.stages.length].widths[b % 4] = junk as never),
      (c) => (c.stages[a % c.stages.length].block = junk as never),
      (c) => (c.input = junk as never),
      (c) => (c.input.height = junk as never),
      (c) => (c.joints = junk as never),
      (c) => (c.fusion = junk as never)
    ];
    paths[(a + b) % paths.length](copy);
    return copy;
  });
