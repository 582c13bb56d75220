/**
 * Draws a StripesLayout into the SVG it owns. Stripes are joined by channel, so a step moves the
 * same nodes: each stripe's place is a CSS transform and its colour and weight are CSS fill
 * properties, which the page's stylesheet may transition (and does not under
 * `prefers-reduced-motion: reduce`). Nothing here animates by itself.
 */
import type { Selection } from 'd3-selection';
import { select } from 'd3-selection';
import type { ShuffleLink, Stripe, StripesLabel, StripesLayout, WeightBar } from './stripes-layout';
import { attr, fill, layer, style, text } from './write';

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

function drawChannels(svg: Svg, l: StripesLayout): void {
  const g = layer(svg, 'stripes')
    .selectAll<SVGGElement, Stripe>('g.stripe')
    .data(l.stripes, (d) => d.channel)
    .join((e) => {
      const s = e.append('g').attr('class', 'stripe');
      s.append('rect').attr('class', 'channel');
      s.append('path').attr('class', 'hatch');
      s.append('text').attr('class', 'channel-label');
      return s;
    });
  style(g, 'transform', (d) => `translate(${d.x.toFixed(2)}px, ${d.y}px)`);
  const rect = g.select<SVGRectElement>('rect.channel');
  attr(rect, 'data-channel', (d) => d.channel);
  attr(rect, 'width', (d) => d.w);
  attr(rect, 'height', (d) => d.h);
  fill(rect, (d) => d.colour);
  style(rect, 'fill-opacity', (d) => String(d.opacity));
  const hatch = g.select<SVGPathElement>('path.hatch');
  attr(hatch, 'd', (d) => (d.hatched ? l.hatchPath : null));
  const label = g.select<SVGTextElement>('text.channel-label');
  attr(label, 'x', (d) => d.w / 2);
  attr(label, 'y', (d) => d.h + 18);
  attr(label, 'font-size', () => l.fontSize);
  text(label, (d) => d.label);
}

function drawBars(svg: Svg, l: StripesLayout): void {
  const bars = layer(svg, 'weights')
    .selectAll<SVGGElement, WeightBar>('g.weight')
    .data(l.bars, (d) => d.channel)
    .join((e) => {
      const b = e.append('g').attr('class', 'weight');
      b.append('rect').attr('class', 'track');
      b.append('rect').attr('class', 'bar');
      b.append('text');
      return b;
    });
  const track = bars.select<SVGRectElement>('rect.track');
  attr(track, 'x', (d) => d.x);
  attr(track, 'y', (d) => d.trackY);
  attr(track, 'width', (d) => d.w);
  attr(track, 'height', (d) => d.y + d.h - d.trackY);
  const bar = bars.select<SVGRectElement>('rect.bar');
  attr(bar, 'x', (d) => d.x);
  attr(bar, 'y', (d) => d.y);
  attr(bar, 'width', (d) => d.w);
  attr(bar, 'height', (d) => d.h);
  const value = bars.select<SVGTextElement>('text');
  attr(value, 'x', (d) => d.x + d.w / 2);
  // One row above the tracks, so a value never sits on a track's edge.
  attr(value, 'y', (d) => d.trackY - 5);
  attr(value, 'font-size', () => l.fontSize);
  text(value, (d) => d.label);
}

function drawLinks(svg: Svg, l: StripesLayout): void {
  const links = layer(svg, 'links')
    .selectAll<SVGGElement, ShuffleLink>('g.link')
    .data(l.links, (d) => d.channel)
    .join((e) => {
      const k = e.append('g').attr('class', 'link');
      k.append('rect');
      k.append('line');
      return k;
    });
  const chip = links.select<SVGRectElement>('rect');
  attr(chip, 'x', (d) => d.x1 - 5);
  attr(chip, 'y', (d) => d.y1 - 10);
  attr(chip, 'width', () => 10);
  attr(chip, 'height', () => 10);
  fill(chip, (d) => d.colour);
  const line = links.select<SVGLineElement>('line');
  attr(line, 'x1', (d) => d.x1);
  attr(line, 'y1', (d) => d.y1);
  attr(line, 'x2', (d) => d.x2);
  attr(line, 'y2', (d) => d.y2);
  style(line, 'stroke', (d) => d.colour);
}

function drawMarks(svg: Svg, l: StripesLayout): void {
  const brackets = layer(svg, 'brackets')
    .selectAll<SVGPathElement, { key: string; path: string }>('path')
    .data(l.brackets, (d) => d.key)
    .join('path');
  attr(brackets, 'd', (d) => d.path);
  const labels = layer(svg, 'labels')
    .selectAll<SVGTextElement, StripesLabel>('text')
    .data(l.labels, (d) => d.key)
    .join('text');
  attr(labels, 'x', (d) => d.x);
  attr(labels, 'y', (d) => d.y);
  attr(labels, 'text-anchor', (d) => d.anchor);
  attr(labels, 'font-size', () => l.fontSize);
  text(labels, (d) => d.text);
}

export function drawStripes(el: SVGSVGElement, l: StripesLayout): void {
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${l.width} ${l.height}`);
  drawLinks(svg, l);
  drawBars(svg, l);
  drawChannels(svg, l);
  drawMarks(svg, l);
}
