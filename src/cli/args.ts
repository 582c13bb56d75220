/** Argument parsing for the flops CLI: pure, so tests can drive it without a process. */
import type { Convention } from '../lib/model';
import { CONVENTIONS, PRESET_IDS, parseInputSize } from '../lib/model';
import type { ConfigSource } from './config-source';
import { readConfigSource } from './config-source';
import type { MmposeStyle } from '../lib/share/mmpose';
import { parseMmposeStyle } from '../lib/share/mmpose';
import { readFlags } from './options';

export const FORMATS = ['table', 'csv', 'md', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliArgs extends ConfigSource {
  help: boolean;
  input: { height: number; width: number } | null;
  joints: number | null;
  convention: Convention;
  format: Format;
  /** Print the config as mmpose config text of this style instead of the per-layer report. */
  mmpose: MmposeStyle | null;
}

export const USAGE = `Usage: npm run --silent flops -- (--preset <id> | --config <file> | --link <link>) [options]

  --preset <id>         ${PRESET_IDS.join(', ')}
  --config <file>       any config: the explorer's Export → Config → JSON, a bare config, an
                        mmpose config .py (0.x or 1.x style; LiteHRNet or HRNet backbone), or
                        HRNet's experiment .yaml (pose_hrnet)
  --link <link>         a share link, '?v=1&m=litehrnet_30&…' or the whole address (quote it)
  --input <H>x<W>       input size, e.g. 256x192 (default 256x192, or the config's)
  --joints <N>          heatmaps: 17 for COCO (default), 16 for MPII
  --convention <name>   ${CONVENTIONS.join(', ')} (default paper) — for table and md
  --format <name>       ${FORMATS.join(', ')} (default table)
  --mmpose <0|1>        print the config as mmpose config text instead: 0 for the 0.x style of
                        the official repository, 1 for mmpose 1.x (TopdownPoseEstimator, codec)
  --help                this text

Flags take their value after a space or '=' (--input=256x192), once each. Relative paths are
read from the directory npm was run in. Counts are MACs; the paper's "FLOPs" are these MACs,
in M = 2^20.
`;

type Parsed = { ok: true; args: CliArgs; usage: string } | { ok: false; error: string };

function fail(error: string): Parsed {
  return { ok: false, error: `${error} (see --help)` };
}

const FLAGS = {
  help: 'boolean',
  preset: 'string',
  config: 'string',
  link: 'string',
  input: 'string',
  joints: 'string',
  convention: 'string',
  format: 'string',
  mmpose: 'string'
} as const;

type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/** The overrides both CLIs take: `--input HxW` and `--joints N`. */
export function readOverrides(
  values: Map<string, string | true>
): Read<{ input: CliArgs['input']; joints: number | null }> {
  const input = values.get('input');
  const joints = values.get('joints');
  const size = typeof input === 'string' ? parseInputSize(input) : null;
  if (typeof input === 'string' && !size)
    return { ok: false, error: `--input must look like 256x192 (height x width), not '${input}'` };
  if (typeof joints === 'string' && !/^\d+$/.test(joints))
    return { ok: false, error: `--joints must be a whole number, not '${joints}'` };
  return {
    ok: true,
    value: { input: size, joints: typeof joints === 'string' ? Number(joints) : null }
  };
}

function oneOf<T extends string>(
  values: Map<string, string | true>,
  name: string,
  choices: readonly T[],
  fallback: T
): Read<T> {
  const v = values.get(name);
  if (typeof v !== 'string') return { ok: true, value: fallback };
  return (choices as readonly string[]).includes(v)
    ? { ok: true, value: v as T }
    : { ok: false, error: `unknown ${name} '${v}'; choose one of ${choices.join(', ')}` };
}

/** `--mmpose 0|1` (also `0.x`/`1.x`); it prints a config, so it cannot go with --format. */
function readMmposeStyle(values: Map<string, string | true>): Read<MmposeStyle | null> {
  const v = values.get('mmpose');
  if (v === undefined) return { ok: true, value: null };
  const style = typeof v === 'string' ? parseMmposeStyle(v) : null;
  if (!style)
    return {
      ok: false,
      error: `--mmpose must be 0 or 1 (the mmpose version), not '${v === true ? '' : v}'`
    };
  if (values.has('format') || values.has('convention'))
    return {
      ok: false,
      error: '--mmpose prints a config, not a report: leave out --format and --convention'
    };
  return { ok: true, value: style };
}

export function parseCliArgs(argv: string[]): Parsed {
  const flags = readFlags(argv, FLAGS);
  if (!flags.ok) return fail(flags.error);
  const { values } = flags;
  const help = values.has('help');
  const convention = oneOf(values, 'convention', CONVENTIONS, 'paper');
  const format = oneOf(values, 'format', FORMATS, 'table');
  const overrides = readOverrides(values);
  const source: Read<ConfigSource> = help
    ? { ok: true, value: { preset: null, configPath: null, link: null } }
    : readConfigSource(values);
  if (!source.ok) return fail(source.error);
  if (!overrides.ok) return fail(overrides.error);
  if (!convention.ok) return fail(convention.error);
  if (!format.ok) return fail(format.error);
  const mmpose = readMmposeStyle(values);
  if (!mmpose.ok) return fail(mmpose.error);
  const args: CliArgs = {
    help,
    ...source.value,
    ...overrides.value,
    convention: convention.value,
    format: format.value,
    mmpose: mmpose.value
  };
  return { ok: true, args, usage: USAGE };
}
