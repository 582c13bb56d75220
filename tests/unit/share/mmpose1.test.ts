/**
 * mmpose 1.x configs (`TopdownPoseEstimator`, `head=dict(type='HeatmapHead', …)`, `codec`) import
 * as the 0.x ones do. The fixtures were written from the facts of mmpose main's Lite-HRNet
 * configs (tests/unit/share/fixtures-mmpose1/); the expected counts are the official README's
 * (HRNet/Lite-HRNet), not this code's output.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeConfig, presetConfig } from '$lib/model';
import { IMAGENET_NORMALISATION } from '$lib/model/normalisation';
import { importConfigText } from '$lib/share/import';
import { importMmpose, parseMmposeStyle, printMmpose } from '$lib/share/mmpose';
import { wideConfigArb } from './arbitraries';

const dir = fileURLToPath(new URL('./fixtures-mmpose1/', import.meta.url));
const fixture = (name: string) => readFileSync(`${dir}${name}`, 'utf8');

/** Params (exact) and paper-convention FLOPs (M = 2^20, one decimal) of a config. */
function counts(text: string) {
  const r = importMmpose(text);
  expect(r.problems).toEqual([]);
  const a = analyzeConfig(r.config!);
  if (!a.ok) throw new Error('invalid');
  return {
    params: a.costs.totals.params,
    flopsM: (a.costs.totals.macs.paper / 2 ** 20).toFixed(1),
    config: r.config!
  };
}

/**
 * The README's numbers. The hand model (COCO-WholeBody-Hand, 21 joints, 256x256) is not in it;
 * derived from the MPII row (16 joints, same input): the 1x1 head with bias has 41 params per
 * joint (40 in + bias), so +5 joints is +205 params: 1,130,728 + 205 = 1,130,933; and
 * 41·64·64 = 167,936 MACs per joint, so 286,710,400 + 5·167,936 = 287,550,080 MACs ÷ 2^20 = 274.2M
 * (286,710,400 is torchstat's exact MPII total, tests/oracle/fixtures/presets.json).
 */
const README: Record<string, { params: number; flopsM: string; joints: number; hw: string }> = {
  'td-hm_litehrnet-18_8xb64-210e_coco-256x192.py': {
    params: 1_130_769,
    flopsM: '205.2',
    joints: 17,
    hw: '256x192'
  },
  'td-hm_litehrnet-18_8xb32-210e_coco-384x288.py': {
    params: 1_130_769,
    flopsM: '461.6',
    joints: 17,
    hw: '384x288'
  },
  'td-hm_litehrnet-30_8xb64-210e_coco-256x192.py': {
    params: 1_763_717,
    flopsM: '319.2',
    joints: 17,
    hw: '256x192'
  },
  'td-hm_litehrnet-30_8xb32-210e_coco-384x288.py': {
    params: 1_763_717,
    flopsM: '717.8',
    joints: 17,
    hw: '384x288'
  },
  'td-hm_litehrnet-18_8xb64-210e_mpii-256x256.py': {
    params: 1_130_728,
    flopsM: '273.4',
    joints: 16,
    hw: '256x256'
  },
  'td-hm_litehrnet-30_8xb64-210e_mpii-256x256.py': {
    params: 1_763_676,
    flopsM: '425.3',
    joints: 16,
    hw: '256x256'
  },
  'td-hm_litehrnet-w18_8xb32-210e_coco-wholebody-hand-256x256.py': {
    params: 1_130_933,
    flopsM: '274.2',
    joints: 21,
    hw: '256x256'
  }
};

describe('importMmpose: mmpose 1.x configs', () => {
  it('covers every Lite-HRNet config of mmpose main (COCO, MPII, COCO-WholeBody-Hand)', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(README).sort());
  });

  it.each(Object.entries(README))('%s gives the README’s params and FLOPs', (name, want) => {
    const got = counts(fixture(name));
    expect(got.params).toBe(want.params);
    expect(got.flopsM).toBe(want.flopsM);
    expect(got.config.keypointHead).toBe(true);
    expect(got.config.joints).toBe(want.joints);
    // codec input_size is (width, height): (192, 256) is 256 high.
    expect(`${got.config.input.height}x${got.config.input.width}`).toBe(want.hw);
  });

  it('the issue’s config: 205.2M and 1,130,769 params with the head on (not 203.2M / 1,130,072)', () => {
    const r = importMmpose(fixture('td-hm_litehrnet-18_8xb64-210e_coco-256x192.py'));
    expect(r.config).toEqual(presetConfig('litehrnet_18'));
    expect(r.style).toBe('1.x');
    expect(r.notes.some((n) => /no keypoint|head is off/.test(n))).toBe(false);
  });

  it('reads data_preprocessor: ImageNet mean/std in 0–255, RGB', () => {
    const r = importMmpose(fixture('td-hm_litehrnet-30_8xb64-210e_mpii-256x256.py'));
    expect(r.normalisation).toEqual({
      mean: [123.675, 116.28, 103.53],
      std: [58.395, 57.12, 57.375],
      order: 'rgb'
    });
  });

  it('only notes the statements it cannot read (pipelines with {{_base_…}}, string sums)', () => {
    const r = importMmpose(fixture('td-hm_litehrnet-18_8xb64-210e_mpii-256x256.py'));
    expect(r.notes).toEqual([expect.stringMatching(/statement\(s\) elsewhere .* skipped/)]);
  });

  it('a 0.x config is still 0.x and carries no normalisation', () => {
    const text = printMmpose(presetConfig('litehrnet_18'));
    const r = importMmpose(text);
    expect(r.style).toBe('0.x');
    expect(r.normalisation).toBeNull();
    expect(r.config).toEqual(presetConfig('litehrnet_18'));
  });
});

