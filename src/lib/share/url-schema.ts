/**
 * The link format, declared once: every key of the explorer's address, in the order it is
 * written, with what it means and how it is read and written (after TensorFlow Playground's
 * `PROPS` table in state.ts). `encodeState` and `decodeState` (url.ts) only walk this table.
 *
 * Most keys are a field of the config, of one stage or of the view, written only when it differs
 * from the baseline: the chosen preset (at COCO 256x192, 17 joints) for the config, its stage or,
 * past the preset's last stage, that last stage for a stage, and `defaultState()` for the view.
 * Their values go through the strict readers of url-values.ts, so `NaN`, `1e3` or ` 2` are never
 * numbers. A few keys shape the rest and say how in their own `encode`/`decode`: `v`, `m`
 * (the baseline), `n` (how many stages and branches), `w` and `wN` (widths shared or per stage).
 *
 * Stage keys use the paper's stage numbers (Stage 2…5 are the code's stage0…stage3); block types,
 * conventions and fusion modes are the stable names of BLOCK_TYPES, CONVENTIONS and FUSION_MODES.
 */
import type { InputSize, LiteHRNetConfig, PresetId, StageConfig, StemConfig } from '$lib/model';
import {
  BLOCK_TYPES,
  CONVENTIONS,
  FUSION_CONVS,
  FUSION_MODES,
  LIMITS,
  PRESET_IDS,
  RESIDUAL_BLOCK_TYPES,
  STEM_TYPES,
  cloneConfig,
  formatInput,
  paperStageNumber,
  presetConfig
} from '$lib/model';
import type { ExplorerState } from './state';
import { COST_UNITS, defaultState, focusProblem, selectedProblem } from './state';
import {
  MAX_LIST,
  quote,
  readBool,
  readDecimal,
  readEnum,
  readInt,
  readIntList,
  readSize
} from './url-values';

export const SCHEMA_VERSION = 1;

/** One bad part of a link: the key it was under and a sentence for the person who opened it. */
export interface LinkError {
  key: string;
  message: string;
}

/** What a key's writer sees: the state, its preset's config and the widths `w` carries. */
export interface EncodeContext {
  state: ExplorerState;
  base: LiteHRNetConfig;
  /** The shared width list `w` writes, or null when every stage reads its widths off the preset's. */
  shared: number[] | null;
}

/** What a key's reader fills in: the link's pairs, the draft config and the state being read. */
export interface DecodeContext {
  pairs: Map<string, string>;
  /** Keys that mean something here (even when their value was refused). */
  used: Set<string>;
  errors: LinkError[];
  preset: PresetId;
  base: LiteHRNetConfig;
  draft: LiteHRNetConfig;
  /** Branches per stage; its length is the number of stages. */
  counts: number[];
  /** The width list stages take their first n widths from. */
  shared: number[];
  /** The view settings; its config is the repaired draft by the time view keys are read. */
  state: ExplorerState;
}

export interface LinkKey {
  /** As written in the address, e.g. `in` or `s3`. */
  key: string;
  meaning: string;
  example: string;
  /** Config keys are read, then the config is repaired, then view keys are read against it. */
  part: 'config' | 'view';
  /** The validation path (validate.ts) of what it sets, for naming the key a problem came from. */
  path?: string;
  /** Code index of a stage key's stage (0 for Stage 2): a stage the network lacks ignores it. */
  stageIndex?: number;
  /** The value to write, or null to leave the key out (it says what the baseline says). */
  encode(c: EncodeContext): string | null;
  /** Reads the key's raw value (undefined when absent) into the context. */
  decode(raw: string | undefined, c: DecodeContext): void;
}

// ---------------------------------------------------------------------------------- values

/** A strict reader paired with the writer it inverts. */
interface Codec<T> {
  read(text: string): T | null;
  write(value: T): string;
  /** What a good value looks like, for "x is not <expected>". */
  expected: string;
  /** What is wrong with a text `read` refused, when more can be said than "is not <expected>". */
  fault?(text: string): string | null;
}

