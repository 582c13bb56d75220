/**
 * The drill-down position (ExplorerState.focus) as a typed value. The state keeps it as a path of
 * code names — null (whole network), `stem`, `transition1` (into stage1), `stage1`, `stage1.3`
 * (module), `stage1.3.0` (block), `head` — so it reads well in a link; this module parses it
 * against a config, never trusting it.
 */
import type { LiteHRNetConfig, Op } from '$lib/model';
import { paperStageNumber } from '$lib/model';

export type Focus =
  | { level: 'network' }
  | { level: 'stem' }
  | { level: 'transition'; stage: number }
  | { level: 'head' }
  | { level: 'stage'; stage: number }
  | { level: 'module'; stage: number; module: number; block: number };

export interface Crumb {
  label: string;
  focus: string | null;
}

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

export function focusPath(f: Focus): string | null {
  switch (f.level) {
    case 'network':
      return null;
    case 'stem':
      return 'stem';
    case 'transition':
      return `transition${f.stage}`;
    case 'head':
      return 'head';
    case 'stage':
      return `stage${f.stage}`;
    case 'module':
      return `stage${f.stage}.${f.module}.${f.block}`;
  }
}

/** "Stage 3 (stage1)": the paper's number first, the code's name as a hint. */
export function stageLabel(stage: number): string {
  return `Stage ${paperStageNumber(stage)} (stage${stage})`;
}

export function breadcrumbs(f: Focus): Crumb[] {
  const crumbs: Crumb[] = [{ label: 'Network', focus: null }];
  if (f.level === 'stem') crumbs.push({ label: 'Stem', focus: 'stem' });
  if (f.level === 'head') crumbs.push({ label: 'Heads', focus: 'head' });
  if (f.level === 'transition')
    crumbs.push({
      label: `Transition into Stage ${paperStageNumber(f.stage)}`,
      focus: `transition${f.stage}`
    });
  if (f.level === 'stage' || f.level === 'module')
    crumbs.push({ label: stageLabel(f.stage), focus: `stage${f.stage}` });
  if (f.level === 'module') {
    crumbs.push({ label: `Module ${f.module + 1}`, focus: `stage${f.stage}.${f.module}` });
    crumbs.push({ label: `Block ${f.block + 1}`, focus: `stage${f.stage}.${f.module}.${f.block}` });
  }
  return crumbs;
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

/** Does the op belong to what the focus shows (everything, the stem, a stage, a module)? */
export function opInFocus(op: Op, f: Focus): boolean {
  const s = op.scope;
  switch (f.level) {
    case 'network':
      return true;
    case 'stem':
      return s.section === 'stem';
    case 'transition':
      return s.section === 'transition' && s.stage === f.stage;
    case 'head':
      return s.section === 'head' || s.section === 'keypoint_head';
    case 'stage':
      return s.stage === f.stage && (s.section === 'stage' || s.section === 'transition');
    case 'module':
      return s.section === 'stage' && s.stage === f.stage && s.module === f.module;
  }
}

/** "litehrnet.stage0.0.layers.0#cat.1@0" style keys of ExplorerState.selected. */
export function callKey(op: Pick<Op, 'name' | 'call'>): string {
  return `${op.name}@${op.call}`;
}
