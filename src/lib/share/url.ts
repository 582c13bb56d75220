/**
 * The explorer's state as a link: versioned, readable in the address bar, and storing only what
 * differs from the chosen preset and from the default view. The keys, what they mean and how
 * each is read and written are declared once, in LINK_KEYS (url-schema.ts); this file walks that
 * table both ways and repairs what a link's values cannot build.
 *
 * Decoding is total: any string gives a state that builds plus a list of errors, one per bad
 * part, each saying what was wrong and what was loaded instead. Valid parts are all kept.
 */
import type { LiteHRNetConfig, PresetId, StageConfig } from '$lib/model';
import { PRESETS, formatInput, paperStageNumber, presetConfig, validateConfig } from '$lib/model';
import type { ExplorerState } from './state';
import { focusProblem, selectedProblem } from './state';
import type { DecodeContext, LinkError, LinkKey } from './url-schema';
import { LINK_KEYS, baselineStage, decodeContext, sharedWidths } from './url-schema';
import type { RawPair } from './url-values';
import { encodeValue, quote, splitQuery } from './url-values';

export { LINK_KEYS, SCHEMA_VERSION } from './url-schema';
export type { LinkError } from './url-schema';

export interface DecodeResult {
  state: ExplorerState;
  errors: LinkError[];
}

/** The config a preset's links are written against. */
export function baselineConfig(preset: PresetId): LiteHRNetConfig {
  return presetConfig(preset);
}

/** A stage key for a stage this config does not have. */
const pastLastStage = (k: LinkKey, config: LiteHRNetConfig) =>
  k.stageIndex !== undefined && k.stageIndex >= config.stages.length;

