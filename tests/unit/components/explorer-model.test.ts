import { describe, expect, it } from 'vitest';
import { ExplorerModel, closestPreset } from '../../../src/lib/components/explorer.svelte';
import type { ExplorerState } from '../../../src/lib/share/state';
import { defaultState } from '../../../src/lib/share/state';
import {
  removeStage,
  setBlockType,
  setBranchWidth,
  setStageField
} from '../../../src/lib/model/edit';
import type { WriteMode } from '../../../src/lib/share/url-sync';
import { presetConfig as presetConfigFor } from '../../../src/lib/model/presets';
import * as engine from '../../../src/lib/model/engine';
import { CONVENTIONS } from '../../../src/lib/model/conventions';
import type { Summary } from '../../../src/lib/model/summary';

/** A model with its code at hand, as /compare and these tests make it. */
const explorer = (
  initial: ExplorerState = defaultState(),
  onchange?: (state: ExplorerState, previous: ExplorerState, mode: WriteMode) => void
) => new ExplorerModel(initial, onchange, { engine });

const paperM = (m: ExplorerModel) => (m.analysis.costs.totals.macs.paper / 2 ** 20).toFixed(1);

describe('ExplorerModel', () => {
  it('starts at Lite-HRNet-18: 205.2 M (README)', () => {
    expect(paperM(explorer())).toBe('205.2');
  });

  it('a new preset replaces the config and reads the README total', () => {
    const m = explorer();
    m.choosePreset('litehrnet_30');
    expect(paperM(m)).toBe('319.2');
    expect(m.baseline.config.stages[1].modules).toBe(8);
  });

  it('an invalid edit keeps the last valid analysis and reports the validator’s path', () => {
    const m = explorer();
    m.editConfig((c) => setBranchWidth(c, 0, 0, 41));
    expect(m.errors.map((e) => e.path)).toEqual(['stages[0].widths[0]']);
    expect(m.state.config.stages[0].widths[0]).toBe(41);
    expect(m.analysis.config.stages[0].widths[0]).toBe(40);
    expect(paperM(m)).toBe('205.2');
  });

  it('a valid edit is analysed; the baseline stays the preset', () => {
    const m = explorer();
    m.editConfig((c) => setBlockType(c, 0, 'naive'));
    expect(m.errors).toEqual([]);
    expect(paperM(m)).not.toBe('205.2');
    expect((m.baseline.costs.totals.macs.paper / 2 ** 20).toFixed(1)).toBe('205.2');
  });

  it('a change of convention reuses the analysis', () => {
    const m = explorer();
    const before = m.analysis;
    m.setConvention('mmcv');
    expect(m.analysis).toBe(before);
  });

  it('reveal selects an op by name and call and opens its module', () => {
    const m = explorer();
    const op = m.analysis.graph.ops.find(
      (o) => o.name === 'backbone.stage1.2.fuse_layers.1.0.0.0'
    )!;
    m.reveal(op.id);
    expect(m.state.selected).toBe('backbone.stage1.2.fuse_layers.1.0.0.0@0');
    expect(m.state.focus).toBe('stage1.2.0');
    expect(m.selectedId).toBe(op.id);
  });

  it('an unknown preset from a link falls back to the default; every change is reported', () => {
    const seen: ExplorerState[] = [];
    const bad = { ...defaultState(), preset: 'nope' } as unknown as ExplorerState;
    const m = explorer(bad, (s) => seen.push(s));
    expect(m.state.preset).toBe('litehrnet_18');
    m.setUnit('FLOPs');
    expect(seen.map((s) => s.unit)).toEqual(['FLOPs']);
  });
});

describe('ExplorerModel and the live forward pass', () => {
  it('marks the ops a forward pass found wrong, until the config changes', () => {
    const m = explorer();
    const n = m.analysis.graph.ops.length;
    const verdicts = Array.from({ length: n }, (_, id) =>
      id === 7 ? { ok: false as const, reason: 'shape 1×2 ≠ symbolic 1×3' } : { ok: true as const }
    );
    m.setVerdicts(verdicts);
    expect([...m.mismatched]).toEqual([7]);
    m.editConfig((c) => setBlockType(c, 0, 'naive'));
    expect(m.verdicts).toBeNull();
    expect(m.mismatched.size).toBe(0);
  });

  it('ignores verdicts made for another graph (a different op count)', () => {
    const m = explorer();
    m.setVerdicts([{ ok: false, reason: 'x' }]);
    expect(m.verdicts).toBeNull();
  });

  it('keeps the pass’s per-op times for the network view, until the config changes', () => {
    const m = explorer();
    const n = m.analysis.graph.ops.length;
    const verdicts = Array.from({ length: n }, () => ({ ok: true as const }));
    const times = Array.from({ length: n }, (_, id) => id / 10);
    expect(m.opTimes).toBeNull();
    m.setVerdicts(verdicts, times);
    expect(m.opTimes).toBe(times);
    m.setVerdicts(verdicts, [1, 2]);
    expect(m.opTimes, 'times for another op count').toBeNull();
    m.setVerdicts(verdicts, times);
    m.editConfig((c) => setBlockType(c, 0, 'naive'));
    expect(m.opTimes).toBeNull();
  });
});

