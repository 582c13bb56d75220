/** fast-check generators of valid configs (the validator's rules, restated) and of garbage. */
import fc from 'fast-check';
import type { LiteHRNetConfig, StageConfig } from '$lib/model';
import { BLOCK_TYPES, FUSION_MODES } from '$lib/model';

const evenWidth = (min: number) => fc.integer({ min: min / 2, max: 48 }).map((h) => 2 * h);

function stage(maxBranches: number): fc.Arbitrary<StageConfig> {
  return fc
    .record({
      block: fc.constantFrom(...BLOCK_TYPES),
      modules: fc.integer({ min: 1, max: 3 }),
      blocks: fc.integer({ min: 1, max: 2 }),
      fuse: fc.boolean(),
      branches: fc.integer({ min: 1, max: maxBranches })
    })
    .chain(({ block, branches, ...rest }) => {
      const n = block === 'lite' ? Math.max(2, branches) : branches;
      return fc
        .array(evenWidth(block === 'lite' ? 8 : 2), { minLength: n, maxLength: n })
        .chain((widths) => {
          const halves = widths.reduce((t, w) => t + w / 2, 0);
          return fc
            .integer({ min: 1, max: Math.min(64, halves) })
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
    return {
      stem: {
        stemChannels,
        outChannels: r.widen === 0 ? stemChannels : stemChannels + 2 * r.widen,
        expandRatio: r.expandRatio
      },
      stages: r.stages,
      withHead: r.withHead,
      keypointHead: r.keypointHead,
      joints: r.joints,
      input: { height: side(r.hUnits), width: side(r.wUnits) },
      fusion: r.fusion
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
