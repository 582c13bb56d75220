/** Argument parsing for the train CLI: pure, so tests can drive it without a process. */
import { PRESET_IDS } from '../lib/model';
import { TINY_IDS, isTinyId, type TinyId } from '../lib/train/tiny';
import { DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE } from '../lib/train/trainer';
import type { ConfigSource } from './config-source';
import { readConfigSource } from './config-source';
import { readFlags } from './options';

export interface TrainArgs extends ConfigSource {
  help: boolean;
  /** A tiny model (tiny.ts) instead of an explorer preset, config or link. */
  tiny: TinyId | null;
  steps: number;
  seed: number;
  batch: number;
  lr: number;
  /** Images of the synthetic validation set scored at the end. */
  validation: number;
  json: boolean;
  out: string | null;
  /** The tfjs backend that trains. */
  backend: NodeTrainingBackend;
}

/** Node's tfjs backends that can train: wasm (fast) and cpu (tfjs's reference kernels). */
export const NODE_TRAINING_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeTrainingBackend = (typeof NODE_TRAINING_BACKENDS)[number];

/** Upper bounds that keep a typo from running for days. */
export const MAX_STEPS = 100_000;
export const MAX_BATCH = 256;
export const MAX_VALIDATION = 4096;
export const DEFAULT_VALIDATION = 64;

export const TRAIN_USAGE = `Usage: npm run --silent train -- (--preset <id> | --config <file> | --link <link>) --steps <N> --seed <S> [options]

Trains the network on the synthetic pose task (tfjs, wasm backend unless told), prints the loss of
every step and the validation scores at the end.

  --preset <id>         ${TINY_IDS.join(', ')} (64x48, fast), or an explorer preset at its own
                        input size (${PRESET_IDS.join(', ')}; slow)
  --config <file>       any config: the explorer's Export → Config → JSON, a bare config, an
                        mmpose config .py or HRNet's experiment .yaml
  --link <link>         a share link, '?v=1&m=litehrnet_30&…' or the whole address (quote it)
  --steps <N>           training steps (batches), 1 to ${MAX_STEPS}
  --seed <S>            a whole number: fixes the weights' initialisation and the data
  --batch <B>           images per step, 2 to ${MAX_BATCH} (default ${DEFAULT_BATCH_SIZE})
  --lr <X>              Adam's learning rate (default ${DEFAULT_LEARNING_RATE})
  --validation <N>      validation images scored at the end (default ${DEFAULT_VALIDATION})
  --backend <name>      ${NODE_TRAINING_BACKENDS.join(' or ')} (default wasm, several times faster)
  --json                print one JSON object instead of text
  --out <file.pth>      save the trained weights as a PyTorch state_dict (official key names)
  --help                this text

The input size is the config's; the synthetic images need both sides a multiple of 4, 32 to 1024.
Relative paths are read from the directory npm was run in.
`;

type Parsed = { ok: true; args: TrainArgs } | { ok: false; error: string };

function fail(error: string): Parsed {
  return { ok: false, error: `${error} (see --help)` };
}

const FLAGS = {
  help: 'boolean',
  preset: 'string',
  config: 'string',
  link: 'string',
  steps: 'string',
  seed: 'string',
  batch: 'string',
  lr: 'string',
  validation: 'string',
  json: 'boolean',
  out: 'string',
  backend: 'string'
} as const;

type Read<T> = { ok: true; value: T } | { ok: false; error: string };

function wholeNumber(
  values: Map<string, string | true>,
  name: string,
  range: [number, number] | null,
  fallback: number | null
): Read<number> {
  const v = values.get(name);
  if (typeof v !== 'string') {
    if (fallback === null) return { ok: false, error: `--${name} is required` };
    return { ok: true, value: fallback };
  }
  const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n))
    return { ok: false, error: `--${name} must be a whole number, not '${v}'` };
  if (range && (n < range[0] || n > range[1]))
    return { ok: false, error: `--${name} must be between ${range[0]} and ${range[1]}, not ${n}` };
  return { ok: true, value: n };
}

function learningRate(values: Map<string, string | true>): Read<number> {
  const v = values.get('lr');
  if (typeof v !== 'string') return { ok: true, value: DEFAULT_LEARNING_RATE };
  const x = /^[0-9.]+(e-?\d+)?$/i.test(v) ? Number(v) : NaN;
  if (!(x > 0 && x <= 1))
    return {
      ok: false,
      error: `--lr must be a number above 0 and at most 1, such as 0.002, not '${v}'`
    };
  return { ok: true, value: x };
}

/** --preset tiny-…, or exactly one of the explorer's sources. */
function readSource(
  values: Map<string, string | true>
): Read<ConfigSource & { tiny: TinyId | null }> {
  const preset = values.get('preset');
  if (typeof preset === 'string' && isTinyId(preset)) {
    if (values.has('config') || values.has('link'))
      return { ok: false, error: 'give exactly one of --preset, --config or --link' };
    return { ok: true, value: { preset: null, configPath: null, link: null, tiny: preset } };
  }
  const source = readConfigSource(values);
  if (!source.ok)
    return {
      ok: false,
      error: source.error.startsWith('unknown preset')
        ? `${source.error}, or a tiny model: ${TINY_IDS.join(', ')}`
        : source.error
    };
  return { ok: true, value: { ...source.value, tiny: null } };
}

export function parseTrainArgs(argv: string[]): Parsed {
  const flags = readFlags(argv, FLAGS);
  if (!flags.ok) return fail(flags.error);
  const { values } = flags;
  const none = { preset: null, configPath: null, link: null, tiny: null };
  const defaults = { steps: 0, seed: 0, batch: DEFAULT_BATCH_SIZE, lr: DEFAULT_LEARNING_RATE };
  if (values.has('help'))
    return {
      ok: true,
      args: {
        help: true,
        ...none,
        ...defaults,
        validation: DEFAULT_VALIDATION,
        json: false,
        out: null,
        backend: 'wasm'
      }
    };
  const source = readSource(values);
  if (!source.ok) return fail(source.error);
  const steps = wholeNumber(values, 'steps', [1, MAX_STEPS], null);
  if (!steps.ok) return fail(steps.error);
  const seed = wholeNumber(values, 'seed', [0, 2 ** 31 - 1], null);
  if (!seed.ok) return fail(seed.error);
  const batch = wholeNumber(values, 'batch', [2, MAX_BATCH], DEFAULT_BATCH_SIZE);
  if (!batch.ok) return fail(batch.error);
  const validation = wholeNumber(values, 'validation', [1, MAX_VALIDATION], DEFAULT_VALIDATION);
  if (!validation.ok) return fail(validation.error);
  const lr = learningRate(values);
  if (!lr.ok) return fail(lr.error);
  const backend = values.get('backend') ?? 'wasm';
  if (!(NODE_TRAINING_BACKENDS as readonly unknown[]).includes(backend))
    return fail(
      `--backend must be ${NODE_TRAINING_BACKENDS.join(' or ')}, not '${String(backend)}'`
    );
  const out = values.get('out');
  return {
    ok: true,
    args: {
      help: false,
      ...source.value,
      steps: steps.value,
      seed: seed.value,
      batch: batch.value,
      lr: lr.value,
      validation: validation.value,
      json: values.has('json'),
      out: typeof out === 'string' ? out : null,
      backend: backend as NodeTrainingBackend
    }
  };
}
