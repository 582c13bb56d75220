/**
 * What the train CLI does with parsed arguments: the config (a tiny model, a preset, a file or a
 * link), the synthetic task at the config's input size, `steps` Adam steps, the validation
 * scores, and the weights as .pth bytes when asked. The tfjs backend is started by the caller;
 * file reading and printing are injected, so tests run it without a process.
 */
import type { LiteHRNetConfig } from '../lib/model';
import { PRESETS, formatParams } from '../lib/model';
import { writeTorchCheckpoint } from '../lib/checkpoint/write-torch';
import { POSE_JOINTS } from '../lib/train/batch';
import { createSyntheticSource, syntheticOptionsProblem } from '../lib/train/synthetic';
import { tinyConfig } from '../lib/train/tiny';
import { createTrainer, type Trainer, type ValidationMetrics } from '../lib/train/trainer';
import { loadConfig } from './config-source';
import type { TrainArgs } from './train-args';

export interface TrainIo {
  readText(path: string): string;
  /** One line saying what is about to be trained (the text output prints it first). */
  onStart?(line: string): void;
  /** Something a person should know before the run (a slow network), said before it starts. */
  warn?(text: string): void;
  /** Each step's loss as it comes (the text output prints it at once). */
  onStep?(step: number, loss: number): void;
  /** Milliseconds, for steps per second. */
  now(): number;
}

export interface TrainReport {
  steps: Array<{ step: number; loss: number }>;
  validation: Pick<ValidationMetrics, 'pck' | 'ap' | 'baselinePck'>;
  backend: string;
  stepsPerSecond: number;
  config: LiteHRNetConfig;
}

export type TrainResult =
  { ok: true; report: TrainReport; weights: Uint8Array | null } | { ok: false; error: string };

function configOf(
  args: TrainArgs,
  io: TrainIo
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (args.tiny) return { ok: true, value: tinyConfig(args.tiny) };
  return loadConfig(args, io.readText);
}

/** What a person should know before a long run: an explorer preset trains slowly here. */
function warningsFor(args: TrainArgs, config: LiteHRNetConfig): string[] {
  if (args.tiny) return [];
  const { height, width } = config.input;
  const name = args.preset ? PRESETS[args.preset].label : 'this network';
  return [
    `${name} at ${height}x${width} is slow to train on tfjs's ${args.backend} backend in Node (seconds to minutes per step); the tiny models (--preset tiny-lite) take a fraction of a second.`
  ];
}

async function trainSteps(trainer: Trainer, args: TrainArgs, io: TrainIo) {
  const steps: TrainReport['steps'] = [];
  const start = io.now();
  for (let i = 1; i <= args.steps; i++) {
    const loss = await trainer.step();
    if (!Number.isFinite(loss))
      throw new Error(
        `The loss became ${loss} at step ${i}; training diverged. Try a smaller --lr.`
      );
    steps.push({ step: i, loss });
    io.onStep?.(i, loss);
  }
  const seconds = (io.now() - start) / 1000;
  return { steps, stepsPerSecond: seconds > 0 ? args.steps / seconds : Infinity };
}

export async function runTrain(args: TrainArgs, io: TrainIo): Promise<TrainResult> {
  const loaded = configOf(args, io);
  if (!loaded.ok) return loaded;
  const base = loaded.value as Partial<LiteHRNetConfig>;
  if (base.joints !== undefined && base.joints !== POSE_JOINTS)
    return {
      ok: false,
      error: `The synthetic task has COCO's ${POSE_JOINTS} keypoints; this config predicts ${base.joints}. Set its joints to ${POSE_JOINTS}.`
    };
  const input = base.input ?? { height: 0, width: 0 };
  const sizeProblem = syntheticOptionsProblem({ seed: args.seed, ...input });
  if (sizeProblem)
    return { ok: false, error: `The synthetic images cannot be made: ${sizeProblem}` };
  const source = createSyntheticSource({ seed: args.seed, ...input, split: 'train' });
  const created = createTrainer({
    config: base,
    seed: args.seed,
    learningRate: args.lr,
    batchSize: args.batch,
    source
  });
  if (!created.ok) return created;
  const trainer = created.value;
  io.onStart?.(describeRun(args, trainer));
  for (const w of warningsFor(args, trainer.config)) io.warn?.(w);
  try {
    const { steps, stepsPerSecond } = await trainSteps(trainer, args, io);
    const validation = createSyntheticSource({ seed: args.seed, ...input, split: 'validation' });
    const scores = await trainer.evaluate(validation, args.validation);
    let weights: Uint8Array | null = null;
    if (args.out !== null) {
      const written = writeTorchCheckpoint(await trainer.stateDict());
      if (!written.ok) return written;
      weights = written.value;
    }
    return {
      ok: true,
      report: {
        steps,
        validation: { pck: scores.pck, ap: scores.ap, baselinePck: scores.baselinePck },
        backend: trainer.backend,
        stepsPerSecond,
        config: trainer.config
      },
      weights
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    trainer.dispose();
  }
}

/** The first line of the text output: what is trained, how. */
function describeRun(args: TrainArgs, trainer: Trainer): string {
  const name = args.tiny ?? args.preset ?? 'the config';
  const { height, width } = trainer.config.input;
  const params = trainer.graph.ops.reduce((sum, op) => sum + op.params, 0);
  return `train: ${name}, ${height}x${width}, ${formatParams(params)}; tfjs ${trainer.backend}, batch ${args.batch}, lr ${args.lr}, seed ${args.seed}`;
}

const fixed = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

/** The last lines of the text output. */
export function describeResult(report: TrainReport, images: number): string {
  const v = report.validation;
  return [
    `validation (${images} synthetic images): PCK@0.2 ${fixed(v.pck)}, AP ${fixed(v.ap)}; mean-pose baseline PCK@0.2 ${fixed(v.baselinePck)}`,
    `${fixed(report.stepsPerSecond, 2)} steps/s on tfjs ${report.backend}`
  ].join('\n');
}
