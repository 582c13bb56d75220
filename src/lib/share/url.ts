/**
 * The explorer's state as a link. One declared schema (after TensorFlow Playground's state.ts),
 * versioned, readable in the address bar, and storing only what differs from the chosen preset
 * (the preset at COCO 256x192 with 17 joints) and from the default view.
 *
 * | key           | meaning                                         | example                 | default            |
 * | ------------- | ----------------------------------------------- | ----------------------- | ------------------ |
 * | `v`           | schema version (always written)                 | `v=1`                   | 1                  |
 * | `m`           | preset the config starts from (always written)  | `m=litehrnet_30`        | litehrnet_18       |
 * | `in`          | input size, height x width                      | `in=384x288`            | 256x192            |
 * | `j`           | joints the keypoint head predicts               | `j=16`                  | 17                 |
 * | `stem`        | stem_channels,out_channels,expand_ratio         | `stem=32,48,0.5`        | 32,32,1            |
 * | `n`           | branches per stage; its length = stage count    | `n=2,3,4,4`             | 2,3,4              |
 * | `w`           | branch widths, highest resolution first; stage  | `w=30,60,120,240`       | the preset's       |
 * |               | N uses the first n of them                      |                         |                    |
 * | `sN`          | block type of paper stage N (2…6)               | `s2=naive`              | the preset's       |
 * | `mN`          | modules in stage N                              | `m3=6`                  | the preset's       |
 * | `bN`          | blocks per module in stage N                    | `b4=3`                  | 2                  |
 * | `fN`          | fusion at the end of each module of stage N     | `f2=0`                  | 1                  |
 * | `rN`          | reduce ratio of stage N's cross-res. weighting  | `r3=4`                  | the preset's       |
 * | `wN`          | stage N's own widths, when not a prefix of `w`  | `w3=40,64,128`          | first n of `w`     |
 * | `head`        | IterativeHead on (1) or off (0)                 | `head=0`                | 1                  |
 * | `kp`          | keypoint head on (1) or off (0)                 | `kp=0`                  | 1                  |
 * | `fu`          | fusion sum: official or paper                   | `fu=paper`              | official           |
 * | `cv`          | counting convention                             | `cv=mmcv`               | paper              |
 * | `u`           | unit: MACs or FLOPs                             | `u=FLOPs`               | MACs               |
 * | `at`          | drill-down focus                                | `at=stage1.3`           | whole network      |
 * | `sel`         | selected op call, name@call                     | `sel=keypoint_head.final_layer@0` | none     |
 * | `present`     | presentation mode on (1)                        | `present=1`             | 0                  |
 *
 * Stage keys use the paper's stage numbers (Stage 2…4 are the code's stage0…stage2); block
 * types, conventions and fusion modes are the stable names of BLOCK_TYPES, CONVENTIONS and
 * FUSION_MODES. Stages past the preset's last take that last stage's settings as their defaults.
 *
 * Decoding is total: any string gives a state that builds plus a list of errors, one per bad
 * part, each saying what was wrong and what was loaded instead. Valid parts are all kept.
 */
import type { BlockType, LiteHRNetConfig, PresetId, StageConfig } from '$lib/model';
import {
  BLOCK_TYPES,
  CONVENTIONS,
  FUSION_MODES,
  PRESETS,
  PRESET_IDS,
  LIMITS,
  cloneConfig,
  formatInput,
  paperStageNumber,
  presetConfig,
  validateConfig
} from '$lib/model';
import type { ExplorerState } from './state';
import { COST_UNITS, defaultState, focusProblem, selectedProblem } from './state';
import type { RawPair } from './url-values';
import {
  encodeValue,
  quote,
  readBool,
  readDecimal,
  readEnum,
  readInt,
  readIntList,
  readSize,
  splitQuery
} from './url-values';

export const SCHEMA_VERSION = 1;

/** One bad part of a link: the key it was under and a sentence for the person who opened it. */
export interface LinkError {
  key: string;
  message: string;
}

export interface DecodeResult {
  state: ExplorerState;
  errors: LinkError[];
}

const FIRST_STAGE = paperStageNumber(0);
const LAST_STAGE = paperStageNumber(LIMITS.stages.max - 1);
const STAGE_FIELDS = ['s', 'm', 'b', 'f', 'r', 'w'] as const;

/** The config a preset's links are written against. */
export function baselineConfig(preset: PresetId): LiteHRNetConfig {
  return presetConfig(preset);
}

/** Defaults for stage i: the preset's stage, or its last stage for stages it does not have. */
function baselineStage(base: LiteHRNetConfig, i: number): StageConfig {
  const s = base.stages[Math.min(i, base.stages.length - 1)];
  return { ...s, widths: [...s.widths] };
}