describe('importMmpose: 1.x details', () => {
  const base = fixture('td-hm_litehrnet-18_8xb64-210e_coco-256x192.py');

  it('head=None turns the keypoint head off and says so', () => {
    const text = base.replace(/ {4}head=dict\([\s\S]*?decoder=codec\),/, '    head=None,');
    const r = importMmpose(text);
    expect(r.config?.keypointHead).toBe(false);
    expect(r.notes).toContain('The model has no head: the keypoint head is off.');
  });

  it('a HeatmapHead without deconv_out_channels has three deconvolutions: noted', () => {
    const r = importMmpose(base.replace('deconv_out_channels=None,', ''));
    expect(r.config?.keypointHead).toBe(true);
    expect(r.notes.join(' ')).toContain('default three 256-wide deconvolutions');
  });

  it('deconv_out_channels=() is the same 1x1 head as None, without a note', () => {
    const r = importMmpose(base.replace('deconv_out_channels=None', 'deconv_out_channels=()'));
    expect(r.notes.join(' ')).not.toContain('deconv');
  });

  it('reads the input from the head’s decoder when there is no codec name', () => {
    const text = base
      .replace(/codec = dict\(\n.*\n/, '')
      .replace(
        'decoder=codec',
        "decoder=dict(type='MSRAHeatmap', input_size=(288, 384), heatmap_size=(72, 96), sigma=3)"
      );
    const r = importMmpose(text);
    expect(r.problems).toEqual([]);
    expect(r.config?.input).toEqual({ height: 384, width: 288 });
  });

  it('a codec input_size of three numbers is a problem naming codec.input_size', () => {
    const r = importMmpose(base.replace('input_size=(192, 256)', 'input_size=(192, 256, 3)'));
    expect(r.config).toBeNull();
    // The fixture's unreadable pipeline line is listed too; the model's problem is the one with a field.
    expect(r.problems.filter((p) => p.field)).toEqual([
      {
        line: expect.any(Number),
        field: 'codec.input_size',
        message: 'expected (width, height), found 3 numbers.'
      }
    ]);
  });

  it('joints that cannot run are reported as model.head.out_channels', () => {
    const r = importMmpose(base.replace('out_channels=17', 'out_channels=0'));
    expect(r.config).toBeNull();
    expect(r.problems.map((p) => p.field)).toContain('model.head.out_channels');
  });

  it('bgr_to_rgb=False means the network takes BGR; a std of 0 is a problem', () => {
    const bgr = importMmpose(base.replace('bgr_to_rgb=True', 'bgr_to_rgb=False'));
    expect(bgr.normalisation?.order).toBe('bgr');
    expect(bgr.notes.join(' ')).toContain('BGR order');
    const zero = importMmpose(base.replace('std=[58.395', 'std=[0'));
    expect(zero.config).toBeNull();
    expect(zero.problems.filter((p) => p.field).map((p) => p.field)).toEqual([
      'model.data_preprocessor.std'
    ]);
  });

  it('a pasted model dict alone (no codec) is 1.x and assumes 256x192, saying so', () => {
    const model = base.slice(base.indexOf('model = dict('), base.indexOf('# mmengine'));
    const r = importMmpose(model.replace('decoder=codec', 'decoder=None'));
    expect(r.style).toBe('1.x');
    expect(r.config?.input).toEqual({ height: 256, width: 192 });
    expect(r.notes).toContain(
      'No codec.input_size in the text: assumed the COCO input, 256x192 (height x width).'
    );
  });
});

describe('printMmpose in the 1.x style', () => {
  it('writes codec (width, height), data_preprocessor and a HeatmapHead without deconvs', () => {
    const c = presetConfig('litehrnet_18', { height: 384, width: 288 });
    const text = printMmpose(c, { style: '1.x' });
    expect(text).toContain(
      "type='MSRAHeatmap', input_size=(288, 384), heatmap_size=(72, 96), sigma=3)"
    );
    expect(text).toContain('mean=[123.675, 116.28, 103.53],');
    expect(text).toContain('std=[58.395, 57.12, 57.375],');
    expect(text).toContain("type='HeatmapHead',");
    expect(text).toContain('deconv_out_channels=None,');
    expect(text).toContain('decoder=codec),');
  });

  it('re-imports to the same config and normalisation, for any valid config', () => {
    fc.assert(
      fc.property(wideConfigArb, (config) => {
        const back = importConfigText(printMmpose(config, { style: '1.x' }));
        expect(back.problems).toEqual([]);
        expect(back.config).toEqual(config);
        const off = ['The model has no head: the keypoint head is off.'];
        // mmpose's HRNet has stage2–stage4; other counts read here, with a note.
        const n = config.stages.length;
        const stages =
          config.stem.type === 'hrnet' && n !== 3
            ? [
                `model.backbone.extra has stage2–stage${n + 1}; mmpose's HRNet builds exactly stage2–stage4.`
              ]
            : [];
        expect(back.notes).toEqual([...stages, ...(config.keypointHead ? [] : off)]);
        expect(back.style).toBe('1.x');
        expect(back.normalisation).toEqual(IMAGENET_NORMALISATION);
      }),
      { numRuns: 300 }
    );
  });

  it('parseMmposeStyle reads 0, 1, 0.x and 1.x and nothing else', () => {
    expect(['0', '1', '0.x', '1.x', '2', ''].map(parseMmposeStyle)).toEqual([
      '0.x',
      '1.x',
      '0.x',
      '1.x',
      null,
      null
    ]);
  });
});
