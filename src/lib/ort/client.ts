/**
 * The page's side of the ONNX Runtime worker: it imports no ORT, creates the worker on the first
 * ORT run (so nothing of ORT loads until the backend is chosen and run), parses every reply at
 * the edge, and turns a crash or a silent worker into an event (worker-client.ts, shared with the
 * tfjs client). Cancelling terminates the worker.
 */
import type { CrashEvent, JobOptionsOf } from '$lib/tf/worker-client';
import { WorkerJobClient } from '$lib/tf/worker-client';
import type { OrtReply, OrtRunRequest } from './protocol';
import { parseOrtReply } from './protocol';

/** As long as the tfjs worker may stay silent (FORWARD_SILENCE_MS); every ORT run reports. */
export const ORT_SILENCE_MS = 120_000;

export type OrtClientEvent = OrtReply | CrashEvent;

export type OrtJobOptions = JobOptionsOf<OrtRunRequest>;

export class OrtClient extends WorkerJobClient<OrtRunRequest, OrtReply> {
  constructor(onEvent: (event: OrtClientEvent) => void, silenceMs = ORT_SILENCE_MS) {
    super(
      {
        spawn: () => new Worker(new URL('./ort.worker.ts', import.meta.url), { type: 'module' }),
        parse: parseOrtReply,
        worker: 'the ONNX Runtime worker',
        job: 'ONNX Runtime',
        silenceMs
      },
      onEvent
    );
  }
}