const sameList = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const isPrefix = (prefix: readonly number[], of: readonly number[]) =>
  prefix.length <= of.length && prefix.every((x, i) => x === of[i]);
const bit = (b: boolean) => (b ? '1' : '0');

// ---------------------------------------------------------------------------------- encode

/** The shared width list `w`, or null when every stage already reads its widths off the preset's. */
function sharedWidths(config: LiteHRNetConfig, base: LiteHRNetConfig): number[] | null {
  const baseWidths = base.stages[base.stages.length - 1].widths;
  if (config.stages.every((s) => isPrefix(s.widths, baseWidths))) return null;
  const widest = config.stages.reduce((a, s) => (s.widths.length > a.widths.length ? s : a));
  return widest.widths;
}

function encodeStages(config: LiteHRNetConfig, base: LiteHRNetConfig): [string, string][] {
  const pairs: [string, string][] = [];
  const branches = config.stages.map((s) => s.widths.length);
  if (
    !sameList(
      branches,
      base.stages.map((s) => s.widths.length)
    )
  ) {
    pairs.push(['n', branches.join(',')]);
  }
  const shared = sharedWidths(config, base);
  if (shared) pairs.push(['w', shared.join(',')]);
  const widthsSource = shared ?? base.stages[base.stages.length - 1].widths;
  config.stages.forEach((s, i) => {
    const b = baselineStage(base, i);
    const N = paperStageNumber(i);
    if (s.block !== b.block) pairs.push([`s${N}`, s.block]);
    if (s.modules !== b.modules) pairs.push([`m${N}`, String(s.modules)]);
    if (s.blocks !== b.blocks) pairs.push([`b${N}`, String(s.blocks)]);
    if (s.fuse !== b.fuse) pairs.push([`f${N}`, bit(s.fuse)]);
    if (s.reduceRatio !== b.reduceRatio) pairs.push([`r${N}`, String(s.reduceRatio)]);
    if (!isPrefix(s.widths, widthsSource)) pairs.push([`w${N}`, s.widths.join(',')]);
  });
  return pairs;
}

function encodeConfig(config: LiteHRNetConfig, base: LiteHRNetConfig): [string, string][] {
  const pairs: [string, string][] = [];
  if (formatInput(config.input) !== formatInput(base.input)) {
    pairs.push(['in', formatInput(config.input)]);
  }
  if (config.joints !== base.joints) pairs.push(['j', String(config.joints)]);
  const { stemChannels, outChannels, expandRatio } = config.stem;
  const stem = [stemChannels, outChannels, expandRatio].map(String).join(',');
  const baseStem = [base.stem.stemChannels, base.stem.outChannels, base.stem.expandRatio].join(',');
  if (stem !== baseStem) pairs.push(['stem', stem]);
  pairs.push(...encodeStages(config, base));
  if (config.withHead !== base.withHead) pairs.push(['head', bit(config.withHead)]);
  if (config.keypointHead !== base.keypointHead) pairs.push(['kp', bit(config.keypointHead)]);
  if (config.fusion !== base.fusion) pairs.push(['fu', config.fusion]);
  return pairs;
}

