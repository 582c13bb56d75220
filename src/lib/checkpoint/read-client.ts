/**
 * The page's side of the weights reader: the files' bytes go to a fresh worker (transferred,
 * not copied), the tensors come back, the worker is ended. Imports no parser itself, so reading
 * code loads only when someone loads weights.
 */
import type { ExpectedTensor } from './expected';
import type { LoadedWeights } from './load';
import { parseWeightsReadReply } from './read-protocol';
import { fail, type Result } from './types';

export async function readWeightsOffThread(
  files: File[],
  expected: ExpectedTensor[]
): Promise<Result<LoadedWeights>> {
  const read = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
  );
  const worker = new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<Result<LoadedWeights>>((resolve) => {
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
    worker.terminate();
  }
}