describe('ExplorerModel.load and imports', () => {
  it('load shows a state from a link without reporting it back', () => {
    const heard: ExplorerState[] = [];
    const m = explorer(defaultState(), (s) => heard.push(s));
    m.load({ ...defaultState(), preset: 'litehrnet_30', config: presetConfigFor('litehrnet_30') });
    expect(paperM(m)).toBe('319.2');
    expect(heard).toEqual([]);
  });

  it('an imported official config counts as that preset; an edited one as the nearest', () => {
    const m = explorer();
    expect(m.importConfig(presetConfigFor('litehrnet_30'))).toEqual({
      preset: 'litehrnet_30',
      source: 'exact'
    });
    expect(m.state.preset).toBe('litehrnet_30');
    const naive = presetConfigFor('naive_litehrnet_18');
    naive.stages[2].modules = 3;
    expect(m.importConfig(naive)).toEqual({ preset: 'naive_litehrnet_18', source: 'closest' });
  });

  it('the preset a file names is kept, however far the config moved from it', () => {
    const m = explorer();
    const edited = presetConfigFor('litehrnet_30');
    edited.stages = edited.stages.map((s) => ({ ...s, block: 'naive' as const }));
    expect(m.importConfig(edited, 'litehrnet_30')).toEqual({
      preset: 'litehrnet_30',
      source: 'file'
    });
    expect(m.baseline.costs.totals.params).toBe(1_763_717); // the README's Lite-HRNet-30
  });

  it('without a name, an edited Lite-HRNet-30 with one shuffle stage is nearest to -30', () => {
    // Against -30 only stage 2's block family differs; against Wider Naive-18 two block
    // families and 6 modules (3-2, 8-4, 3-2) differ, against Lite-HRNet-18 the same 6 modules.
    const edited = presetConfigFor('litehrnet_30');
    edited.stages[0] = { ...edited.stages[0], block: 'naive' };
    expect(closestPreset(edited, engine.validateConfig)).toBe('litehrnet_30');
  });
});

describe('ExplorerModel: typed numbers', () => {
  it('a branch count out of range is kept beside its control with the validator’s sentence', () => {
    const m = explorer();
    const before = m.state;
    m.typeBranchCount(0, 9);
    // validate.ts words the count check this way; the limit 1–5 is the README's.
    expect(m.errors).toEqual([
      {
        path: 'stages[0].widths',
        message: 'Stage 2: the number of branches must be between 1 and 5; it is 9.'
      }
    ]);
    expect(m.drafts['stages[0].widths'].value).toBe(9);
    expect(m.state).toBe(before); // nothing else changed: no clamping, no branch added
    expect(m.analysis.costs.totals.params).toBe(1_130_769);
    expect(m.stale).toBe(true);
  });

  it('a whole count in range replaces the draft and edits the config', () => {
    const m = explorer();
    m.typeBranchCount(1, 2.5);
    expect(m.errors[0].message).toMatch(/Stage 3: the number of branches must be a whole number/);
    m.typeBranchCount(1, 2);
    expect(m.drafts).toEqual({});
    expect(m.errors).toEqual([]);
    expect(m.state.config.stages[1].widths).toEqual([40, 80]);
  });

  it('every other number goes into the draft config as typed, unclamped', () => {
    const m = explorer();
    m.typeNumber('stages[0].modules', 99, (c, v) => setStageField(c, 0, { modules: v }));
    expect(m.state.config.stages[0].modules).toBe(99);
    expect(m.errors.map((e) => e.message)).toEqual([
      'Stage 2: modules must be between 1 and 12; it is 99.'
    ]);
  });

  it('a discrete edit of the network drops typed drafts', () => {
    const m = explorer();
    m.typeBranchCount(2, 0);
    expect(m.errors).toHaveLength(1);
    m.editConfig(removeStage);
    expect(m.drafts).toEqual({});
  });
});

describe('ExplorerModel: Back/Forward steps by kind of edit', () => {
  function recorded() {
    const steps: WriteMode[] = [];
    const m = explorer(defaultState(), (_s, _p, mode) => steps.push(mode));
    return { m, steps };
  }
  const width = (m: ExplorerModel, v: number) =>
    m.typeNumber('stages[0].widths[0]', v, (c, x) => setBranchWidth(c, 0, 0, x));

  it('two discrete edits are two steps', () => {
    const { m, steps } = recorded();
    m.editConfig((c) => setBlockType(c, 0, 'naive'));
    m.choosePreset('litehrnet_30');
    expect(steps).toEqual(['push', 'push']);
  });

  it('typing 48 into one field (8, then 48) is one step; leaving it ends the burst', () => {
    const { m, steps } = recorded();
    width(m, 8);
    width(m, 48);
    m.endTyping();
    width(m, 56);
    expect(steps).toEqual(['push', 'replace', 'push']);
  });

  it('an invalid keystroke is not reported; the burst’s step still comes once', () => {
    const { m, steps } = recorded();
    width(m, 4); // below 8: invalid with channel weighting
    width(m, 41); // odd: invalid
    width(m, 42);
    width(m, 44);
    expect(steps).toEqual(['push', 'replace']);
  });

  it('selecting an op replaces; opening a module pushes', () => {
    const { m, steps } = recorded();
    m.select(3);
    m.setFocus('stage1.2');
    expect(steps).toEqual(['replace', 'push']);
  });
});

