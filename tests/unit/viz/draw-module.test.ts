// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { opNodeText, portTitle } from '../../../src/lib/viz/describe';
import { drawModule } from '../../../src/lib/viz/draw-module';
import type { Focus } from '../../../src/lib/viz/focus';
import type { Part } from '../../../src/lib/viz/module-layout';
import { layoutModule } from '../../../src/lib/viz/module-layout';
import { analysisOf } from './helpers';
import { renderSvg } from './snapshot';

const units = { convention: 'paper', unit: 'MACs' } as const;

function render(id: Parameters<typeof analysisOf>[0], focus: Focus, part: Part) {
  const a = analysisOf(id);
  const layout = layoutModule(a.graph, a.config, focus, part);
  let selected: number | null = null;
  const svg = renderSvg((el) =>
    drawModule(el, layout, {
      text: (i) => opNodeText(a.graph, a.costs, i, 1, units),
      portTitle: (p) => portTitle(a.graph, p),
      selected: null,
      hovered: null,
      onSelect: (i) => (selected = i),
      onHover: () => {}
    })
  );
  return { a, layout, svg, selected: () => selected };
}

const block: Focus = { level: 'module', stage: 0, module: 0, block: 0 };

describe('drawModule', () => {
  it('draws a shuffle block: one node per op call, one path per dependency', async () => {
    const { layout, svg } = render('naive_litehrnet_18', block, 'block');
    // 12 ops per branch over 2 branches; 13 edges per branch: port → 2 halves, 8 in the chain
    // (conv ← half, then 7 links), concat ← 2, shuffle ← concat = 2 + 8 + 2 + 1 = 13.
    expect(svg.match(/data-op=/g)).toHaveLength(24);
    expect(svg.match(/<path /g)).toHaveLength(26);
    expect(layout.edges).toHaveLength(26);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/module-naive-block.svg');
  });

  it('draws the official fusion with its double-add', async () => {
    const { svg } = render('litehrnet_18', block, 'fusion');
    const first = 'backbone.stage0.0.fuse_layers.0#add@0';
    expect(svg.match(new RegExp(`data-to="${first.replace(/[.#]/g, '\\$&')}"`, 'g'))).toHaveLength(
      2
    );
    await expect(svg).toMatchFileSnapshot('./__snapshots__/module-fusion-official.svg');
  });

  it('draws the stem from the image, and a click selects the op', () => {
    const { a, svg } = render('litehrnet_18', { level: 'stem' }, 'stem');
    expect(svg).toContain('data-port="input"');
    expect(svg).toContain('Input image');
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const layout = layoutModule(a.graph, a.config, { level: 'stem' }, 'stem');
    let picked = -1;
    drawModule(el, layout, {
      text: (i) => opNodeText(a.graph, a.costs, i, 1, units),
      selected: null,
      hovered: null,
      onSelect: (i) => (picked = i),
      onHover: () => {}
    });
    el.querySelector<SVGGElement>('[data-op="backbone.stem.conv1.conv@0"]')!.dispatchEvent(
      new MouseEvent('click', { bubbles: true })
    );
    expect(a.graph.ops[picked].name).toBe('backbone.stem.conv1.conv');
  });
});