const int: Codec<number> = { read: readInt, write: String, expected: 'a whole number' };
const bool: Codec<boolean> = { read: readBool, write: (b) => (b ? '1' : '0'), expected: '1 or 0' };
const intList: Codec<number[]> = {
  read: readIntList,
  write: (l) => l.join(','),
  expected: 'a list of whole numbers',
  fault(text) {
    const items = text.split(',');
    if (items.length > MAX_LIST)
      return `has ${items.length} items; at most ${MAX_LIST} are allowed`;
    const bad = items.find((item) => readInt(item) === null);
    return bad === undefined ? null : `has ${quote(bad)}, which is not a whole number`;
  }
};
const size: Codec<InputSize> = {
  read: readSize,
  write: formatInput,
  expected: 'a size like 256x192'
};
const oneOf = <T extends string>(values: readonly T[], expected: string): Codec<T> => ({
  read: (v) => readEnum(v, values),
  write: (v) => v,
  expected
});
/** The stem's three numbers; its type and stage 1 have keys of their own (`st`, `l1`, `l1b`). */
type StemWidths = Pick<StemConfig, 'stemChannels' | 'outChannels' | 'expandRatio'>;
const stem: Codec<StemWidths> = {
  read(v) {
    const parts = v.split(',');
    if (parts.length !== 3) return null;
    const [s, o] = parts.slice(0, 2).map(readInt);
    const e = readDecimal(parts[2]);
    return s === null || o === null || e === null
      ? null
      : { stemChannels: s, outChannels: o, expandRatio: e };
  },
  write: (s: StemWidths) => [s.stemChannels, s.outChannels, s.expandRatio].map(String).join(','),
  expected: 'three numbers: stem channels, out channels, expand ratio'
};
/** A view setting that is absent (null) by default and then not written. */
const optional = (expected: string): Codec<string | null> => ({
  read: (v) => v,
  write: (v) => v ?? '',
  expected
});

// ---------------------------------------------------------------------------------- fields

/** A value held in a target (the config, a stage, the view) and written when it differs. */
interface Field<Target, T> {
  codec: Codec<T>;
  get(t: Target): T;
  set(t: Target, v: T): void;
  /** A check against the rest of the target (a focus must name a part of the config). */
  fits?(v: T, t: Target): boolean;
  /** The fallback as a message names it, when not as written (`the whole network`). */
  shown?(v: T): string;
}

function writeField<Target, T>(f: Field<Target, T>, value: Target, baseline: Target) {
  const text = f.codec.write(f.get(value));
  return text === f.codec.write(f.get(baseline)) ? null : text;
}

function readField<Target, T>(
  f: Field<Target, T>,
  key: string,
  raw: string | undefined,
  target: Target,
  c: DecodeContext
): void {
  if (raw === undefined) return;
  const v = f.codec.read(raw);
  if (v !== null && (f.fits?.(v, target) ?? true)) {
    f.set(target, v);
    return;
  }
  const fault = v === null ? (f.codec.fault?.(raw) ?? null) : null;
  const current = f.get(target);
  const instead = f.shown ? f.shown(current) : f.codec.write(current);
  c.errors.push({
    key,
    message: `${key}=${quote(raw)} ${fault ?? `is not ${f.codec.expected}`}; loaded ${instead} instead.`
  });
}

type Doc = Pick<LinkKey, 'key' | 'meaning' | 'example'>;

function configKey<T>(
  doc: Doc,
  path: keyof LiteHRNetConfig | `stem.${keyof StemConfig}`,
  f: Field<LiteHRNetConfig, T>
) {
  return {
    ...doc,
    part: 'config',
    path,
    encode: (c) => writeField(f, c.state.config, c.base),
    decode: (raw, c) => readField(f, doc.key, raw, c.draft, c)
  } satisfies LinkKey;
}

/** The view a link's view keys are written against (only read, never changed). */
const DEFAULT_VIEW = defaultState();

function viewKey<T>(doc: Doc, f: Field<ExplorerState, T>) {
  return {
    ...doc,
    part: 'view',
    encode: (c) => writeField(f, c.state, DEFAULT_VIEW),
    decode: (raw, c) => readField(f, doc.key, raw, c.state, c)
  } satisfies LinkKey;
}

/** Defaults for stage i: the preset's stage, or its last stage for stages it does not have. */
export function baselineStage(base: LiteHRNetConfig, i: number): StageConfig {
  const s = base.stages[Math.min(i, base.stages.length - 1)];
  return { ...s, widths: [...s.widths] };
}

