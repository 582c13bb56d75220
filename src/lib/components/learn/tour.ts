/**
 * The guided tour's steps and its place in the address: `#step-3` is the third step (counted
 * from 1, as people count), so any step can be linked. Parsing never throws: anything else is
 * step 1.
 */
export interface TourStep {
  /** The slug a reader sees in the step list. */
  title: string;
  /** One line on what the step teaches. */
  teaser: string;
}

export const TOUR_STEPS: readonly TourStep[] = [
  { title: 'Keep the high resolution', teaser: 'HRNet-W32 → Naive → Lite-HRNet-18' },
  { title: 'The shuffle block', teaser: 'Naive Lite-HRNet' },
  { title: 'The bottleneck', teaser: 'C² against 9C' },
  { title: 'Conditional channel weighting', teaser: 'H and F, paper Table 2' },
  { title: 'Where the FLOPs go', teaser: 'Lite-HRNet-18 by kind of work' },
  { title: 'How FLOPs are counted', teaser: 'nine conventions, seven tools' },
  { title: 'The fusion double-add', teaser: 'a quirk of the official code' },
  { title: 'Results in context', teaser: 'paper Tables 3 and 6' },
  { title: 'FLOPs do not predict speed', teaser: 'measured here, in your browser' }
];

/** "#step-3" → 2 (a 0-based index); anything unknown → 0. */
export function stepFromHash(hash: string, count = TOUR_STEPS.length): number {
  const m = /^#?step-(\d{1,3})$/.exec(hash.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  return n >= 1 && n <= count ? n - 1 : 0;
}

/** 2 → "#step-3". */
export function stepHash(index: number): string {
  return `#step-${index + 1}`;
}
