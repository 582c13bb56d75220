/**
 * The drill-down position as a typed value, and the two readings the explorer's state needs at
 * once (a path from a link, an op's place). The views' helpers (breadcrumbs, labels, which ops a
 * focus shows) are in focus.ts, which loads with the views.
 */
import type { LiteHRNetConfig, Op } from '$lib/model';

export type Focus =
  | { level: 'network' }
  | { level: 'stem' }
  | { level: 'transition'; stage: number }
  | { level: 'head' }
  | { level: 'stage'; stage: number }
  | { level: 'module'; stage: number; module: number; block: number };

const within = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;

/** Parses a focus path; anything that does not exist in the config falls back to the network. */
export function parseFocus(path: string | null, config: LiteHRNetConfig): Focus {
  if (path === 'stem') return { level: 'stem' };
  if (path === 'head')
    return config.withHead || config.keypointHead ? { level: 'head' } : { level: 'network' };
  const t = /^transition(\d+)$/.exec(path ?? '');
  if (t) {
    const stage = Number(t[1]);
    return within(stage, config.stages.length)
      ? { level: 'transition', stage }
      : { level: 'network' };
  }
  const m = /^stage(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(path ?? '');
  if (!m) return { level: 'network' };
  const stage = Number(m[1]);
  if (!within(stage, config.stages.length)) return { level: 'network' };
  if (m[2] === undefined) return { level: 'stage', stage };
  const s = config.stages[stage];
  const module = Number(m[2]);
  if (!within(module, s.modules)) return { level: 'stage', stage };
  const block = m[3] === undefined ? 0 : Number(m[3]);
  return { level: 'module', stage, module, block: within(block, s.blocks) ? block : 0 };
}

/** Where an op lives in the drill-down: its module (and block), the stem, or the network. */
export function focusOfOp(op: Op): string | null {
  const s = op.scope;
  if (s.section === 'stem') return 'stem';
  if (s.section === 'transition') return `transition${s.stage}`;
  if (s.section === 'head' || s.section === 'keypoint_head') return 'head';
  if (s.section !== 'stage') return null;
  return `stage${s.stage}.${s.module}.${s.block ?? 0}`;
}