describe('ExplorerModel: the last valid analysis is state set by the edits', () => {
  it('survives any number of invalid edits and is replaced by the next valid one', () => {
    const m = explorer();
    m.choosePreset('litehrnet_30');
    m.editConfig((c) => setBranchWidth(c, 0, 0, 41));
    m.editConfig((c) => setStageField(c, 1, { modules: 0 }));
    expect(m.analysis.costs.totals.params).toBe(1_763_717);
    expect(m.stale).toBe(true);
    m.editConfig((c) => setStageField(setBranchWidth(c, 0, 0, 40), 1, { modules: 8 }));
    expect(m.stale).toBe(false);
    expect(m.analysis.config.stages[1].modules).toBe(8);
  });

  it('a link with an invalid config shows its preset until it is fixed', () => {
    const bad = defaultState();
    bad.config = { ...bad.config, joints: 0 };
    const m = explorer(bad);
    expect(m.errors.map((e) => e.path)).toEqual(['joints']);
    expect(m.analysis.costs.totals.params).toBe(1_130_769);
  });
});

describe('ExplorerModel: the forward pass’s input normalisation', () => {
  it('takes an imported config’s data_preprocessor, and ImageNet’s back for one without', () => {
    const m = explorer();
    expect(m.normalisation.mean).toEqual([123.675, 116.28, 103.53]);
    const bgr = { mean: [1, 2, 3], std: [4, 5, 6], order: 'bgr' } as const;
    const n = {
      ...bgr,
      mean: [...bgr.mean] as [number, number, number],
      std: [...bgr.std] as [number, number, number]
    };
    m.importConfig(presetConfigFor('litehrnet_30'), null, n);
    expect(m.normalisation).toEqual(n);
    m.importConfig(presetConfigFor('litehrnet_18'));
    expect(m.normalisation.std).toEqual([58.395, 57.12, 57.375]);
  });
});

describe('ExplorerModel before its code has loaded (the first screen)', () => {
  // A made-up first screen: whatever the page carries is what the summary shows until the code
  // loads (the real one is counted when the site is built, tested in first-screen.test.ts).
  const carried: Summary = {
    params: 1,
    macs: Object.fromEntries(CONVENTIONS.map((c) => [c, 3])) as Summary['macs'],
    peakBytes: 2,
    input: { height: 256, width: 192 }
  };

  function lazy(loads: (() => Promise<typeof engine>)[]) {
    const heard: ExplorerState[] = [];
    let calls = 0;
    const m = new ExplorerModel(defaultState(), (s) => heard.push(s), {
      firstScreen: carried,
      loadEngine: () => loads[Math.min(calls++, loads.length - 1)]()
    });
    return { m, heard, calls: () => calls };
  }

  it('shows the carried totals and no problems, and loads nothing, until something needs more', () => {
    const { m, calls } = lazy([async () => engine]);
    expect(m.loaded).toBe(false);
    expect(m.summary).toBe(carried);
    expect(m.baselineSummary).toBe(carried);
    expect(m.errors).toEqual([]);
    expect(m.selectedId).toBeNull();
    expect(() => m.analysis).toThrow(/not loaded/);
    expect(calls()).toBe(0);
  });

  it('keeps edits made before the code loads and applies them in order, loading it once', async () => {
    const { m, heard, calls } = lazy([async () => engine]);
    m.choosePreset('litehrnet_30');
    m.setConvention('mmcv');
    expect(m.state.preset).toBe('litehrnet_18');
    await m.ready();
    expect(calls()).toBe(1);
    expect(heard.map((s) => [s.preset, s.convention])).toEqual([
      ['litehrnet_30', 'paper'],
      ['litehrnet_30', 'mmcv']
    ]);
    // Lite-HRNet-30 at 256x192: 319.2 M in the official README (paper convention).
    expect(paperM(m)).toBe('319.2');
    expect(m.summary.macs.paper).toBe(m.analysis.costs.totals.macs.paper);
  });

  it('a failed load says why and keeps the edits; the next edit tries again', async () => {
    const { m, heard, calls } = lazy([
      () => Promise.reject(new Error('network down')),
      async () => engine
    ]);
    m.setUnit('FLOPs');
    await expect(m.ready()).rejects.toThrow('network down');
    expect(m.engineError).toMatch(/did not load \(network down\).*kept/);
    expect(heard).toEqual([]);
    m.setConvention('conv');
    await m.ready();
    expect(calls()).toBe(2);
    expect(m.engineError).toBeNull();
    expect(heard.map((s) => [s.unit, s.convention])).toEqual([
      ['FLOPs', 'paper'],
      ['FLOPs', 'conv']
    ]);
  });
});
