import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUT_PRESETS, presetConfig, validateConfig } from '$lib/model';
import { defaultState } from '$lib/share/state';
import type { ExplorerState } from '$lib/share/state';
import { decodeState, encodeState } from '$lib/share/url';
import { configArb, stateArb } from './arbitraries';

function stateOf(partial: Partial<ExplorerState>): ExplorerState {
  return { ...defaultState(), ...partial };
}

describe('encodeState', () => {
  it('writes only the version and the model for an unedited preset', () => {
    expect(encodeState(defaultState())).toBe('v=1&m=litehrnet_18');
  });

  it('writes the brief’s example: Lite-HRNet-30 at 384x288 with a naive Stage 2', () => {
    const config = presetConfig('litehrnet_30', INPUT_PRESETS.coco_384x288.input, 17);
    config.stages[0].block = 'naive';
    expect(encodeState(stateOf({ preset: 'litehrnet_30', config }))).toBe(
      'v=1&m=litehrnet_30&in=384x288&s2=naive'
    );
  });

  it('writes the MPII input as in= and j=', () => {
    const config = presetConfig('litehrnet_18', { height: 256, width: 256 }, 16);
    expect(encodeState(stateOf({ config }))).toBe('v=1&m=litehrnet_18&in=256x256&j=16');
  });

  it('writes one shared width list when every stage takes a prefix of it', () => {
    // Naive-18's widths loaded on the Lite-HRNet-18 preset: 30,60 / 30,60,120 / 30,60,120,240.
    const config = presetConfig('litehrnet_18');
    config.stages.forEach((s, i) => (s.widths = [30, 60, 120, 240].slice(0, i + 2)));
    expect(encodeState(stateOf({ config }))).toBe('v=1&m=litehrnet_18&w=30,60,120,240');
  });

  it('writes a fourth stage as n= plus its own settings', () => {
    const config = presetConfig('litehrnet_18');
    config.stages.push({ ...config.stages[2], modules: 1, widths: [40, 80, 160, 320, 640] });
    config.input = { height: 256, width: 256 }; // 5 branches: sides divisible by 64
    expect(encodeState(stateOf({ config }))).toBe(
      'v=1&m=litehrnet_18&in=256x256&n=2,3,4,5&w=40,80,160,320,640&m5=1'
    );
  });

  it('writes view settings after the config', () => {
    const s = stateOf({
      convention: 'mmcv',
      unit: 'FLOPs',
      focus: 'stage1.3',
      selected: 'keypoint_head.final_layer@0'
    });
    expect(encodeState(s)).toBe(
      'v=1&m=litehrnet_18&cv=mmcv&u=FLOPs&at=stage1.3&sel=keypoint_head.final_layer@0'
    );
  });
});

describe('the tools’ conventions in links', () => {
  it('cv=fvcore, ptflops, ptflops-aten and thop are written as named and read back', () => {
    for (const convention of ['fvcore', 'ptflops', 'ptflops-aten', 'thop'] as const) {
      const link = encodeState(stateOf({ convention }));
      expect(link).toBe(`v=1&m=litehrnet_18&cv=${convention}`);
      expect(decodeState(`?${link}`)).toEqual({ state: stateOf({ convention }), errors: [] });
    }
  });

  it('a misspelt tool falls back to the paper convention and says so', () => {
    const { state, errors } = decodeState('?v=1&m=litehrnet_18&cv=ptflops_aten');
    expect(state.convention).toBe('paper');
    expect(errors.map((e) => e.key)).toEqual(['cv']);
    expect(errors[0].message).toContain('ptflops-aten');
  });
});

