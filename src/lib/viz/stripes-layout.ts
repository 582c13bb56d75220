/**
 * "What a block does to a tensor": one branch's channels drawn as coloured stripes, step by step
 * through a shuffle block (Naive Lite-HRNet) or a conditional channel weighting block
 * (Lite-HRNet). Pure: block, channel count and step in; stripes, weight bars, labels and captions
 * out. Channel orders follow the official code (HRNet/Lite-HRNet `models/backbones/litehrnet.py`,
 * as mmpose has it): `x.chunk(2, dim=1)` splits, `torch.cat((x1, x2), dim=1)` puts x1 first and
 * `channel_shuffle(x, 2)` views C as (2, C/2), transposes and flattens.
 */
import { range } from 'd3-array';
import { interpolateGreys, interpolateSinebow } from 'd3-scale-chromatic';
import { formatDecimal } from '$lib/model';

export type StripesBlock = 'shuffle' | 'ccw';

export type StripesStepKey =
  'input' | 'convs' | 'split' | 'crossResolution' | 'depthwise' | 'spatial' | 'concat' | 'shuffle';

/** The steps each block is taken apart into, in the order the official forward runs them. */
export const STRIPES_STEPS: Record<StripesBlock, readonly StripesStepKey[]> = {
  shuffle: ['input', 'convs', 'concat', 'shuffle'],
  ccw: ['input', 'split', 'crossResolution', 'depthwise', 'spatial', 'concat', 'shuffle']
};

/**
 * Geometry in viewBox units. 340 wide, so on a 390 px phone (358 px of column) a unit is a bit
 * over a pixel and 13-unit labels stay above 12 px.
 */
export const STRIPES = {
  width: 340,
  height: 232,
  margin: 10,
  /** Space between x1 and x2 while the block works on them apart. */
  gap: 24,
  stripeY: 64,
  stripeHeight: 96,
  /** Bars of the example weights stand on this line, at most barMax tall (weight 1). */
  barBase: 56,
  barMax: 30,
  fontSize: 13,
  lineHeight: 18,
  minChannels: 4,
  maxChannels: 12
} as const;

export interface Stripe {
  /** The channel's index in the block's input (0-based): the stripe's key while it moves. */
  channel: number;
  x: number;
  y: number;
  w: number;
  h: number;
  colour: string;
  /** Fill opacity: the product of the weights multiplied in so far (1 when none). */
  opacity: number;
  /** True once the channel is a new one computed by the 1×1 convs (drawn hatched). */
  hatched: boolean;
  /** What the reader sees under the stripe: "5", or "5′" for the new channel in that place. */
  label: string;
}

export interface WeightBar {
  channel: number;
  x: number;
  w: number;
  /** Top of the track that a weight of 1 would fill. */
  trackY: number;
  y: number;
  h: number;
  value: number;
  /** The value printed above the bar, or '' where the bars are too narrow for it. */
  label: string;
}

/** A line from a channel's place before the shuffle to its place after. */
export interface ShuffleLink {
  channel: number;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  colour: string;
}