function stageKey<K extends keyof StageConfig>(
  i: number,
  letter: string,
  meaning: string,
  example: string,
  field: K,
  codec: Codec<StageConfig[K]>
): LinkKey {
  const key = `${letter}${paperStageNumber(i)}`;
  const f: Field<StageConfig, StageConfig[K]> = {
    codec,
    get: (s) => s[field],
    set: (s, v) => (s[field] = v)
  };
  return {
    key,
    meaning,
    example,
    part: 'config',
    path: `stages[${i}].${field}`,
    stageIndex: i,
    encode: (c) => writeField(f, c.state.config.stages[i], baselineStage(c.base, i)),
    decode: (raw, c) => readField(f, key, raw, c.draft.stages[i], c)
  };
}

/**
 * A key for part of the stem: it reads and writes only its own fields, so `stem=` does not undo
 * `st=hrnet` and an HRNet preset's stem keeps its type when only its widths change.
 */
function stemKey<T>(
  doc: Doc,
  path: `stem.${keyof StemConfig}` | 'stem',
  codec: Codec<T>,
  get: (s: StemConfig) => T,
  set: (s: StemConfig, v: T) => void
): LinkKey {
  return configKey(doc, path, {
    codec,
    get: (c) => get(c.stem),
    set: (c, v) => set(c.stem, v)
  });
}

// ---------------------------------------------------------------------------------- shape keys

const lastWidths = (config: LiteHRNetConfig) => config.stages[config.stages.length - 1].widths;
const isPrefix = (prefix: readonly number[], of: readonly number[]) =>
  prefix.length <= of.length && prefix.every((x, i) => x === of[i]);

/** The shared width list `w`, or null when every stage already reads its widths off the preset's. */
export function sharedWidths(config: LiteHRNetConfig, base: LiteHRNetConfig): number[] | null {
  const baseWidths = lastWidths(base);
  if (config.stages.every((s) => isPrefix(s.widths, baseWidths))) return null;
  const widest = config.stages.reduce((a, s) => (s.widths.length > a.widths.length ? s : a));
  return widest.widths;
}

const version: LinkKey = {
  key: 'v',
  meaning: 'link format version (always written)',
  example: 'v=1',
  part: 'config',
  encode: () => String(SCHEMA_VERSION),
  decode(raw, c) {
    if (raw === undefined || readInt(raw) === SCHEMA_VERSION) return;
    c.errors.push({
      key: 'v',
      message: `This link says version ${quote(raw)}; this site reads version ${SCHEMA_VERSION} links, so some settings may not be what the sender saw.`
    });
  }
};

/** Starts the draft afresh from a preset: every later key is read against it. */
function startFrom(c: DecodeContext, preset: PresetId): void {
  c.preset = preset;
  c.base = presetConfig(preset);
  c.draft = cloneConfig(c.base);
  c.counts = c.base.stages.map((s) => s.widths.length);
  c.shared = lastWidths(c.base);
}

/** A context to read a link's pairs into, starting from the default state. */
export function decodeContext(pairs: Map<string, string>, errors: LinkError[]): DecodeContext {
  const state = defaultState();
  const base = presetConfig(state.preset);
  return {
    pairs,
    used: new Set(),
    errors,
    preset: state.preset,
    base,
    draft: cloneConfig(base),
    counts: base.stages.map((s) => s.widths.length),
    shared: lastWidths(base),
    state
  };
}

const presetField: Field<DecodeContext, PresetId> = {
  codec: oneOf(PRESET_IDS, `a model (${PRESET_IDS.join(', ')})`),
  get: (t) => t.preset,
  set: startFrom
};

const presetKey: LinkKey = {
  key: 'm',
  meaning: 'preset the config starts from (always written)',
  example: 'm=litehrnet_30',
  part: 'config',
  encode: (c) => c.state.preset,
  decode: (raw, c) => readField(presetField, 'm', raw, c, c)
};

const branchCounts: Codec<number[]> = {
  read(v) {
    const list = readIntList(v);
    const { stages, branches } = LIMITS;
    const ok = list && list.length >= stages.min && list.length <= stages.max;
    return ok && list.every((n) => n >= branches.min && n <= branches.max) ? list : null;
  },
  write: (l) => l.join(','),
  expected: `a list of ${LIMITS.stages.min}–${LIMITS.stages.max} branch counts, each ${LIMITS.branches.min}–${LIMITS.branches.max}`
};