describe('decodeState', () => {
  it('reads an empty link as the default state with no errors', () => {
    expect(decodeState('')).toEqual({ state: defaultState(), errors: [] });
    expect(decodeState('?')).toEqual({ state: defaultState(), errors: [] });
  });

  it('reads the brief’s example link', () => {
    const { state, errors } = decodeState('?m=litehrnet_30&in=384x288&s2=naive&w=40,80,160,320');
    expect(errors).toEqual([]);
    expect(state.preset).toBe('litehrnet_30');
    expect(state.config.input).toEqual({ height: 384, width: 288 });
    expect(state.config.stages.map((s) => s.block)).toEqual(['naive', 'lite', 'lite']);
    expect(state.config.stages.map((s) => s.modules)).toEqual([3, 8, 3]);
  });

  it('keeps the good parts of a bad link and says what was loaded instead', () => {
    const { state, errors } = decodeState('?v=1&m=litehrnet_30&in=300x200&s3=banana&m4=2');
    expect(state.config.input).toEqual({ height: 256, width: 192 });
    expect(state.config.stages[1].block).toBe('lite');
    expect(state.config.stages[2].modules).toBe(2);
    expect(errors.map((e) => e.key)).toEqual(['s3', 'in']);
    expect(errors[0].message).toContain('s3=“banana” is not a block type');
    expect(errors[0].message).toContain('loaded lite instead');
    // 4 branches: sides must be divisible by 4·2^3 = 32; 300 and 200 are not.
    expect(errors[1].message).toContain('Input height 300 must be divisible by 32');
    expect(errors[1].message).toContain('Input width 200 must be divisible by 32');
    expect(errors[1].message).toMatch(/Loaded 256x192 instead.$/);
  });

  it('does not let non-numbers through as numbers', () => {
    for (const bad of ['', 'NaN', '1e3', '0x10', ' 2', '2.5', '-2', 'Infinity']) {
      const { state, errors } = decodeState(`?m3=${encodeURIComponent(bad)}`);
      expect(state.config.stages[1].modules, bad).toBe(4);
      expect(errors, bad).toHaveLength(1);
    }
  });

  it('a width list that is too long says how many items are allowed, not that they are not numbers', () => {
    // Seventeen whole numbers: each item is fine, the count is what is refused (16 at most).
    const w = Array.from({ length: 17 }, () => '40').join(',');
    const { state, errors } = decodeState(`?v=1&w=${w}`);
    expect(state.config.stages[2].widths).toEqual([40, 80, 160, 320]);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('has 17 items; at most 16 are allowed');
    expect(errors[0].message).not.toContain('not a list of whole numbers');
    expect(decodeState('?w=40,8x').errors[0].message).toContain(
      'w=“40,8x” has “8x”, which is not a whole number; loaded 40,80,160,320 instead.'
    );
  });

  it('refuses an unknown model and falls back to Lite-HRNet-18', () => {
    const { state, errors } = decodeState('?m=resnet_50');
    expect(state.preset).toBe('litehrnet_18');
    expect(errors[0].message).toMatch(
      /m=“resnet_50” is not a model .* loaded litehrnet_18 instead/
    );
  });

  it('names unknown keys, duplicate keys, broken escapes and a newer version', () => {
    const { errors } = decodeState('?v=2&m=litehrnet_18&zoom=3&cv=mmcv&cv=full&j=%E0%A4%A');
    expect(errors.map((e) => e.key)).toEqual(['cv', 'j', 'v', 'zoom']);
    expect(errors[0].message).toContain('more than once');
    expect(errors[1].message).toContain('broken %-escape');
    expect(errors[2].message).toContain('version “2”');
    expect(errors[3].message).toContain('not a setting');
  });

  it('drops stage keys for stages the network does not have', () => {
    const { state, errors } = decodeState('?n=2,3&s4=naive');
    expect(state.config.stages).toHaveLength(2);
    expect(errors).toEqual([{ key: 's4', message: expect.stringContaining('only Stages 2–3') }]);
  });

  it('reverts a LITE stage with one branch to the preset’s widths', () => {
    const { state, errors } = decodeState('?n=1,3,4');
    expect(state.config.stages[0].widths).toEqual([40, 80]);
    expect(errors[0].message).toContain('needs at least 2 branches');
  });

  it('six branches are over the 5-branch limit: the counts and the bad input revert, each with its reason', () => {
    const { state, errors } = decodeState(
      '?m=litehrnet_30&n=2,3,6&w=40,80,160,320,640,1024&in=100x100'
    );
    // Every field of this link is refused, so what loads is the preset itself.
    expect(state.config).toEqual(presetConfig('litehrnet_30'));
    expect(errors.map((e) => e.key)).toEqual(['n', 'in']);
    expect(errors[0].message).toContain('each 1–5; loaded 2,3,4 instead');
    expect(errors[1].message).toContain('Loaded 256x192 instead');
  });

  it('checks the focus against the config', () => {
    expect(decodeState('?at=stage1.3').errors).toEqual([]);
    const { state, errors } = decodeState('?at=stage1.4'); // stage1 of Lite-HRNet-18 has 4 modules
    expect(state.focus).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('never lets markup through as a selection', () => {
    const { state, errors } = decodeState('?sel=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E@0');
    expect(state.selected).toBeNull();
    expect(errors).toHaveLength(1);
  });
});

describe('round trip', () => {
  it('every generated config is one validate.ts accepts', () => {
    fc.assert(
      fc.property(configArb, (c) => validateConfig(c).ok),
      { numRuns: 300 }
    );
  });

  it('decode(encode(state)) is the same state, with no errors', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        expect(decodeState(`?${encodeState(state)}`)).toEqual({ state, errors: [] });
      }),
      { numRuns: 2000 }
    );
  });
});