export interface StripesLabel {
  key: string;
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface StripesLayout {
  block: StripesBlock;
  channels: number;
  step: number;
  stepCount: number;
  key: StripesStepKey;
  title: string;
  caption: string;
  /** The drawing in words, for the SVG's accessible name. */
  description: string;
  width: number;
  height: number;
  fontSize: number;
  /** Channel index at each position, left to right. */
  order: number[];
  stripes: Stripe[];
  /** Diagonal hatching of one stripe, in the stripe's own coordinates. */
  hatchPath: string;
  bars: WeightBar[];
  links: ShuffleLink[];
  /** Square brackets under groups of stripes, as SVG paths. */
  brackets: { key: string; path: string }[];
  labels: StripesLabel[];
}

/** torch `x.chunk(2, dim=1)`: the first C/2 channels (x1) and the last C/2 (x2). */
export function splitHalves<T>(order: readonly T[]): [T[], T[]] {
  const half = order.length / 2;
  return [order.slice(0, half), order.slice(half)];
}

/** torch `cat((x1, x2), dim=1)`: x1's channels, then x2's. */
export function concatChannels<T>(x1: readonly T[], x2: readonly T[]): T[] {
  return [...x1, ...x2];
}

/**
 * mmpose `channel_shuffle(x, groups)`: `x.view(N, groups, C/groups, H, W)`, `transpose(1, 2)`,
 * flatten. Position k·groups + g of the output holds channel g·(C/groups) + k of the input.
 */
export function channelShuffle<T>(order: readonly T[], groups = 2): T[] {
  const perGroup = order.length / groups;
  return order.map((_, i) => order[(i % groups) * perGroup + Math.floor(i / groups)]);
}

/** Position of each step through t in 0..1 over x2's n channels (0 for the first, 1 for the last). */
const along = (k: number, n: number) => k / (n - 1);
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Made-up weights of H for x2's n channels: falling evenly from 0.9 to 0.4. */
export function exampleCrossResolutionWeights(n: number): number[] {
  return range(n).map((k) => round2(0.9 - 0.5 * along(k, n)));
}

/** Made-up weights of F for x2's n channels: 0.5 at both ends rising to 1 in the middle. */
export function exampleSpatialWeights(n: number): number[] {
  return range(n).map((k) => round2(1 - 0.5 * Math.abs(2 * along(k, n) - 1)));
}

export function stripesStepCount(block: StripesBlock): number {
  return STRIPES_STEPS[block].length;
}

export function checkStripesChannels(channels: number): void {
  const { minChannels, maxChannels } = STRIPES;
  if (
    !Number.isInteger(channels) ||
    channels % 2 !== 0 ||
    channels < minChannels ||
    channels > maxChannels
  )
    throw new RangeError(
      `channels must be even, ${minChannels} to ${maxChannels} (the block splits them in half); got ${channels}`
    );
}

interface ChannelLook {
  colour: string;
  opacity: number;
  hatched: boolean;
  label: string;
}

/** The tensor after some steps: which channel sits where, and how each channel looks. */
interface TensorState {
  order: number[];
  apart: boolean;
  looks: ChannelLook[];
}

const inputColour = (i: number, c: number) => interpolateSinebow(i / c);
/** New channels get greys: they are no longer any one input channel. */
const newColour = (k: number, n: number) => interpolateGreys(0.35 + 0.35 * along(k, n));

function applyStep(key: StripesStepKey, s: TensorState, c: number): TensorState {
  const n = c / 2;
  const x2 = (f: (look: ChannelLook, k: number) => ChannelLook) =>
    s.looks.map((look, i) => (i < n ? look : f(look, i - n)));
  switch (key) {
    case 'input':
      return s;
    case 'split':
      return { ...s, apart: true };
    case 'convs':
      return {
        ...s,
        apart: true,
        looks: x2((look, k) => ({
          ...look,
          colour: newColour(k, n),
          hatched: true,
          label: `${k + n + 1}′`
        }))
      };
    case 'crossResolution': {
      const h = exampleCrossResolutionWeights(n);
      return { ...s, looks: x2((look, k) => ({ ...look, opacity: look.opacity * h[k] })) };
    }
    case 'depthwise':
      return s;
    case 'spatial': {
      const f = exampleSpatialWeights(n);
      return { ...s, looks: x2((look, k) => ({ ...look, opacity: look.opacity * f[k] })) };
    }
    case 'concat': {
      const [first, second] = splitHalves(s.order);
      return { ...s, apart: false, order: concatChannels(first, second) };
    }
    case 'shuffle':
      return { ...s, order: channelShuffle(s.order, 2) };
  }
}

function stateAt(block: StripesBlock, c: number, step: number): TensorState {
  const start: TensorState = {
    order: range(c),
    apart: false,
    looks: range(c).map((i) => ({
      colour: inputColour(i, c),
      opacity: 1,
      hatched: false,
      label: `${i + 1}`
    }))
  };
  return STRIPES_STEPS[block].slice(0, step + 1).reduce((s, key) => applyStep(key, s, c), start);
}

/** Horizontal geometry: the same pitch in every step, so only positions change. */
function columns(c: number) {
  const { width, margin, gap } = STRIPES;
  const pitch = (width - 2 * margin - gap) / c;
  const w = pitch * 0.8;
  const together = (width - c * pitch) / 2;
  const apartStart = (width - c * pitch - gap) / 2;
  /** Left edge of the stripe at position p. */
  const left = (p: number, apart: boolean) =>
    apart
      ? apartStart + p * pitch + (p >= c / 2 ? gap : 0) + (pitch - w) / 2
      : together + p * pitch + (pitch - w) / 2;
  /** [left, right] of positions from..to (inclusive) as drawn. */
  const span = (from: number, to: number, apart: boolean): [number, number] => [
    left(from, apart),
    left(to, apart) + w
  ];
  return { pitch, w, left, span };
}

/** Diagonal lines x + y = s every `every` units, clipped to a w × h box. */
export function hatchPath(w: number, h: number, every = 8): string {
  const parts: string[] = [];
  for (let s = every; s < w + h; s += every) {
    const a = [Math.max(0, s - h), Math.min(s, h)];
    const b = [Math.min(s, w), Math.max(0, s - w)];
    parts.push(`M${a[0].toFixed(2)},${a[1].toFixed(2)}L${b[0].toFixed(2)},${b[1].toFixed(2)}`);
  }
  return parts.join('');
}

const channelRange = (from: number, to: number) => `${from}–${to}`;

interface StepText {
  title: string;
  caption: string;
}

function stepText(
  block: StripesBlock,
  key: StripesStepKey,
  c: number,
  order: number[],
  looks: ChannelLook[]
): StepText {
  const n = c / 2;
  const x1 = `channels ${channelRange(1, n)}`;
  const x2 = `channels ${channelRange(n + 1, c)}`;
  const news = `${n + 1}′–${c}′`;
  const shuffled = order.map((i) => looks[i].label).join(', ');
  switch (key) {
    case 'input':
      return {
        title: 'Input',
        caption: `one branch’s tensor with ${c} channels, one stripe per channel, each with its own colour and number so you can follow it.`
      };
    case 'convs':
      return {
        title: 'Split',
        caption: `${x1} (x1) pass untouched; ${x2} (x2) go through the convolutions: a 1×1 conv, a 3×3 depthwise conv and another 1×1 conv. Each output channel of a 1×1 conv is a weighted sum of all its input channels, so ${news} are new channels computed from all of x2, not channels ${channelRange(n + 1, c)} recoloured.`
      };
    case 'split':
      return {
        title: 'Split',
        caption: `${x1} (x1) pass untouched; ${x2} (x2) are weighted and filtered. Nothing in this block mixes channels, so each keeps its colour.`
      };
    case 'crossResolution':
      return {
        title: 'Cross-resolution weighting H',
        caption: `every branch’s x2 is average-pooled to the smallest branch’s size and concatenated; two 1×1 convs (the last with a sigmoid) turn that into weights between 0 and 1, and each branch takes its share back, resized up. Each channel of x2 is multiplied by its weight. The bars are example weights, one per channel; in the network H’s weights also vary with position.`
      };
    case 'depthwise':
      return {
        title: '3×3 depthwise conv',
        caption: `each channel of x2 is filtered on its own, with its own 3×3 filter; no channel mixes with another.`
      };
    case 'spatial':
      return {
        title: 'Spatial weighting F',
        caption: `this branch’s global average pool and two small 1×1 convs (the last with a sigmoid) give one weight per channel; each channel of x2 is multiplied by it and now carries H × F. The bars are example weights.`
      };
    case 'concat':
      return {
        title: 'Concat',
        caption:
          block === 'shuffle'
            ? `x1 first (${x1}), then the ${n} new channels ${news}.`
            : `x1 first (${x1}), then the weighted ${x2}.`
      };
    case 'shuffle':
      return {
        title: 'Channel shuffle',
        caption: `with 2 groups, view the ${c} channels as 2 rows of ${n}, transpose, flatten. The order becomes ${shuffled}, so when the next block splits, each half holds channels from both x1 and ${block === 'shuffle' ? 'the new channels' : 'x2'}. The lines lead from each channel’s place before the shuffle to its place after.`
      };
  }
}

function weightBars(values: number[], c: number, cols: ReturnType<typeof columns>): WeightBar[] {
  const { barBase, barMax } = STRIPES;
  const n = c / 2;
  const roomForValues = cols.pitch >= 32;
  return values.map((value, k) => ({
    channel: n + k,
    x: cols.left(n + k, true),
    w: cols.w,
    trackY: barBase - barMax,
    y: barBase - barMax * value,
    h: barMax * value,
    value,
    label: roomForValues ? formatDecimal(value, 2) : ''
  }));
}

/** Lines stacked down to just above the stripes, centred over [left, right]. */
function stackedOver(key: string, lines: string[], [l, r]: [number, number]): StripesLabel[] {
  const { stripeY, lineHeight } = STRIPES;
  const last = stripeY - 12;
  return lines.map((text, i) => ({
    key: `${key}-${i}`,
    x: (l + r) / 2,
    y: last - (lines.length - 1 - i) * lineHeight,
    text,
    anchor: 'middle' as const
  }));
}

/** The two-line title of a weight chart, right-aligned over x1 beside the bars. */
function barsTitle(
  key: string,
  lines: string[],
  cols: ReturnType<typeof columns>,
  c: number
): StripesLabel[] {
  const right = cols.span(0, c / 2 - 1, true)[1];
  return lines.map((text, i) => ({
    key: `${key}-${i}`,
    x: right,
    y: 36 + i * STRIPES.lineHeight,
    text,
    anchor: 'end' as const
  }));
}

interface Group {
  key: string;
  from: number;
  to: number;
  lines: [string, string];
}

function groups(block: StripesBlock, key: StripesStepKey, c: number): Group[] {
  const n = c / 2;
  const all = (lines: [string, string]): Group[] => [{ key: 'all', from: 0, to: c - 1, lines }];
  const halves = (x2: [string, string]): Group[] => [
    { key: 'x1', from: 0, to: n - 1, lines: ['x1', 'passes untouched'] },
    { key: 'x2', from: n, to: c - 1, lines: x2 }
  ];
  switch (key) {
    case 'input':
      return all(['input', `${c} channels of one branch`]);
    case 'convs':
      return halves(['new channels', 'computed from x2']);
    case 'split':
      return halves(['x2', 'to be weighted']);
    case 'crossResolution':
      return halves(['x2 × H', 'scaled per channel']);
    case 'depthwise':
      return halves(['x2 × H, filtered', 'channels stay apart']);
    case 'spatial':
      return halves(['x2 × H × F', 'scaled again']);
    case 'concat':
      return all([
        'concat',
        block === 'shuffle' ? 'x1, then the new half' : 'x1, then weighted x2'
      ]);
    case 'shuffle':
      return all(['channel shuffle, 2 groups', 'the two halves interleave']);
  }
}

function groupMarks(gs: Group[], apart: boolean, cols: ReturnType<typeof columns>) {
  const y = STRIPES.stripeY + STRIPES.stripeHeight + 30;
  const brackets = gs.map((g) => {
    const [l, r] = cols.span(g.from, g.to, apart);
    return {
      key: g.key,
      path: `M${formatDecimal(l, 2)},${y - 6}V${y}H${formatDecimal(r, 2)}V${y - 6}`
    };
  });
  const labels = gs.flatMap((g) => {
    const [l, r] = cols.span(g.from, g.to, apart);
    return g.lines.map((text, i) => ({
      key: `${g.key}-${i}`,
      x: (l + r) / 2,
      y: y + 16 + i * (STRIPES.lineHeight - 1),
      text,
      anchor: 'middle' as const
    }));
  });
  return { brackets, labels };
}

function shuffleLinks(
  before: number[],
  after: number[],
  looks: ChannelLook[],
  cols: ReturnType<typeof columns>
): ShuffleLink[] {
  const centre = (p: number) => cols.left(p, false) + cols.w / 2;
  return after.map((channel, p) => ({
    channel,
    x1: centre(before.indexOf(channel)),
    x2: centre(p),
    y1: 14,
    y2: STRIPES.stripeY - 4,
    colour: looks[channel].colour
  }));
}

function describeStep(
  text: StepText,
  order: number[],
  looks: ChannelLook[],
  bars: WeightBar[]
): string {
  const seq = `Channels left to right: ${order.map((i) => looks[i].label).join(', ')}.`;
  const weights = bars.length
    ? ` Example weights for channels ${bars.map((b) => `${b.channel + 1}: ${formatDecimal(b.value, 2)}`).join(', ')}.`
    : '';
  return `${text.title}. ${seq}${weights}`;
}

function band(key: StripesStepKey, c: number, cols: ReturnType<typeof columns>) {
  const n = c / 2;
  const x2 = cols.span(n, c - 1, true);
  switch (key) {
    case 'input':
      return {
        bars: [],
        labels: stackedOver(
          'note',
          ['each stripe stands for one channel’s', 'whole H×W feature map'],
          cols.span(0, c - 1, false)
        )
      };
    case 'convs':
      return {
        bars: [],
        labels: stackedOver('ops', ['1×1 conv', '→ 3×3 depthwise', '→ 1×1 conv'], x2)
      };
    case 'crossResolution':
      return {
        bars: weightBars(exampleCrossResolutionWeights(n), c, cols),
        labels: barsTitle('weights', ['example weights', 'H: cross-resolution'], cols, c)
      };
    case 'depthwise':
      return {
        bars: [],
        labels: stackedOver('ops', ['3×3 depthwise:', 'one filter', 'per channel'], x2)
      };
    case 'spatial':
      return {
        bars: weightBars(exampleSpatialWeights(n), c, cols),
        labels: barsTitle('weights', ['example weights', 'F: spatial'], cols, c)
      };
    default:
      return { bars: [], labels: [] };
  }
}

export function layoutStripes(block: StripesBlock, channels: number, step: number): StripesLayout {
  checkStripesChannels(channels);
  const c = channels;
  const keys = STRIPES_STEPS[block];
  const at = Math.max(0, Math.min(keys.length - 1, Math.floor(step)));
  const key = keys[at];
  const s = stateAt(block, c, at);
  const cols = columns(c);
  const { stripeY, stripeHeight } = STRIPES;
  const stripes: Stripe[] = s.order.map((channel, p) => ({
    channel,
    x: cols.left(p, s.apart),
    y: stripeY,
    w: cols.w,
    h: stripeHeight,
    ...s.looks[channel]
  }));
  stripes.sort((a, b) => a.channel - b.channel);
  const text = stepText(block, key, c, s.order, s.looks);
  const top = band(key, c, cols);
  const marks = groupMarks(groups(block, key, c), s.apart, cols);
  const before = key === 'shuffle' ? stateAt(block, c, at - 1).order : s.order;
  return {
    block,
    channels: c,
    step: at,
    stepCount: keys.length,
    key,
    ...text,
    description: describeStep(text, s.order, s.looks, top.bars),
    width: STRIPES.width,
    height: STRIPES.height,
    fontSize: STRIPES.fontSize,
    order: s.order,
    stripes,
    hatchPath: hatchPath(cols.w, stripeHeight),
    bars: top.bars,
    links: key === 'shuffle' ? shuffleLinks(before, s.order, s.looks, cols) : [],
    brackets: marks.brackets,
    labels: [...top.labels, ...marks.labels]
  };
}
