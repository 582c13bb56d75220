/// <reference lib="webworker" />
/**
 * Reads weights files off the page's thread: a Lite-HRNet-30 .pth is ~7 MB of pickle, zip and
 * float conversion, well over a 50 ms task. The files' bytes come in transferred; the float32
 * tensors go back transferred too. One request per worker; the page terminates it after.
 */
import { isExpectedTensorList } from './expected';
import { readWeightsFiles, type WeightsFile } from './load';
import type { WeightsReadReply } from './read-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function isFiles(v: unknown): v is WeightsFile[] {
  return (
    Array.isArray(v) &&
    v.every(
      (f: unknown) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as WeightsFile).name === 'string' &&
        (f as WeightsFile).bytes instanceof Uint8Array
    )
  );
}

scope.onmessage = async (event: MessageEvent<unknown>) => {
  const { files, expected } = (event.data ?? {}) as { files?: unknown; expected?: unknown };
  if (!isFiles(files)) {
    scope.postMessage({ ok: false, error: 'The weights reader received no files.' });
    return;
  }
  // The config's state_dict: what the reader may build, and nothing more.
  if (!isExpectedTensorList(expected)) {
    scope.postMessage({ ok: false, error: 'The weights reader received no config to read for.' });
    return;
  }
  const read = await readWeightsFiles(files, expected);
  if (!read.ok) {
    scope.postMessage({ ok: false, error: read.error } satisfies WeightsReadReply);
    return;
  }
  const tensors = [...read.value.tensors].map(([name, t]) => ({
    name,
    shape: t.shape,
    data: t.data
  }));
  const { label, notes, warnings } = read.value;
  const reply: WeightsReadReply = { ok: true, label, tensors, notes, warnings };
  scope.postMessage(
    reply,
    tensors.map((t) => t.data.buffer)
  );
};
