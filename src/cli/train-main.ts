/**
 * The train CLI's process side: flags, the backend (wasm or cpu), printing, the .pth file. Loaded by
 * train.ts after Node is allowed to load tfjs's gradients (node-tfjs.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { fromUserDir } from './options';
import { TRAIN_USAGE, parseTrainArgs } from './train-args';
import { describeResult, runTrain } from './train-run';

const say = (text: string) => process.stderr.write(`train: ${text}\n`);

export async function main(argv: string[]): Promise<number> {
  const parsed = parseTrainArgs(argv);
  if (!parsed.ok) {
    say(parsed.error);
    return 1;
  }
  const { args } = parsed;
  if (args.help) {
    process.stdout.write(TRAIN_USAGE);
    return 0;
  }
  if (!(await tf.setBackend(args.backend))) {
    say(`the tfjs ${args.backend} backend did not start`);
    return 1;
  }
  const result = await runTrain(args, {
    readText: (path) => readFileSync(fromUserDir(path), 'utf8'),
    now: () => performance.now(),
    warn: (text) => say(`warning: ${text}`),
    onStart: args.json ? undefined : (line) => process.stdout.write(`${line}\n`),
    onStep: args.json
      ? undefined
      : (step, loss) => process.stdout.write(`step ${step}  loss ${loss.toFixed(6)}\n`)
  });
  if (!result.ok) {
    say(result.error);
    return 1;
  }
  if (args.out !== null && result.weights) {
    try {
      writeFileSync(fromUserDir(args.out), result.weights);
    } catch {
      say(`cannot write '${args.out}'`);
      return 1;
    }
  }
  if (args.json) process.stdout.write(JSON.stringify(result.report) + '\n');
  else {
    process.stdout.write(describeResult(result.report, args.validation) + '\n');
    if (args.out !== null) process.stdout.write(`wrote ${args.out}\n`);
  }
  return 0;
}