describe('HRNet in links', () => {
  it('an unedited HRNet-W32 is just its preset, and reads back as the preset', () => {
    const config = presetConfig('hrnet_w32');
    expect(encodeState(stateOf({ preset: 'hrnet_w32', config }))).toBe('v=1&m=hrnet_w32');
    expect(decodeState('?v=1&m=hrnet_w32')).toEqual({
      state: stateOf({ preset: 'hrnet_w32', config }),
      errors: []
    });
  });

  it('writes the stem type, stage 1, fusion convs and single-output fusion that differ', () => {
    // Lite-HRNet-18 given HRNet's stem (two basic blocks), full 3x3 fusion in Stage 3 and
    // HRNet's end: only the highest resolution fused, no IterativeHead.
    const config = presetConfig('litehrnet_18');
    config.stem = { ...config.stem, type: 'hrnet', layer1Blocks: 2, layer1Block: 'basic' };
    config.stages[1].fusionConv = 'full';
    config.withHead = false;
    config.multiScaleOutput = false;
    const link = encodeState(stateOf({ config }));
    expect(link).toBe('v=1&m=litehrnet_18&st=hrnet&l1=2&l1b=basic&c3=full&head=0&ms=0');
    expect(decodeState(`?${link}`)).toEqual({ state: stateOf({ config }), errors: [] });
  });

  it('HRNet-W32 with Lite-HRNet’s pieces: each change is one key', () => {
    // The paper's Naive step: a shuffle stem, shuffle blocks, separable fusion convs.
    const { state, errors } = decodeState(
      '?m=hrnet_w32&st=lite&stem=32,32,1&s2=naive&s3=naive&s4=naive&c2=separable&c3=separable&c4=separable'
    );
    expect(errors).toEqual([]);
    expect(state.config.stem.type).toBe('lite');
    expect(state.config.stages.map((s) => [s.block, s.fusionConv])).toEqual([
      ['naive', 'separable'],
      ['naive', 'separable'],
      ['naive', 'separable']
    ]);
    // Still HRNet's ends: no IterativeHead, only branch 0 fused at the end.
    expect([state.config.withHead, state.config.multiScaleOutput]).toEqual([false, false]);
  });

  it('stem= on an HRNet preset changes its widths and keeps its type', () => {
    const { state, errors } = decodeState('?m=hrnet_w32&stem=48,192,1');
    expect(errors).toEqual([]);
    expect(state.config.stem).toMatchObject({ type: 'hrnet', stemChannels: 48, outChannels: 192 });
  });

  it('old Lite-HRNet links read the new fields as Lite-HRNet’s', () => {
    const { state, errors } = decodeState('?v=1&m=litehrnet_30&in=384x288&s2=naive');
    expect(errors).toEqual([]);
    expect(state.config.stem.type).toBe('lite');
    expect(state.config.stages.every((s) => s.fusionConv === 'separable')).toBe(true);
    expect(state.config.multiScaleOutput).toBe(true);
  });

  it('hostile values get a sentence each and the preset’s value', () => {
    const { state, errors } = decodeState(
      '?m=hrnet_w32&st=resnet&l1=99&l1b=lite&c2=%3Cscript%3E&ms=maybe&s3=bottleneck&w3=32,66,128'
    );
    const byKey = Object.fromEntries(errors.map((e) => [e.key, e.message]));
    expect(byKey.st).toBe('st=“resnet” is not lite or hrnet; loaded hrnet instead.');
    expect(byKey.l1b).toBe('l1b=“lite” is not basic or bottleneck; loaded bottleneck instead.');
    expect(byKey.c2).toBe('c2=“<script>” is not separable or full; loaded full instead.');
    expect(byKey.ms).toBe('ms=“maybe” is not 1 or 0; loaded 0 instead.');
    // LIMITS.layer1Blocks is 0..8; HRNet's own 4 comes back.
    expect(byKey.l1).toMatch(
      /Stage 1 blocks must be between 0 and 8; it is 99\. Loaded 4 instead\.$/
    );
    // A bottleneck's output width is 4x its inner width: 66 is not a multiple of 4.
    expect(byKey.w3).toContain('66 must be a multiple of 4');
    // s3=bottleneck is fine: W32's Stage 3 widths 32,64,128 are multiples of 4 and come back.
    const expected = presetConfig('hrnet_w32');
    expected.stages[1].block = 'bottleneck';
    expect(state.config).toEqual(expected);
    expect(errors).toHaveLength(6);
  });

  it('ms=0 with the IterativeHead on says why it cannot be', () => {
    const { state, errors } = decodeState('?m=litehrnet_18&ms=0');
    expect(state.config.multiScaleOutput).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0].key).toBe('ms');
    expect(errors[0].message).toContain('The IterativeHead reads every branch');
  });

  it('a bad stem width keeps an HRNet stem and names the numbers it loaded', () => {
    // layer1 ends in bottlenecks: 250 is not a multiple of 4.
    const { state, errors } = decodeState('?m=hrnet_w32&stem=64,250,1');
    expect(state.config.stem).toEqual(presetConfig('hrnet_w32').stem);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/multiple of 4.*Loaded stem=64,256,1 instead\.$/);
  });
});
