/** Argument parsing for the infer CLI: pure, so tests can drive it without a process. */
import type { FusionMode } from '../lib/model';
import { FUSION_MODES, PRESET_IDS } from '../lib/model';
import { readOverrides } from './args';
import type { ConfigSource } from './config-source';
import { readConfigSource } from './config-source';
import { readFlags } from './options';

export interface InferArgs extends ConfigSource {
  help: boolean;
  input: { height: number; width: number } | null;
  joints: number | null;
  fusion: FusionMode | null;
  weights: string;
  tensor: string;
  out: string;
}

export const INFER_USAGE = `Usage: npm run --silent infer -- (--preset <id> | --config <file> | --link <link>) --weights <file> --tensor <input.npy> --out <heatmaps.npy> [options]

  --preset <id>         ${PRESET_IDS.join(', ')}
  --config <file>       any config: the explorer's Export → Config → JSON, a bare config, or
                        an mmpose config .py (0.x or 1.x style)
  --link <link>         a share link, '?v=1&m=litehrnet_30&…' or the whole address (quote it)
  --input <H>x<W>       input size, e.g. 256x192 (default: the input tensor's H x W)
  --joints <N>          heatmaps: 17 for COCO (default), 16 for MPII
  --fusion <mode>       official (default; what released checkpoints need) or paper
  --weights <file>      a .pth or .pth.tar checkpoint, or a .json manifest with its .bin beside it
  --tensor <input.npy>  float32 input, N x C x H x W (1 x 3 x H x W)
  --out <file.npy>      where to write the float32 output, 1 x joints x H/4 x W/4
  --help                this text

Flags take their value after a space or '=' (--input=256x192), once each. Relative paths are
read from the directory npm was run in.
`;

type Parsed = { ok: true; args: InferArgs } | { ok: false; error: string };

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
  fusion: 'string',
  weights: 'string',
  tensor: 'string',
  out: 'string'
} as const;

export function parseInferArgs(argv: string[]): Parsed {
  const flags = readFlags(argv, FLAGS);
  if (!flags.ok) return fail(flags.error);
  const { values } = flags;
  const text = (name: string) => {
    const v = values.get(name);
    return typeof v === 'string' ? v : '';
  };
  const none = { preset: null, configPath: null, link: null };
  const files = { weights: text('weights'), tensor: text('tensor'), out: text('out') };
  if (values.has('help'))
    return {
      ok: true,
      args: { help: true, ...none, input: null, joints: null, fusion: null, ...files }
    };
  const source = readConfigSource(values);
  if (!source.ok) return fail(source.error);
  const overrides = readOverrides(values);
  if (!overrides.ok) return fail(overrides.error);
  const fusion = text('fusion') || null;
  if (fusion !== null && !(FUSION_MODES as readonly string[]).includes(fusion))
    return fail(`--fusion must be official or paper, not '${fusion}'`);
  for (const flag of ['weights', 'tensor', 'out'] as const)
    if (!files[flag]) return fail(`--${flag} is required`);
  return {
    ok: true,
    args: {
      help: false,
      ...source.value,
      ...overrides.value,
      fusion: fusion as FusionMode | null,
      ...files
    }
  };
}
