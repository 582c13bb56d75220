import { describe, expect, it } from 'vitest';
import { BURST_MS, historyMode } from '../../../src/lib/components/history-mode';
import { defaultState } from '../../../src/lib/share/state';
import { presetConfig } from '../../../src/lib/model/presets';

describe('historyMode', () => {
  const before = defaultState();
  it('a discrete edit after a pause gets its own Back step', () => {
    expect(historyMode({ ...before, preset: 'litehrnet_30' }, before, BURST_MS + 1)).toBe('push');
  });
  it('edits in a quick burst (typing, dragging) share one step', () => {
    expect(historyMode({ ...before, config: presetConfig('litehrnet_30') }, before, 50)).toBe(
      'replace'
    );
  });
  it('pointing at an op is not an edit: it never adds a step', () => {
    expect(
      historyMode({ ...before, selected: 'keypoint_head.final_layer@0' }, before, 10_000)
    ).toBe('replace');
  });
  it('opening a module is navigation: Back leaves it', () => {
    expect(historyMode({ ...before, focus: 'stage1.2' }, before, 10_000)).toBe('push');
  });
});