/** Reading `n` lays out the stages afresh: each takes its baseline settings until its keys are read. */
const countsField: Field<DecodeContext, number[]> = {
  codec: branchCounts,
  get: (t) => t.counts,
  set(t, counts) {
    t.counts = counts;
    t.draft.stages = counts.map((_, i) => baselineStage(t.base, i));
  }
};

const branchesKey: LinkKey = {
  key: 'n',
  meaning: 'branches per stage; its length is the stage count',
  example: 'n=2,3,4,4',
  part: 'config',
  path: 'stages',
  encode(c) {
    const counts = (cfg: LiteHRNetConfig) =>
      branchCounts.write(cfg.stages.map((s) => s.widths.length));
    const written = counts(c.state.config);
    return written === counts(c.base) ? null : written;
  },
  decode: (raw, c) => readField(countsField, 'n', raw, c, c)
};

const sharedField: Field<DecodeContext, number[]> = {
  codec: intList,
  get: (t) => t.shared,
  set: (t, v) => (t.shared = v)
};

const sharedKey: LinkKey = {
  key: 'w',
  meaning: 'branch widths, highest resolution first; stage N uses the first n of them',
  example: 'w=30,60,120,240',
  part: 'config',
  encode: (c) => c.shared?.join(',') ?? null,
  decode: (raw, c) => readField(sharedField, 'w', raw, c, c)
};

const widthsField: Field<StageConfig, number[]> = {
  codec: intList,
  get: (s) => s.widths,
  set: (s, v) => (s.widths = v)
};

/** Stage widths: its own `wN`, else the first n of the shared list (shortened if that runs out). */
function stageWidthsKey(i: number): LinkKey {
  const N = paperStageNumber(i);
  const key = `w${N}`;
  return {
    key,
    meaning: `stage N's own widths, when not a prefix of \`w\``,
    example: 'w3=40,64,128',
    part: 'config',
    path: `stages[${i}].widths`,
    stageIndex: i,
    encode(c) {
      const widths = c.state.config.stages[i].widths;
      return isPrefix(widths, c.shared ?? lastWidths(c.base)) ? null : widths.join(',');
    },
    decode(raw, c) {
      const count = c.counts[i];
      const fromShared = c.shared.slice(0, count);
      const stage = c.draft.stages[i];
      stage.widths = fromShared;
      readField(widthsField, key, raw, stage, c);
      if (stage.widths !== fromShared) {
        if (stage.widths.length !== count && c.pairs.has('n')) {
          c.errors.push({
            key,
            message: `${key} gives ${stage.widths.length} widths but n gives Stage ${N} ${count} branches; used the ${stage.widths.length} widths of ${key}.`
          });
        }
      } else if (fromShared.length < count) {
        c.errors.push({
          key: 'w',
          message: `Stage ${N} has ${count} branches but only ${c.shared.length} widths are given; loaded ${fromShared.length} branches (${fromShared.join(',')}) for it instead.`
        });
      }
    }
  };
}

function stageKeys(i: number): LinkKey[] {
  return [
    stageKey(
      i,
      's',
      'block type of paper stage N',
      's2=naive',
      'block',
      oneOf(BLOCK_TYPES, `a block type (${BLOCK_TYPES.join(', ')})`)
    ),
    stageKey(i, 'm', 'modules in stage N', 'm3=6', 'modules', int),
    stageKey(i, 'b', 'blocks per module in stage N', 'b4=3', 'blocks', int),
    stageKey(i, 'f', 'fusion at the end of each module of stage N (1/0)', 'f2=0', 'fuse', bool),
    stageKey(
      i,
      'r',
      "reduce ratio of stage N's cross-resolution weighting",
      'r3=4',
      'reduceRatio',
      int
    ),
    stageWidthsKey(i),
    stageKey(
      i,
      'c',
      "convs of stage N's transition and fusion: separable (Lite-HRNet) or full 3x3 (HRNet)",
      'c3=full',
      'fusionConv',
      oneOf(FUSION_CONVS, FUSION_CONVS.join(' or '))
    )
  ];
}

// ---------------------------------------------------------------------------------- the table

const config = <K extends keyof LiteHRNetConfig>(
  key: K,
  codec: Codec<LiteHRNetConfig[K]>
): Field<LiteHRNetConfig, LiteHRNetConfig[K]> => ({
  codec,
  get: (c) => c[key],
  set: (c, v) => (c[key] = v)
});

