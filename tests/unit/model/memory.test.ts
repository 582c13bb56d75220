import { describe, expect, it } from 'vitest';
import { buildGraph, costGraph, estimateMemory, presetConfig } from '$lib/model';

describe('estimateMemory (float32, eager disposal)', () => {
  const graph = buildGraph(presetConfig('litehrnet_18'));
  const memory = estimateMemory(graph);

  it('peaks in the stem at expand_conv.bn: x1 + expand conv out + its BN out = 3.75 MiB', () => {
    // At 256x192 the stem works at 128x96 = 12,288 positions. Alive at expand_conv.bn:
    // x1 (16 ch, waiting for branch1) 786,432 B + expand_conv.conv out (32 ch) 1,572,864 B
    // + expand_conv.bn out 1,572,864 B = 3,932,160 B. The image (589,824 B) was freed after conv1.
    expect(memory.peakBytes).toBe(3_932_160);
    expect(graph.ops[memory.peakAt].name).toBe('backbone.stem.expand_conv.bn');
  });

  it('each op writes its output: conv1 is 32·128·96·4 = 1,572,864 bytes', () => {
    expect(memory.activationBytes[0]).toBe(1_572_864);
  });

  it('weights are 4 bytes a param; BN running mean and variance are counted apart', () => {
    expect(memory.weightBytes).toBe(4 * costGraph(graph).totals.params);
    const bnChannels = graph.ops
      .filter((o) => o.kind === 'batchnorm' && o.params > 0)
      .reduce((t, o) => t + (o.kind === 'batchnorm' ? o.attrs.channels : 0), 0);
    expect(memory.bufferBytes).toBe(8 * bnChannels);
  });
});
