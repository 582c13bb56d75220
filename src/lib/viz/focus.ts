/**
 * The drill-down position (ExplorerState.focus) as a typed value. The state keeps it as a path of
 * code names — null (whole network), `stem`, `transition1` (into stage1), `stage1`, `stage1.3`
 * (module), `stage1.3.0` (block), `head` — so it reads well in a link; this module parses it
 * against a config, never trusting it.
 */
import type { Op } from '$lib/model';
import type { Focus } from './focus-path';
import { paperStageNumber } from '$lib/model';

export type { Focus } from './focus-path';
export { parseFocus, focusOfOp } from './focus-path';

export interface Crumb {
  label: string;
  focus: string | null;
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
