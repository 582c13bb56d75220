/**
 * tfjs on the wasm backend in Node, as the worker uses in the browser (STACK.md: no setWasmPaths
 * needed here). Each test file awaits this before touching tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';

export async function useWasm(): Promise<typeof tf> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (tf.getBackend() !== 'wasm') {
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('wasm backend did not start');
  }
  await tf.ready();
  return tf;
}
