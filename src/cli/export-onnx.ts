/**
 * Writes a Lite-HRNet as an ONNX model, from the command line:
 *
 *   npm run --silent export-onnx -- --preset litehrnet_18 --input 256x192 --out model.onnx
 *   npm run --silent export-onnx -- --link '?v=1&m=litehrnet_30' --weights w.pth --fold-bn --out m.onnx
 *
 * Exit code 0 with a one-line summary on stdout; 2 with a one-line error on stderr for bad
 * arguments or files (nothing is written then).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { EXPORT_ONNX_USAGE, parseExportOnnxArgs } from './export-onnx-args';
import { runExportOnnx } from './export-onnx-run';

async function main(argv: string[]): Promise<number> {
  const parsed = parseExportOnnxArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`export-onnx: ${parsed.error}\n`);
    return 2;
  }
  if (parsed.args.help) {
    process.stdout.write(EXPORT_ONNX_USAGE);
    return 0;
  }
  const result = await runExportOnnx(parsed.args, (path) => new Uint8Array(readFileSync(path)));
  if (!result.ok) {
    process.stderr.write(`export-onnx: ${result.error}\n`);
    return 2;
  }
  try {
    writeFileSync(parsed.args.out, result.bytes);
  } catch {
    process.stderr.write(`export-onnx: cannot write '${parsed.args.out}'\n`);
    return 2;
  }
  process.stdout.write(`export-onnx: wrote ${parsed.args.out}: ${result.summary}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`export-onnx: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
);
