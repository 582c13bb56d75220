import { describe, expect, it } from 'vitest';
import { ExplorerModel } from '../../../src/lib/components/explorer.svelte';
import type { ExplorerState } from '../../../src/lib/share/state';
import { defaultState } from '../../../src/lib/share/state';
import { setBranchWidth, setBlockType } from '../../../src/lib/model/edit';
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
    m.importConfig(presetConfigFor('litehrnet_30'));
    expect(m.state.preset).toBe('litehrnet_30');
    const naive = presetConfigFor('naive_litehrnet_18');
    naive.stages[2].modules = 3;
    m.importConfig(naive);
    expect(m.state.preset).toBe('naive_litehrnet_18');
  });
});
