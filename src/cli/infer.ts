/**
 * Runs a Lite-HRNet with real weights on an input tensor, from the command line:
 *
 *   npm run --silent infer -- --preset litehrnet_18 --input 256x192 \
 *     --weights litehrnet_18_coco_256x192.pth --tensor input.npy --out heatmaps.npy
 *
 * tfjs on its wasm backend (single-threaded). Exit code 0 with a one-line summary on stderr and
 * the .npy written; 2 with a one-line error on stderr for bad arguments or files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { INFER_USAGE, parseInferArgs } from './infer-args';
import { runInfer } from './infer-run';
import { fromUserDir } from './options';

async function startWasm(): Promise<void> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
  await tf.ready();
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseInferArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`infer: ${parsed.error}\n`);
    return 2;
  }
  if (parsed.args.help) {
    process.stdout.write(INFER_USAGE);
    return 0;
  }
  await startWasm();
  const result = await runInfer(
    parsed.args,
    (path) => new Uint8Array(readFileSync(fromUserDir(path)))
  );
  if (!result.ok) {
    process.stderr.write(`infer: ${result.error}\n`);
    return 2;
  }
  try {
    writeFileSync(fromUserDir(parsed.args.out), result.npy);
  } catch {
    process.stderr.write(`infer: cannot write '${parsed.args.out}'\n`);
    return 2;
  }
  for (const warning of result.warnings) process.stderr.write(`infer: warning: ${warning}\n`);
  process.stderr.write(`infer: ${result.summary}; wrote ${parsed.args.out}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`infer: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
);
