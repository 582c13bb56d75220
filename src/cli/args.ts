/** Argument parsing for the flops CLI: pure, so tests can drive it without a process. */
import type { Convention, PresetId } from '../lib/model';
import { CONVENTIONS, PRESET_IDS, isPresetId, parseInputSize } from '../lib/model';

export const FORMATS = ['table', 'csv', 'md', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliArgs {
  help: boolean;
  preset: PresetId | null;
  configPath: string | null;
  input: { height: number; width: number } | null;
  joints: number | null;
  convention: Convention;
  format: Format;
}

export const USAGE = `Usage: npm run --silent flops -- (--preset <id> | --config <file.json>) [options]

  --preset <id>         ${PRESET_IDS.join(', ')}
  --config <file.json>  any config (the explorer's JSON export)
  --input <H>x<W>       input size, e.g. 256x192 (default 256x192, or the config's)
  --joints <N>          heatmaps: 17 for COCO (default), 16 for MPII
  --convention <name>   ${CONVENTIONS.join(', ')} (default paper) — for table and md
  --format <name>       ${FORMATS.join(', ')} (default table)
  --help                this text

Counts are MACs; the paper's "FLOPs" are these MACs, in M = 2^20.
`;

type Parsed = { ok: true; args: CliArgs; usage: string } | { ok: false; error: string };

function fail(error: string): Parsed {
  return { ok: false, error: `${error} (see --help)` };
}

export function parseCliArgs(argv: string[]): Parsed {
  const args: CliArgs = {
    help: false,
    preset: null,
    configPath: null,
    input: null,
    joints: null,
    convention: 'paper',
    format: 'table'
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      args.help = true;
      continue;
    }
    const value = argv[i + 1];
    if (!flag.startsWith('--')) return fail(`unexpected argument '${flag}'`);
    if (value === undefined || value.startsWith('--')) return fail(`${flag} needs a value`);
    i++;
    switch (flag) {
      case '--preset':
        if (!isPresetId(value))
          return fail(`unknown preset '${value}'; choose one of ${PRESET_IDS.join(', ')}`);
        args.preset = value;
        break;
      case '--config':
        args.configPath = value;
        break;
      case '--input':
        args.input = parseInputSize(value);
        if (!args.input)
          return fail(`--input must look like 256x192 (height x width), not '${value}'`);
        break;
      case '--joints':
        if (!/^\d+$/.test(value)) return fail(`--joints must be a whole number, not '${value}'`);
        args.joints = Number(value);
        break;
      case '--convention':
        if (!(CONVENTIONS as readonly string[]).includes(value))
          return fail(`unknown convention '${value}'; choose one of ${CONVENTIONS.join(', ')}`);
        args.convention = value as Convention;
        break;
      case '--format':
        if (!(FORMATS as readonly string[]).includes(value))
          return fail(`unknown format '${value}'; choose one of ${FORMATS.join(', ')}`);
        args.format = value as Format;
        break;
      default:
        return fail(`unknown option '${flag}'`);
    }
  }
  if (!args.help && (args.preset === null) === (args.configPath === null))
    return fail('give exactly one of --preset or --config');
  return { ok: true, args, usage: USAGE };
}
