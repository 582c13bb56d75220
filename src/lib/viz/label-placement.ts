/**
 * Putting short labels next to points without covering anything: each label tries the spots
 * around its point, nearest first, and takes the first one inside the frame that touches no
 * obstacle (points, lines, labels placed before it). Pure: boxes in, boxes out.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Anchor = 'start' | 'middle' | 'end';

/** A label's text where SVG draws it (x at its anchor, y on its baseline) and the box it covers. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  anchor: Anchor;
  box: Box;
}

/** 11 px labels: 12 px tall, the baseline 9 px below the top. */
export const LABEL_H = 12;
const ASCENT = 9;

/**
 * Rough width of an 11 px label without a DOM to measure: Chromium's system-ui measures 6.2 px a
 * character on Lite-HRNet's labels ("Lite-HRNet-18 256x192", 21 characters, 129 px); 6.8 leaves
 * room for wider fonts. Too wide only costs space; too narrow would let labels touch.
 */
export const labelWidth = (text: string): number => Math.ceil(6.8 * text.length);

export const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export const within = (a: Box, frame: Box): boolean =>
  a.x >= frame.x &&
  a.y >= frame.y &&
  a.x + a.w <= frame.x + frame.w &&
  a.y + a.h <= frame.y + frame.h;

/** A box grown by `by` on every side. */
export const inflate = (b: Box, by: number): Box => ({
  x: b.x - by,
  y: b.y - by,
  w: b.w + 2 * by,
  h: b.h + 2 * by
});

/** The box of a line segment (horizontal, vertical or slanted), `half` wide on each side. */
export function segmentBox(x1: number, y1: number, x2: number, y2: number, half: number): Box {
  const x = Math.min(x1, x2);
  const y = Math.min(y1, y2);
  return inflate({ x, y, w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) }, half);
}

function spot(text: string, anchor: Anchor, x: number, top: number, w: number): PlacedText {
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { text, x, y: top + ASCENT, anchor, box: { x: left, y: top, w, h: LABEL_H } };
}

/**
 * The spots around a point of radius r, nearest first: right, left (level, then half a line up or
 * down), then above and below (to the right, to the left, centred). A label on the left is anchored at its end, so an underestimated
 * width can only make it longer away from its point.
 */
export function spotsAround(text: string, px: number, py: number, r: number): PlacedText[] {
  const w = labelWidth(text);
  const gap = r + 3;
  const mid = py - LABEL_H / 2;
  const above = py - gap - LABEL_H;
  const below = py + gap;
  return [
    spot(text, 'start', px + gap, mid, w),
    spot(text, 'end', px - gap, mid, w),
    spot(text, 'start', px + gap, mid - LABEL_H / 2, w),
    spot(text, 'start', px + gap, mid + LABEL_H / 2, w),
    spot(text, 'end', px - gap, mid - LABEL_H / 2, w),
    spot(text, 'end', px - gap, mid + LABEL_H / 2, w),
    spot(text, 'start', px + 2, above, w),
    spot(text, 'start', px + 2, below, w),
    spot(text, 'end', px - 2, above, w),
    spot(text, 'end', px - 2, below, w),
    spot(text, 'middle', px, above, w),
    spot(text, 'middle', px, below, w)
  ];
}

/** The spots inside `frame` that touch no obstacle (kept 1 px apart), in their order. */
export function freeSpots(
  spots: readonly PlacedText[],
  obstacles: readonly Box[],
  frame: Box
): PlacedText[] {
  return spots.filter(
    (s) => within(s.box, frame) && !obstacles.some((o) => overlaps(inflate(s.box, 1), o))
  );
}

/**
 * Labels as many items as it can: the item with the fewest free spots goes first (it has the
 * least choice), at its nearest free spot, which then becomes an obstacle for the rest. Returns
 * each item's spot, or null where none was left.
 */
export function placeAll(
  spotsOf: readonly PlacedText[][],
  obstacles: readonly Box[],
  frame: Box
): (PlacedText | null)[] {
  const taken = [...obstacles];
  const placed: (PlacedText | null)[] = spotsOf.map(() => null);
  const open = new Set(spotsOf.keys());
  while (open.size > 0) {
    let best = -1;
    let bestFree: PlacedText[] = [];
    for (const i of open) {
      const free = freeSpots(spotsOf[i], taken, frame);
      if (
        best < 0 ||
        (free.length > 0 && (bestFree.length === 0 || free.length < bestFree.length))
      ) {
        best = i;
        bestFree = free;
      }
    }
    open.delete(best);
    if (bestFree.length === 0) continue;
    placed[best] = bestFree[0];
    taken.push(bestFree[0].box);
  }
  return placed;
}
