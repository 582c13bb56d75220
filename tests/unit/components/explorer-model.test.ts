import { describe, expect, it } from 'vitest';
import { ExplorerModel } from '../../../src/lib/components/explorer.svelte';
import type { ExplorerState } from '../../../src/lib/share/state';
import { defaultState } from '../../../src/lib/share/state';
import { setBranchWidth, setBlockType } from '../../../src/lib/model/edit';

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
