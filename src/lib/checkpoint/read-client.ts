/**
 * The page's side of the weights reader: the files' bytes go to a fresh worker (transferred,
 * not copied), the tensors come back, the worker is ended. Imports no parser itself, so reading
 * code loads only when someone loads weights. A read can be cancelled (an AbortSignal), and a
 * watchdog ends one that takes longer than READ_LIMIT_MS: either way the worker is terminated,
 * which stops it even in the middle of a parse.
 */
import type { ExpectedTensor } from './expected';
import type { LoadedWeights } from './load';
import { parseWeightsReadReply } from './read-protocol';
import { fail, type Result } from './types';

/**
 * How long a read may take before the page stops it; a real checkpoint takes a few seconds.
 * (This folder imports only its own files, so the countdown is a plain timeout.)
 */
export const READ_LIMIT_MS = 60_000;

export interface ReadControl {
  /** Aborting stops the read at once: the worker is ended and the promise gives `CANCELLED`. */
  signal?: AbortSignal;
  limitMs?: number;
}

export const CANCELLED = 'Cancelled.';

export async function readWeightsOffThread(
  files: File[],
  expected: ExpectedTensor[],
  control: ReadControl = {}
): Promise<Result<LoadedWeights>> {
  const { signal, limitMs = READ_LIMIT_MS } = control;
  const read = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
  );
  if (signal?.aborted) return fail(CANCELLED);
  const worker = new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module' });
  // The time limit is one fixed countdown (the reader sends no progress to restart it by).
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  try {
    return await new Promise<Result<LoadedWeights>>((resolve) => {
      timer = setTimeout(
        () =>
          resolve(
            fail(
              `Reading the weights was stopped after ${Math.round(limitMs / 1000)} seconds: a Lite-HRNet checkpoint reads in a few seconds, so this file may be damaged or built to stall a reader.`
            )
          ),
        limitMs
      );
      onAbort = () => resolve(fail(CANCELLED));
      signal?.addEventListener('abort', onAbort);
      worker.onmessage = (e: MessageEvent<unknown>) => resolve(parseWeightsReadReply(e.data));
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        resolve(
          fail(`The weights reader stopped unexpectedly${e.message ? `: ${e.message}` : ''}.`)
        );
      };
      worker.onmessageerror = () => resolve(fail('The weights reader sent an unreadable reply.'));
      worker.postMessage(
        { files: read, expected },
        read.map((f) => f.bytes.buffer)
      );
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}