/** The query string (no leading `?`) for a state; keys in the schema table's order. */
export function encodeState(state: ExplorerState): string {
  const view = defaultState();
  const pairs: [string, string][] = [
    ['v', String(SCHEMA_VERSION)],
    ['m', state.preset],
    ...encodeConfig(state.config, baselineConfig(state.preset))
  ];
  if (state.convention !== view.convention) pairs.push(['cv', state.convention]);
  if (state.unit !== view.unit) pairs.push(['u', state.unit]);
  if (state.focus !== null) pairs.push(['at', state.focus]);
  if (state.selected !== null) pairs.push(['sel', state.selected]);
  if (state.present) pairs.push(['present', '1']);
  return pairs.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
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

/** Reads the field as `read` says, or records why not and what is used instead. */
class Reader {
  readonly used = new Set<string>();
  constructor(
    readonly pairs: Map<string, string>,
    readonly errors: LinkError[]
  ) {}

  take<T>(key: string, read: (v: string) => T | null, expected: string, instead: string): T | null {
    const raw = this.pairs.get(key);
    if (raw === undefined) return null;
    this.used.add(key);
    const value = read(raw);
    if (value === null) {
      this.errors.push({
        key,
        message: `${key}=${quote(raw)} is not ${expected}; loaded ${instead} instead.`
      });
    }
    return value;
  }
}

function readPreset(r: Reader): PresetId {
  const fallback = defaultState().preset;
  const names = PRESET_IDS.join(', ');
  const id = r.take('m', (v) => readEnum(v, PRESET_IDS), `a model (${names})`, fallback);
  return id ?? fallback;
}

function readVersion(r: Reader): void {
  const raw = r.pairs.get('v');
  if (raw === undefined) return;
  r.used.add('v');
  if (readInt(raw) === SCHEMA_VERSION) return;
  r.errors.push({
    key: 'v',
    message: `This link says version ${quote(raw)}; this site reads version ${SCHEMA_VERSION} links, so some settings may not be what the sender saw.`
  });
}

function readStem(r: Reader, draft: LiteHRNetConfig): void {
  const b = draft.stem;
  const instead = `${b.stemChannels},${b.outChannels},${b.expandRatio}`;
  const stem = r.take(
    'stem',
    (v) => {
      const parts = v.split(',');
      if (parts.length !== 3) return null;
      const [s, o] = parts.slice(0, 2).map(readInt);
      const e = readDecimal(parts[2]);
      return s === null || o === null || e === null
        ? null
        : { stemChannels: s, outChannels: o, expandRatio: e };
    },
    'three numbers: stem channels, out channels, expand ratio',
    instead
  );
  if (stem) draft.stem = stem;
}

/** Branch counts per stage from `n`; the preset's when absent or unreadable. */
function readBranchCounts(r: Reader, base: LiteHRNetConfig): number[] {
  const baseCounts = base.stages.map((s) => s.widths.length);
  const counts = r.take(
    'n',
    (v) => {
      const list = readIntList(v);
      const { min, max } = LIMITS.stages;
      const ok = list && list.length >= min && list.length <= max;
      return ok && list.every((c) => c >= LIMITS.branches.min && c <= LIMITS.branches.max)
        ? list
        : null;
    },
    `a list of ${LIMITS.stages.min}–${LIMITS.stages.max} branch counts, each ${LIMITS.branches.min}–${LIMITS.branches.max}`,
    baseCounts.join(',')
  );
  return counts ?? baseCounts;
}

function readStageScalars(r: Reader, stage: StageConfig, N: number): void {
  const block = r.take(
    `s${N}`,
    (v) => readEnum(v, BLOCK_TYPES),
    `a block type (${BLOCK_TYPES.join(', ')})`,
    stage.block
  );
  if (block) stage.block = block as BlockType;
  const int = (key: string, cur: number) =>
    r.take(key, readInt, 'a whole number', String(cur)) ?? cur;
  stage.modules = int(`m${N}`, stage.modules);
  stage.blocks = int(`b${N}`, stage.blocks);
  stage.reduceRatio = int(`r${N}`, stage.reduceRatio);
  const fuse = r.take(`f${N}`, readBool, '1 or 0', bit(stage.fuse));
  if (fuse !== null) stage.fuse = fuse;
}

/** Stage widths: its own `wN`, else the first n of the shared list (shortened if that runs out). */
function stageWidths(r: Reader, N: number, count: number, shared: number[]): number[] {
  const fromShared = shared.slice(0, count);
  const own = r.take(`w${N}`, readIntList, 'a list of whole numbers', fromShared.join(','));
  if (own) {
    if (own.length !== count && r.pairs.has('n')) {
      r.errors.push({
        key: `w${N}`,
        message: `w${N} gives ${own.length} widths but n gives Stage ${N} ${count} branches; used the ${own.length} widths of w${N}.`
      });
    }
    return own;
  }
  if (fromShared.length < count) {
    r.errors.push({
      key: 'w',
      message: `Stage ${N} has ${count} branches but only ${shared.length} widths are given; loaded ${fromShared.length} branches (${fromShared.join(',')}) for it instead.`
    });
  }
  return fromShared;
}

function readStages(r: Reader, draft: LiteHRNetConfig, base: LiteHRNetConfig): void {
  const counts = readBranchCounts(r, base);
  const baseWidths = base.stages[base.stages.length - 1].widths;
  const shared =
    r.take('w', readIntList, 'a list of whole numbers', baseWidths.join(',')) ?? baseWidths;
  draft.stages = counts.map((count, i) => {
    const stage = baselineStage(base, i);
    const N = paperStageNumber(i);
    readStageScalars(r, stage, N);
    stage.widths = stageWidths(r, N, count, shared);
    return stage;
  });
  for (let N = paperStageNumber(counts.length); N <= LAST_STAGE; N++) {
    for (const f of STAGE_FIELDS) {
      if (!r.pairs.has(`${f}${N}`)) continue;
      r.used.add(`${f}${N}`);
      r.errors.push({
        key: `${f}${N}`,
        message: `${f}${N} sets Stage ${N}, but the network has only Stages ${FIRST_STAGE}–${paperStageNumber(counts.length - 1)}; it was ignored.`
      });
    }
  }
}

function readSwitches(r: Reader, draft: LiteHRNetConfig): void {
  const size = r.take('in', readSize, 'a size like 256x192', formatInput(draft.input));
  if (size) draft.input = size;
  draft.joints = r.take('j', readInt, 'a whole number', String(draft.joints)) ?? draft.joints;
  const head = r.take('head', readBool, '1 or 0', bit(draft.withHead));
  if (head !== null) draft.withHead = head;
  const kp = r.take('kp', readBool, '1 or 0', bit(draft.keypointHead));
  if (kp !== null) draft.keypointHead = kp;
  const fu = r.take(
    'fu',
    (v) => readEnum(v, FUSION_MODES),
    FUSION_MODES.join(' or '),
    draft.fusion
  );
  if (fu) draft.fusion = fu;
}

/** The link key a validation path came from, e.g. `stages[1].widths[2]` → `w3` or `w`. */
function keyOfPath(path: string, r: Reader): string {
  const stage = /^stages\[(\d+)\]\.(\w+)/.exec(path);
  if (stage) {
    const N = paperStageNumber(Number(stage[1]));
    const field = stage[2];
    const letter = { block: 's', modules: 'm', blocks: 'b', fuse: 'f', reduceRatio: 'r' }[field];
    if (letter) return `${letter}${N}`;
    return r.pairs.has(`w${N}`) ? `w${N}` : 'w';
  }
  const top: Record<string, string> = {
    input: 'in',
    joints: 'j',
    stem: 'stem',
    stages: 'n',
    withHead: 'head',
    keypointHead: 'kp',
    fusion: 'fu'
  };
  return top[path.split(/[.[]/)[0]] ?? path;
}

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
  const field = path.split(/[.[]/)[0] as keyof LiteHRNetConfig;
  if (!(field in base)) return null;
  const d = draft as unknown as Record<string, unknown>;
  const before = JSON.stringify(d[field]);
  d[field] = structuredClone(base[field]);
  if (before === JSON.stringify(d[field])) return null;
  return field === 'input' ? formatInput(base.input) : JSON.stringify(base[field]);
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
function repair(draft: LiteHRNetConfig, preset: PresetId, r: Reader): LiteHRNetConfig {
  const base = baselineConfig(preset);
  for (let round = 0; round < 4; round++) {
    const result = validateConfig(draft);
    if (result.ok) return result.config;
    // One message per link key: both sides of a bad `in=` are reported, the input reverted once.
    const byKey = new Map<string, { messages: string[]; loaded: string | null }>();
    for (const e of result.errors) {
      const key = keyOfPath(e.path, r);
      const entry = byKey.get(key) ?? { messages: [], loaded: null };
      entry.loaded ??= revert(draft, base, e.path);
      entry.messages.push(e.message);
      byKey.set(key, entry);
    }
    const changed = [...byKey.values()].some((e) => e.loaded !== null);
    for (const [key, { messages, loaded }] of byKey) {
      if (loaded !== null)
        r.errors.push({ key, message: `${summarize(messages)} Loaded ${loaded} instead.` });
    }
    if (!changed) break;
  }
  const final = validateConfig(draft);
  if (final.ok) return final.config;
  r.errors.push({
    key: 'm',
    message: `The link's settings do not fit together (${final.errors[0].message}); loaded the ${PRESETS[preset].label} preset instead.`
  });
  return base;
}

function readView(r: Reader, state: ExplorerState): void {
  const cv = r.take(
    'cv',
    (v) => readEnum(v, CONVENTIONS),
    CONVENTIONS.join(', '),
    state.convention
  );
  if (cv) state.convention = cv;
  const u = r.take('u', (v) => readEnum(v, COST_UNITS), COST_UNITS.join(' or '), state.unit);
  if (u) state.unit = u;
  const at = r.take(
    'at',
    (v) => (focusProblem(v, state.config) ? null : v),
    'a part of this network',
    'the whole network'
  );
  state.focus = at;
  const sel = r.take(
    'sel',
    (v) => (selectedProblem(v) ? null : v),
    'an op call like name@0',
    'no selection'
  );
  state.selected = sel;
  const present = r.take('present', readBool, '1 or 0', 'the normal view');
  if (present !== null) state.present = present;
}

function reportUnknown(r: Reader): void {
  for (const key of r.pairs.keys()) {
    if (r.used.has(key)) continue;
    r.errors.push({
      key,
      message: `“${quote(key).slice(1, -1)}” is not a setting this site knows; it was ignored.`
    });
  }
}

/** Any query string (with or without `?`) → a state that builds, and what was wrong with the link. */
export function decodeState(search: string): DecodeResult {
  const errors: LinkError[] = [];
  const r = new Reader(indexPairs(splitQuery(search), errors), errors);
  readVersion(r);
  const preset = readPreset(r);
  const base = baselineConfig(preset);
  const draft = cloneConfig(base);
  readSwitches(r, draft);
  readStem(r, draft);
  readStages(r, draft, base);
  const state: ExplorerState = { ...defaultState(), preset, config: repair(draft, preset, r) };
  readView(r, state);
  reportUnknown(r);
  return { state, errors };
}