/** The query string (no leading `?`) for a state; keys in LINK_KEYS' order. */
export function encodeState(state: ExplorerState): string {
  const base = baselineConfig(state.preset);
  const c = { state, base, shared: sharedWidths(state.config, base) };
  return LINK_KEYS.filter((k) => !pastLastStage(k, state.config))
    .map((k) => [k.key, k.encode(c)] as const)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${encodeValue(v!)}`)
    .join('&');
}

/**
 * Why a state may not go into the address (null when it may): only a config that validates, and
 * a focus and selection that pass their checks, are ever written; decoding repairs anything else.
 */
export function unwritableReason(state: ExplorerState): string | null {
  const checked = validateConfig(state.config);
  if (!checked.ok) return checked.errors[0].message;
  if (state.focus !== null) {
    const p = focusProblem(state.focus, state.config);
    if (p) return `The focus ${quote(state.focus)} is ${p}.`;
  }
  if (state.selected !== null && selectedProblem(state.selected))
    return `The selection ${quote(state.selected)} is not an op call.`;
  return null;
}

// ---------------------------------------------------------------------------------- decode

/** The link's pairs by key (first occurrence wins), plus errors for duplicates and unreadable pairs. */
function indexPairs(pairs: RawPair[], errors: LinkError[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const p of pairs) {
    if (!p.readable) {
      errors.push({
        key: p.key,
        message: `The part ${quote(`${p.key}=${p.value}`)} has a broken %-escape and was ignored.`
      });
    } else if (byKey.has(p.key)) {
      errors.push({
        key: p.key,
        message: `“${p.key}” appears more than once; the first value was used.`
      });
    } else {
      byKey.set(p.key, p.value);
    }
  }
  return byKey;
}

/** Reads one key of the table, or says it was ignored because its stage is not in the network. */
function decodeKey(k: LinkKey, c: DecodeContext): void {
  const raw = c.pairs.get(k.key);
  if (raw !== undefined) c.used.add(k.key);
  if (!pastLastStage(k, c.draft)) {
    k.decode(raw, c);
  } else if (raw !== undefined) {
    const N = paperStageNumber(k.stageIndex!);
    const last = paperStageNumber(c.draft.stages.length - 1);
    c.errors.push({
      key: k.key,
      message: `${k.key} sets Stage ${N}, but the network has only Stages ${paperStageNumber(0)}–${last}; it was ignored.`
    });
  }
}

/** Keys that set a config field, the most specific path first (`stages[1].widths` before `stages`). */
const BY_PATH = LINK_KEYS.filter((k) => k.path !== undefined).sort(
  (a, b) => b.path!.length - a.path!.length
);

/** The link key a validation path came from, e.g. `stages[1].widths[2]` → `w3` or `w`. */
function keyOfPath(path: string, pairs: Map<string, string>): string {
  const covers = (p: string) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
  const owner = BY_PATH.find((k) => covers(k.path!));
  if (!owner) return path;
  // Widths a link does not give per stage came from the shared list.
  if (owner.path!.endsWith('.widths') && !pairs.has(owner.key)) return 'w';
  return owner.key;
}

const stemWidths = ({ stem }: LiteHRNetConfig) =>
  [stem.stemChannels, stem.outChannels, stem.expandRatio].join(',');

/** Puts back the preset's value for the field a validation error names; false if it already was. */
function revert(draft: LiteHRNetConfig, base: LiteHRNetConfig, path: string): string | null {
  const stage = /^stages\[(\d+)\]\.(\w+)/.exec(path);
  if (stage) {
    const i = Number(stage[1]);
    const field = stage[2] as keyof StageConfig;
    const b = baselineStage(base, i);
    const s = draft.stages[i] as unknown as Record<string, unknown>;
    const before = JSON.stringify(s[field]);
    s[field] = field === 'widths' ? [...b.widths] : b[field];
    return before === JSON.stringify(s[field]) ? null : String(s[field]);
  }
  const stem = /^stem\.(type|layer1Blocks|layer1Block)$/.exec(path);
  if (stem) {
    // The stem type and stage 1 have keys of their own: put back only the field that failed.
    const field = stem[1] as 'type' | 'layer1Blocks' | 'layer1Block';
    const before = draft.stem[field];
    (draft.stem as unknown as Record<string, unknown>)[field] = base.stem[field];
    return before === base.stem[field] ? null : String(base.stem[field]);
  }
  if (path.startsWith('stem.')) {
    // A bad width or ratio: put back the preset's three numbers (`stem=`), keeping the type.
    const before = stemWidths(draft);
    const { stemChannels, outChannels, expandRatio } = base.stem;
    Object.assign(draft.stem, { stemChannels, outChannels, expandRatio });
    return before === stemWidths(draft) ? null : `stem=${stemWidths(base)}`;
  }
  const field = path.split(/[.[]/)[0] as keyof LiteHRNetConfig;
  if (!(field in base)) return null;
  const d = draft as unknown as Record<string, unknown>;
  const before = JSON.stringify(d[field]);
  d[field] = structuredClone(base[field]);
  if (before === JSON.stringify(d[field])) return null;
  if (field === 'input') return formatInput(base.input);
  if (field === 'stem') return `stem=${stemWidths(base)}`;
  return JSON.stringify(base[field]);
}

/** The first two of a field's problems, so six bad widths do not make six sentences. */
function summarize(messages: string[]): string {
  const more = messages.length - 2;
  return messages.slice(0, 2).join(' ') + (more > 0 ? ` (${more} more like this.)` : '');
}

/**
 * Validates the draft and, error by error, puts the preset's value back where the link's value
 * cannot run. When that is not enough (two settings clash), the whole preset is loaded.
 */
function repair(c: DecodeContext): LiteHRNetConfig {
  const { draft, preset } = c;
  const base = baselineConfig(preset);
  for (let round = 0; round < 4; round++) {
    const result = validateConfig(draft);
    if (result.ok) return result.config;
    // One message per link key: both sides of a bad `in=` are reported, the input reverted once.
    const byKey = new Map<string, { messages: string[]; loaded: string | null }>();
    for (const e of result.errors) {
      const key = keyOfPath(e.path, c.pairs);
      const entry = byKey.get(key) ?? { messages: [], loaded: null };
      entry.loaded ??= revert(draft, base, e.path);
      entry.messages.push(e.message);
      byKey.set(key, entry);
    }
    const changed = [...byKey.values()].some((e) => e.loaded !== null);
    for (const [key, { messages, loaded }] of byKey) {
      if (loaded !== null)
        c.errors.push({ key, message: `${summarize(messages)} Loaded ${loaded} instead.` });
    }
    if (!changed) break;
  }
  const final = validateConfig(draft);
  if (final.ok) return final.config;
  c.errors.push({
    key: 'm',
    message: `The link's settings do not fit together (${final.errors[0].message}); loaded the ${PRESETS[preset].label} preset instead.`
  });
  return base;
}

function reportUnknown(c: DecodeContext): void {
  for (const key of c.pairs.keys()) {
    if (c.used.has(key)) continue;
    c.errors.push({
      key,
      message: `“${quote(key).slice(1, -1)}” is not a setting this site knows; it was ignored.`
    });
  }
}

/** Any query string (with or without `?`) → a state that builds, and what was wrong with the link. */
export function decodeState(search: string): DecodeResult {
  const errors: LinkError[] = [];
  const pairs = indexPairs(splitQuery(search), errors);
  const c = decodeContext(pairs, errors);
  const state = c.state;
  for (const k of LINK_KEYS) if (k.part === 'config') decodeKey(k, c);
  state.preset = c.preset;
  state.config = repair(c);
  for (const k of LINK_KEYS) if (k.part === 'view') decodeKey(k, c);
  reportUnknown(c);
  return { state, errors };
}
