/** Argument parsing for the export-onnx CLI (node:util parseArgs): pure, so tests can drive it. */
import { parseArgs } from 'node:util';
import type { PresetId } from '../lib/model';
import { PRESET_IDS, isPresetId, parseInputSize } from '../lib/model';

export interface ExportOnnxArgs {
  help: boolean;
  preset: PresetId | null;
  configPath: string | null;
  link: string | null;
  input: { height: number; width: number } | null;
  weights: string | null;
  foldBn: boolean;
  seed: number;
  out: string;
}

/** The forward panel's seed, so the CLI's seeded file and the page's hold the same weights. */
export const DEFAULT_SEED = 1;

export const EXPORT_ONNX_USAGE = `Usage: npm run --silent export-onnx -- (--preset <id> | --config <file.json> | --link <link>) [--input <H>x<W>] [--weights <file>] [--fold-bn] --out <model.onnx>

  --preset <id>         ${PRESET_IDS.join(', ')}
  --config <file>       any config: the explorer's JSON export, a bare config, or an mmpose .py
  --link <link>         an explorer link, e.g. '?v=1&m=litehrnet_30&in=384x288' or the whole address
  --input <H>x<W>       input size (default: the config's or link's; 256x192 for a preset)
  --weights <file>      a .pth checkpoint, or a .json manifest with its .bin beside it
                        (default: seeded random weights, the same as the explorer's)
  --seed <N>            seed of the random weights (default ${DEFAULT_SEED})
  --fold-bn             fold every BatchNorm into the convolution before it
  --out <model.onnx>    where to write the model
  --help                this text

The model has one input, "input" (float32, 1 x 3 x H x W), and one output, "heatmaps"
(float32, 1 x joints x H/4 x W/4); opset 11.
`;

type Parsed = { ok: true; args: ExportOnnxArgs } | { ok: false; error: string };

function fail(error: string): Parsed {
  return { ok: false, error: `${error} (see --help)` };
}

/** parseArgs's own errors are long and name internals; keep the first sentence. */
function parseError(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text
    .split('\n')[0]
    .replace(/\.\s.*$/, '')
    .replace(/\.$/, '');
}

export function parseExportOnnxArgs(argv: string[]): Parsed {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        preset: { type: 'string' },
        config: { type: 'string' },
        link: { type: 'string' },
        input: { type: 'string' },
        weights: { type: 'string' },
        seed: { type: 'string' },
        'fold-bn': { type: 'boolean' },
        out: { type: 'string' }
      }
    }));
  } catch (e) {
    return fail(parseError(e));
  }
  const args: ExportOnnxArgs = {
    help: values.help ?? false,
    preset: null,
    configPath: values.config ?? null,
    link: values.link ?? null,
    input: null,
    weights: values.weights ?? null,
    foldBn: values['fold-bn'] ?? false,
    seed: DEFAULT_SEED,
    out: values.out ?? ''
  };
  if (args.help) return { ok: true, args };
  if (values.preset !== undefined) {
    if (!isPresetId(values.preset))
      return fail(`unknown preset '${values.preset}'; choose one of ${PRESET_IDS.join(', ')}`);
    args.preset = values.preset;
  }
  const sources = [args.preset, args.configPath, args.link].filter((s) => s !== null);
  if (sources.length !== 1) return fail('give exactly one of --preset, --config or --link');
  if (values.input !== undefined) {
    args.input = parseInputSize(values.input);
    if (!args.input)
      return fail(`--input must look like 256x192 (height x width), not '${values.input}'`);
  }
  if (values.seed !== undefined) {
    if (!/^\d{1,9}$/.test(values.seed))
      return fail(`--seed must be a whole number from 0 to 999999999, not '${values.seed}'`);
    args.seed = Number(values.seed);
  }
  if (!args.out) return fail('--out is required');
  return { ok: true, args };
}
