/** Argument parsing for the infer CLI: pure, so tests can drive it without a process. */
import type { FusionMode, PresetId } from '../lib/model';
import { FUSION_MODES, PRESET_IDS, isPresetId, parseInputSize } from '../lib/model';

export interface InferArgs {
  help: boolean;
  preset: PresetId | null;
  configPath: string | null;
  input: { height: number; width: number } | null;
  joints: number | null;
  fusion: FusionMode | null;
  weights: string;
  tensor: string;
  out: string;
}

export const INFER_USAGE = `Usage: npm run --silent infer -- (--preset <id> | --config <file.json>) --weights <file> --tensor <input.npy> --out <heatmaps.npy> [options]

  --preset <id>         ${PRESET_IDS.join(', ')}
  --config <file.json>  any config (the explorer's JSON export)
  --input <H>x<W>       input size, e.g. 256x192 (default: the input tensor's H x W)
  --joints <N>          heatmaps: 17 for COCO (default), 16 for MPII
  --fusion <mode>       official (default; what released checkpoints need) or paper
  --weights <file>      a .pth checkpoint, or a .json manifest with its .bin beside it
  --tensor <input.npy>  float32 input, N x C x H x W (1 x 3 x H x W)
  --out <file.npy>      where to write the float32 output, 1 x joints x H/4 x W/4
  --help                this text
`;

type Parsed = { ok: true; args: InferArgs } | { ok: false; error: string };

function fail(error: string): Parsed {
  return { ok: false, error: `${error} (see --help)` };
}

type Setter = (args: InferArgs, value: string) => string | null;

const SETTERS: Record<string, Setter> = {
  '--preset': (a, v) => {
    if (!isPresetId(v)) return `unknown preset '${v}'; choose one of ${PRESET_IDS.join(', ')}`;
    a.preset = v;
    return null;
  },
  '--config': (a, v) => ((a.configPath = v), null),
  '--input': (a, v) => {
    a.input = parseInputSize(v);
    return a.input ? null : `--input must look like 256x192 (height x width), not '${v}'`;
  },
  '--joints': (a, v) => {
    if (!/^\d+$/.test(v)) return `--joints must be a whole number, not '${v}'`;
    a.joints = Number(v);
    return null;
  },
  '--fusion': (a, v) => {
    if (!(FUSION_MODES as readonly string[]).includes(v))
      return `--fusion must be official or paper, not '${v}'`;
    a.fusion = v as FusionMode;
    return null;
  },
  '--weights': (a, v) => ((a.weights = v), null),
  '--tensor': (a, v) => ((a.tensor = v), null),
  '--out': (a, v) => ((a.out = v), null)
};

export function parseInferArgs(argv: string[]): Parsed {
  const args: InferArgs = {
    help: false,
    preset: null,
    configPath: null,
    input: null,
    joints: null,
    fusion: null,
    weights: '',
    tensor: '',
    out: ''
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      args.help = true;
      continue;
    }
    if (!flag.startsWith('--')) return fail(`unexpected argument '${flag}'`);
    const setter = SETTERS[flag];
    if (!setter) return fail(`unknown option '${flag}'`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) return fail(`${flag} needs a value`);
    i++;
    const problem = setter(args, value);
    if (problem) return fail(problem);
  }
  if (args.help) return { ok: true, args };
  if ((args.preset === null) === (args.configPath === null))
    return fail('give exactly one of --preset or --config');
  for (const flag of ['weights', 'tensor', 'out'] as const)
    if (!args[flag]) return fail(`--${flag} is required`);
  return { ok: true, args };
}
