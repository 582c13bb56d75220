/**
 * The /train page's address: the models and the training settings (never the weights), one key
 * per setting, declared once in `KEYS` and walked both ways (as share/url-schema.ts does for the
 * explorer). A model is a tiny preset's name or `<block>.<block>_<modules>.<modules>_<w>.<w>.<w>`
 * (`lite.naive_1.2_16.32.64`). Reading never throws: a bad or missing value keeps the default and
 * a bad one adds a sentence to `problems`, which the page shows above the form.
 *
 * `?v=1&mode=ab&a=tiny-lite&b=tiny-naive&input=64x48&steps=300&batch=16&lr=0.002&seed=1&seeds=3&cv=paper&u=MACs`
 * (`cv` and `u` are the explorer's own keys for the counting convention and the unit.)
 */
import { CONVENTIONS } from '../model/conventions';
import { COST_UNITS } from '../share/state';
import { isTinyId } from './tiny';
import {
  INPUT_SIZES,
  LIMITS,
  SPEC_BLOCKS,
  SPEC_PRESETS,
  defaultSettings,
  presetOf,
  type InputSizeId,
  type ModelSpec,
  type SpecBlock,
  type TrainSettings
} from './plan';

export const TRAIN_LINK_VERSION = 1;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

interface Key<K extends keyof TrainSettings> {
  field: K;
  name: string;
  /** What the key is, for a message ("the number of steps"). */
  what: string;
  write: (v: TrainSettings[K]) => string;
  read: (text: string) => Parsed<TrainSettings[K]>;
}

function whole(min: number, max: number, what: string) {
  return (text: string): Parsed<number> => {
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max
      ? { ok: true, value: n }
      : { ok: false, error: `${what} must be a whole number from ${min} to ${max}` };
  };
}

function rate(text: string): Parsed<number> {
  const n = /^[0-9.e+-]+$/i.test(text) ? Number(text) : NaN;
  const { min, max } = LIMITS.learningRate;
  return Number.isFinite(n) && n >= min && n <= max
    ? { ok: true, value: n }
    : { ok: false, error: `the learning rate must be a number from ${min} to ${max}` };
}

export function writeSpec(spec: ModelSpec): string {
  return (
    presetOf(spec) ?? `${spec.blocks.join('.')}_${spec.modules.join('.')}_${spec.widths.join('.')}`
  );
}

const isBlock = (s: string): s is SpecBlock => (SPEC_BLOCKS as readonly string[]).includes(s);

/** A model from its link text; its sizes are checked against the budget later, by checkSpec. */
export function readSpec(text: string): Parsed<ModelSpec> {
  if (isTinyId(text)) return { ok: true, value: structuredClone(SPEC_PRESETS[text]) };
  const m = /^([a-z]+)\.([a-z]+)_(\d{1,2})\.(\d{1,2})_(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m || !isBlock(m[1]) || !isBlock(m[2]))
    return {
      ok: false,
      error: `"${text.slice(0, 40)}" is not a model: use tiny-lite, tiny-naive or a form like lite.naive_1.1_16.32.64`
    };
  return {
    ok: true,
    value: {
      blocks: [m[1], m[2]],
      modules: [Number(m[3]), Number(m[4])],
      widths: [Number(m[5]), Number(m[6]), Number(m[7])]
    }
  };
}

const KEYS = [
  {
    field: 'mode',
    name: 'mode',
    what: 'the mode',
    write: (v) => v,
    read: (t) =>
      t === 'single' || t === 'ab'
        ? { ok: true, value: t }
        : { ok: false, error: 'the mode must be single or ab' }
  } satisfies Key<'mode'>,
  { field: 'a', name: 'a', what: 'model A', write: writeSpec, read: readSpec } satisfies Key<'a'>,
  { field: 'b', name: 'b', what: 'model B', write: writeSpec, read: readSpec } satisfies Key<'b'>,
  {
    field: 'input',
    name: 'input',
    what: 'the input size',
    write: (v) => v,
    read: (t) =>
      (INPUT_SIZES as readonly string[]).includes(t)
        ? { ok: true, value: t as InputSizeId }
        : { ok: false, error: `the input size must be ${INPUT_SIZES.join(' or ')}` }
  } satisfies Key<'input'>,
  {
    field: 'steps',
    name: 'steps',
    what: 'steps',
    write: String,
    read: whole(LIMITS.steps.min, LIMITS.steps.max, 'the number of steps')
  } satisfies Key<'steps'>,
  {
    field: 'batchSize',
    name: 'batch',
    what: 'batch size',
    write: String,
    read: whole(LIMITS.batchSize.min, LIMITS.batchSize.max, 'the batch size')
  } satisfies Key<'batchSize'>,
  {
    field: 'learningRate',
    name: 'lr',
    what: 'learning rate',
    write: String,
    read: rate
  } satisfies Key<'learningRate'>,
  {
    field: 'seed',
    name: 'seed',
    what: 'seed',
    write: String,
    read: whole(LIMITS.seed.min, LIMITS.seed.max, 'the seed')
  } satisfies Key<'seed'>,
  {
    field: 'seeds',
    name: 'seeds',
    what: 'seeds per side',
    write: String,
    read: whole(LIMITS.seeds.min, LIMITS.seeds.max, 'the seeds per side')
  } satisfies Key<'seeds'>,
  {
    field: 'convention',
    name: 'cv',
    what: 'the counting convention',
    write: (v) => v,
    read: (t) =>
      (CONVENTIONS as readonly string[]).includes(t)
        ? { ok: true, value: t as TrainSettings['convention'] }
        : { ok: false, error: `the counting convention must be one of ${CONVENTIONS.join(', ')}` }
  } satisfies Key<'convention'>,
  {
    field: 'unit',
    name: 'u',
    what: 'the unit',
    write: (v) => v,
    read: (t) =>
      (COST_UNITS as readonly string[]).includes(t)
        ? { ok: true, value: t as TrainSettings['unit'] }
        : { ok: false, error: `the unit must be ${COST_UNITS.join(' or ')}` }
  } satisfies Key<'unit'>
] as const;

/** The query string (without "?") for these settings. */
export function encodeTrainLink(settings: TrainSettings): string {
  const q = new URLSearchParams({ v: String(TRAIN_LINK_VERSION) });
  for (const key of KEYS)
    q.set(key.name, (key.write as (v: unknown) => string)(settings[key.field]));
  return q.toString();
}

export interface DecodedTrainLink {
  settings: TrainSettings;
  /** One sentence per value that could not be read (the default was kept). */
  problems: string[];
}

/** Settings from a query string (with or without "?"); an empty one gives the defaults. */
export function decodeTrainLink(search: string): DecodedTrainLink {
  const settings = defaultSettings();
  const problems: string[] = [];
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search.replace(/^\?/, ''));
  } catch {
    return { settings, problems: ['The address could not be read; the defaults are shown.'] };
  }
  const v = q.get('v');
  if (v !== null && v !== String(TRAIN_LINK_VERSION))
    problems.push(`This link is of version ${v.slice(0, 10)}, which this page does not know.`);
  for (const key of KEYS) {
    const text = q.get(key.name);
    if (text === null) continue;
    const parsed = key.read(text);
    if (parsed.ok) (settings as unknown as Record<string, unknown>)[key.field] = parsed.value;
    else problems.push(`In the link, ${parsed.error}; the default is used.`);
  }
  return { settings, problems };
}
