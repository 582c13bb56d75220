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

const paperM = (m: ExplorerModel) => (m.analysis.costs.totals.macs.paper / 2 ** 20).toFixed(1);

describe('ExplorerModel', () => {
  it('starts at Lite-HRNet-18: 205.2 M (README)', () => {
    expect(paperM(new ExplorerModel())).toBe('205.2');
  });

  it('a new preset replaces the config and reads the README total', () => {
    const m = new ExplorerModel();
    m.choosePreset('litehrnet_30');
    expect(paperM(m)).toBe('319.2');
    expect(m.baseline.config.stages[1].modules).toBe(8);
  });

  it('an invalid edit keeps the last valid analysis and reports the validator’s path', () => {
    const m = new ExplorerModel();
    m.editConfig((c) => setBranchWidth(c, 0, 0, 41));
    expect(m.errors.map((e) => e.path)).toEqual(['stages[0].widths[0]']);
    expect(m.state.config.stages[0].widths[0]).toBe(41);
    expect(m.analysis.config.stages[0].widths[0]).toBe(40);
    expect(paperM(m)).toBe('205.2');
  });

  it('a valid edit is analysed; the baseline stays the preset', () => {
    const m = new ExplorerModel();
    m.editConfig((c) => setBlockType(c, 0, 'naive'));
    expect(m.errors).toEqual([]);
    expect(paperM(m)).not.toBe('205.2');
    expect((m.baseline.costs.totals.macs.paper / 2 ** 20).toFixed(1)).toBe('205.2');
  });

  it('a change of convention reuses the analysis', () => {
    const m = new ExplorerModel();
    const before = m.analysis;
    m.setConvention('mmcv');
    expect(m.analysis).toBe(before);
  });

  it('reveal selects an op by name and call and opens its module', () => {
    const m = new ExplorerModel();
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
    const m = new ExplorerModel(bad, (s) => seen.push(s));
    expect(m.state.preset).toBe('litehrnet_18');
    m.setUnit('FLOPs');
    expect(seen.map((s) => s.unit)).toEqual(['FLOPs']);
  });
});

describe('ExplorerModel and the live forward pass', () => {
  it('marks the ops a forward pass found wrong, until the config changes', () => {
    const m = new ExplorerModel();
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
    const m = new ExplorerModel();
    m.setVerdicts([{ ok: false, reason: 'x' }]);
    expect(m.verdicts).toBeNull();
  });

  it('keeps the pass’s per-op times for the network view, until the config changes', () => {
    const m = new ExplorerModel();
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
    const m = new ExplorerModel(defaultState(), (s) => heard.push(s));
    m.load({ ...defaultState(), preset: 'litehrnet_30', config: presetConfigFor('litehrnet_30') });
    expect(paperM(m)).toBe('319.2');
    expect(heard).toEqual([]);
  });

  it('an imported official config counts as that preset; an edited one as the nearest', () => {
    const m = new ExplorerModel();
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
    const m = new ExplorerModel();
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
    expect(closestPreset(edited)).toBe('litehrnet_30');
  });
});

describe('ExplorerModel: typed numbers', () => {
  it('a branch count out of range is kept beside its control with the validator’s sentence', () => {
    const m = new ExplorerModel();
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
    const m = new ExplorerModel();
    m.typeBranchCount(1, 2.5);
    expect(m.errors[0].message).toMatch(/Stage 3: the number of branches must be a whole number/);
    m.typeBranchCount(1, 2);
    expect(m.drafts).toEqual({});
    expect(m.errors).toEqual([]);
    expect(m.state.config.stages[1].widths).toEqual([40, 80]);
  });

  it('every other number goes into the draft config as typed, unclamped', () => {
    const m = new ExplorerModel();
    m.typeNumber('stages[0].modules', 99, (c, v) => setStageField(c, 0, { modules: v }));
    expect(m.state.config.stages[0].modules).toBe(99);
    expect(m.errors.map((e) => e.message)).toEqual([
      'Stage 2: modules must be between 1 and 12; it is 99.'
    ]);
  });

  it('a discrete edit of the network drops typed drafts', () => {
    const m = new ExplorerModel();
    m.typeBranchCount(2, 0);
    expect(m.errors).toHaveLength(1);
    m.editConfig(removeStage);
    expect(m.drafts).toEqual({});
  });
});

describe('ExplorerModel: Back/Forward steps by kind of edit', () => {
  function recorded() {
    const steps: WriteMode[] = [];
    const m = new ExplorerModel(defaultState(), (_s, _p, mode) => steps.push(mode));
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
    const m = new ExplorerModel();
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
    const m = new ExplorerModel(bad);
    expect(m.errors.map((e) => e.path)).toEqual(['joints']);
    expect(m.analysis.costs.totals.params).toBe(1_130_769);
  });
});

describe('ExplorerModel: the forward pass’s input normalisation', () => {
  it('takes an imported config’s data_preprocessor, and ImageNet’s back for one without', () => {
    const m = new ExplorerModel();
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
