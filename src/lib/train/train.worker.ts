/// <reference lib="webworker" />
/**
 * The training worker. Its own code is tiny: tfjs, the trainer and the backends are imported on
 * the first `start`, so they never load with a page, and training never blocks the page. One
 * worker holds one session; the page starts a fresh worker for the next one.
 */
import type { TrainReply, TrainRequest } from './train-protocol';
import { parseTrainRequest } from './train-protocol';
import type { TrainSession } from './train-session';

const post = (reply: TrainReply, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply, transfer);

let session: TrainSession | null = null;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function start(req: Extract<TrainRequest, { type: 'start' }>): Promise<void> {
  const [{ startBackend }, { TrainSession }] = await Promise.all([
    import('../tf/backend'),
    import('./train-session')
  ]);
  const backend = await startBackend(req.backend);
  post({ type: 'backend', name: backend.name, reason: backend.reason });
  session = new TrainSession(post);
  await session.run(req);
}

async function handle(req: TrainRequest): Promise<void> {
  switch (req.type) {
    case 'start':
      if (session) throw new Error('This worker has already trained; the page starts a new one.');
      return start(req);
    case 'pause':
      return session?.pause();
    case 'resume':
      return session?.resume();
    case 'stop':
      return session?.stop();
    case 'export': {
      if (!session) throw new Error('There are no trained weights yet: train first.');
      const tensors = await session.weights(req.side);
      return post(
        { type: 'weights', tensors },
        tensors.map((t) => t.data.buffer)
      );
    }
    case 'predict': {
      if (!session) throw new Error('There is no trained model yet: train first.');
      const reply = await session.predict(req.image, req.side);
      return post(reply);
    }
  }
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const req = parseTrainRequest(event.data);
  if (!req) {
    post({
      type: 'error',
      message: 'The training worker received a message it does not understand.'
    });
    return;
  }
  handle(req).catch((e: unknown) => post({ type: 'error', message: message(e) }));
};
