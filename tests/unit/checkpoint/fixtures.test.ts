/**
 * The parity fixtures agree with our graph, so the tfjs parity test can rely on them: shapes of
 * the input, the heatmaps and the intermediate outputs are the graph's own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNpy, type NamedTensor } from '../../../src/lib/checkpoint';
import { fixtureBytes, fixtureGraph } from './fixtures';

function npy(name: string): NamedTensor {
  const result = readNpy(fixtureBytes(name));
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('parity fixtures', () => {
  it.each([
    ['reduced', 'reduced.input.npy', 'reduced.official.heatmaps.npy'],
    ['reduced-paper', 'reduced.input.npy', 'reduced.paper.heatmaps.npy'],
    ['litehrnet18', 'litehrnet18.input.npy', 'litehrnet18.heatmaps.npy'],
    ['hrnet-narrow', 'hrnet-narrow.input.npy', 'hrnet-narrow.heatmaps.npy']
  ])('%s: input and heatmaps have the graph’s shapes', (id, input, heatmaps) => {
    const graph = fixtureGraph(id);
    expect(npy(input).shape).toEqual([...graph.input]);
    expect(npy(heatmaps).shape).toEqual([...graph.ops[graph.output].outShape]);
  });

  it('the intermediate outputs of the reduced model have the graph’s stage shapes', () => {
    const graph = fixtureGraph('reduced');
    graph.stageOutputs.forEach((ids, s) =>
      ids.forEach((id, b) =>
        expect(npy(`reduced.official.stage${s}.${b}.npy`).shape).toEqual([
          ...graph.ops[id].outShape
        ])
      )
    );
  });

  it('the two fusion modes give different heatmaps on the same weights (the option matters)', () => {
    const official = npy('reduced.official.heatmaps.npy').data;
    const paper = npy('reduced.paper.heatmaps.npy').data;
    const largest = official.reduce((m, v, i) => Math.max(m, Math.abs(v - paper[i])), 0);
    expect(largest).toBeGreaterThan(0.1);
  });

  it('stay well under 5 MB in total', () => {
    const dir = fileURLToPath(new URL('../../parity/fixtures/', import.meta.url));
    const total = readdirSync(dir).reduce((s, f) => s + readFileSync(dir + f).length, 0);
    // 2.0 MB of Lite-HRNet fixtures, 0.7 MB for HRNet, whose fixed stem and layer1 alone
    // hold 0.3M weights (pose_hrnet builds them at 64 and 256 channels whatever the widths),
    // and 0.3 MB for training (one step's gradients, and the weights after two Adam steps).
    expect(total).toBeLessThan(3 * 2 ** 20);
  });
});
