/// <reference lib="webworker" />
/**
 * The forward-pass worker. Its own code is tiny: tfjs, the executor and the backends are imported
 * on the first request, so they never load with a page, and a long pass never blocks the page.
 */
import type { WorkerReply, WorkerRequest } from './protocol';
import { parseRequest } from './protocol';
import { workerWeights } from './worker-weights';

const post = (reply: WorkerReply) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);

async function loadRuntime() {
  const [backend, session] = await Promise.all([import('./backend'), import('./session')]);
  return { startBackend: backend.startBackend, runJob: session.runJob };
}

let runtime: ReturnType<typeof loadRuntime> | null = null;

/** The last loaded weights this worker received (the page sends them once per worker). */
const weightSource = workerWeights();

async function handle(req: WorkerRequest): Promise<void> {
  post({ type: 'progress', jobId: req.jobId, phase: 'loading-tfjs', done: 0, total: 1 });
  runtime ??= loadRuntime();
  // A failed load (e.g. the network dropped) is not cached, so Retry loads again.
  const { startBackend, runJob } = await runtime.catch((e: unknown) => {
    runtime = null;
    throw e;
  });
  post({ type: 'progress', jobId: req.jobId, phase: 'starting-backend', done: 0, total: 1 });
  const source = weightSource(req.weights, req.seed);
  const backend = await startBackend(req.backend);
  const result = await runJob(
    req,
    backend,
    (phase, done, total) => post({ type: 'progress', jobId: req.jobId, phase, done, total }),
    source,
    req.weights?.label ?? ''
  );
  post({ type: 'result', jobId: req.jobId, result });
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const req = parseRequest(event.data);
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
