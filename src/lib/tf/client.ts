/**
 * The page's side of the forward-pass worker. It imports no tfjs: the worker is created on the
 * first run (so not even the worker's small script loads with the page); worker-client.ts does
 * the rest (replies parsed at the edge, crashes and a job silent for FORWARD_SILENCE_MS as
 * events, Cancel). The worker reports every phase and every timed run, so a healthy job is never
 * that quiet.
 */
import type { RunRequest, WorkerReply } from './protocol';
import { parseReply } from './protocol';
import type { CrashEvent, JobOptionsOf } from './worker-client';
import { WorkerJobClient } from './worker-client';

export type { PageWeights } from './worker-client';

/** How long a job may send nothing before the page gives up on it. */
export const FORWARD_SILENCE_MS = 120_000;

export type ClientEvent = WorkerReply | CrashEvent;

export type JobOptions = JobOptionsOf<RunRequest>;

export class ForwardClient extends WorkerJobClient<RunRequest, WorkerReply> {
  constructor(onEvent: (event: ClientEvent) => void, silenceMs = FORWARD_SILENCE_MS) {
    super(
      {
        spawn: () =>
          new Worker(new URL('./forward.worker.ts', import.meta.url), { type: 'module' }),
        parse: parseReply,
        worker: 'the worker',
        job: 'The forward pass',
        silenceMs
      },
      onEvent
    );
  }
}
