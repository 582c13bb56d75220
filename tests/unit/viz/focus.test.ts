import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../../src/lib/model';
import {
  breadcrumbs,
  focusOfOp,
  focusPath,
  opInFocus,
  parseFocus
} from '../../../src/lib/viz/focus';
import { analysisOf } from './helpers';

const config = presetConfig('litehrnet_30'); // modules 3, 8, 3; 2 blocks each

describe('focus paths', () => {
  it('round-trip through parse and print', () => {
    for (const p of [null, 'stem', 'stage1', 'stage1.7.1', 'stage2.0.0'])
      expect(focusPath(parseFocus(p, config))).toBe(p);
    expect(focusPath(parseFocus('stage1.3', config))).toBe('stage1.3.0');
  });

  it('fall back to the nearest thing that exists', () => {
    expect(parseFocus('stage7', config)).toEqual({ level: 'network' });
    expect(parseFocus('stage0.3', config)).toEqual({ level: 'stage', stage: 0 });
    expect(parseFocus('stage0.1.5', config)).toEqual({
      level: 'module',
      stage: 0,
      module: 1,
      block: 0
    });
    expect(parseFocus('<script>', config)).toEqual({ level: 'network' });
  });

  it('breadcrumbs use the paper’s stage numbers with the code name as a hint', () => {
    expect(breadcrumbs(parseFocus('stage1.2.1', config)).map((c) => c.label)).toEqual([
      'Network',
      'Stage 3 (stage1)',
      'Module 3',
      'Block 2'
    ]);
  });

  it('an op opens the module and block it belongs to', () => {
    const a = analysisOf(config);
    const op = a.graph.ops.find(
      (o) => o.name === 'backbone.stage1.2.layers.1.depthwise_convs.0.conv'
    )!;
    expect(focusOfOp(op)).toBe('stage1.2.1');
    const fuse = a.graph.ops.find((o) => o.name === 'backbone.stage1.2.fuse_layers.1.0.0.0')!;
    expect(focusOfOp(fuse)).toBe('stage1.2.0');
    expect(opInFocus(fuse, parseFocus('stage1.2', config))).toBe(true);
    expect(opInFocus(fuse, parseFocus('stage1.3', config))).toBe(false);
  });
});