const view = <K extends 'convention' | 'unit' | 'focus' | 'selected' | 'present'>(
  key: K,
  codec: Codec<ExplorerState[K]>,
  extra: Partial<Field<ExplorerState, ExplorerState[K]>> = {}
): Field<ExplorerState, ExplorerState[K]> => ({
  codec,
  get: (s) => s[key],
  set: (s, v) => (s[key] = v),
  ...extra
});

/** Every key, in the order a link writes them. */
export const LINK_KEYS: readonly LinkKey[] = [
  version,
  presetKey,
  configKey(
    { key: 'in', meaning: 'input size, height x width', example: 'in=384x288' },
    'input',
    config('input', size)
  ),
  configKey(
    { key: 'j', meaning: 'joints the keypoint head predicts', example: 'j=16' },
    'joints',
    config('joints', int)
  ),
  stemKey(
    { key: 'stem', meaning: 'stem_channels,out_channels,expand_ratio', example: 'stem=32,48,0.5' },
    'stem',
    stem,
    (s) => ({
      stemChannels: s.stemChannels,
      outChannels: s.outChannels,
      expandRatio: s.expandRatio
    }),
    (s, v) => Object.assign(s, v)
  ),
  stemKey(
    { key: 'st', meaning: 'stem type: lite or hrnet (with stage 1)', example: 'st=hrnet' },
    'stem.type',
    oneOf(STEM_TYPES, STEM_TYPES.join(' or ')),
    (s) => s.type,
    (s, v) => (s.type = v)
  ),
  stemKey(
    { key: 'l1', meaning: 'residual blocks in stage 1 (hrnet stem)', example: 'l1=2' },
    'stem.layer1Blocks',
    int,
    (s) => s.layer1Blocks,
    (s, v) => (s.layer1Blocks = v)
  ),
  stemKey(
    { key: 'l1b', meaning: 'block type of stage 1: basic or bottleneck', example: 'l1b=basic' },
    'stem.layer1Block',
    oneOf(RESIDUAL_BLOCK_TYPES, RESIDUAL_BLOCK_TYPES.join(' or ')),
    (s) => s.layer1Block,
    (s, v) => (s.layer1Block = v)
  ),
  branchesKey,
  sharedKey,
  ...Array.from({ length: LIMITS.stages.max }, (_, i) => stageKeys(i)).flat(),
  configKey(
    { key: 'head', meaning: 'IterativeHead on (1) or off (0)', example: 'head=0' },
    'withHead',
    config('withHead', bool)
  ),
  configKey(
    { key: 'kp', meaning: 'keypoint head on (1) or off (0)', example: 'kp=0' },
    'keypointHead',
    config('keypointHead', bool)
  ),
  configKey(
    { key: 'fu', meaning: 'fusion sum: official or paper', example: 'fu=paper' },
    'fusion',
    config('fusion', oneOf(FUSION_MODES, FUSION_MODES.join(' or ')))
  ),
  configKey(
    {
      key: 'ms',
      meaning: 'the last module fuses every branch (1) or only the highest resolution (0)',
      example: 'ms=0&head=0'
    },
    'multiScaleOutput',
    config('multiScaleOutput', bool)
  ),
  viewKey(
    { key: 'cv', meaning: 'counting convention', example: 'cv=mmcv' },
    view('convention', oneOf(CONVENTIONS, CONVENTIONS.join(', ')))
  ),
  viewKey(
    { key: 'u', meaning: 'unit: MACs or FLOPs', example: 'u=FLOPs' },
    view('unit', oneOf(COST_UNITS, COST_UNITS.join(' or ')))
  ),
  viewKey(
    { key: 'at', meaning: 'drill-down focus', example: 'at=stage1.3' },
    view('focus', optional('a part of this network'), {
      fits: (v, s) => v !== null && !focusProblem(v, s.config),
      shown: () => 'the whole network'
    })
  ),
  viewKey(
    {
      key: 'sel',
      meaning: 'selected op call, name@call',
      example: 'sel=keypoint_head.final_layer@0'
    },
    view('selected', optional('an op call like name@0'), {
      fits: (v) => v !== null && !selectedProblem(v),
      shown: () => 'no selection'
    })
  ),
  viewKey(
    { key: 'present', meaning: 'presentation mode on (1)', example: 'present=1' },
    view('present', bool, { shown: () => 'the normal view' })
  )
];
