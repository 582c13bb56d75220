/// <reference lib="webworker" />
/**
 * The ONNX Runtime worker. Its own code is tiny: ORT, the exporter and the model code are
 * imported on the first request, so none of them loads with a page, and a long run never blocks
 * the page. It keeps the last loaded weights it received, as the tfjs worker does.
 */
import { workerWeights } from '$lib/tf/worker-weights';
import type { OrtReply, OrtRunRequest } from './protocol';
import { parseOrtRequest } from './protocol';

const post = (reply: OrtReply, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply, transfer);

/** The last loaded weights this worker received (the page sends them once per worker). */
const weightSource = workerWeights();

async function handle(req: OrtRunRequest): Promise<void> {
  post({ type: 'progress', jobId: req.jobId, phase: 'loading-ort', done: 0, total: 1 });
  const source = weightSource(req.weights, req.seed);
  const [{ loadOrt }, { runOrtJob }] = await Promise.all([
    import('./runtime'),
    import('./session')
  ]);
  const ort = await loadOrt(req.provider);
  const result = await runOrtJob(ort, req, source, (phase, done, total) =>
    post({ type: 'progress', jobId: req.jobId, phase, done, total })
  );
  post({ type: 'result', jobId: req.jobId, result }, [result.output.data.buffer]);
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const req = parseOrtRequest(event.data);
  if (!req) {
    post({
      type: 'error',
      jobId: -1,
      message: 'The worker received a message it does not understand.'
    });
    return;
  }
  handle(req).catch((e: unknown) => {
    post({ type: 'error', jobId: req.jobId, message: e instanceof Error ? e.message : String(e) });
  });
};
