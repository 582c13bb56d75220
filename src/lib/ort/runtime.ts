/**
 * Loading onnxruntime-web inside the worker, one build per execution provider, with its wasm
 * binary served from this site: Vite gives each `?url` import a hashed URL, handed to ORT as
 * `env.wasm.wasmPaths` (no CDN). The "bundle" builds carry ORT's JavaScript glue inline, so the
 * .wasm file is the only other thing fetched. Browser only (Node uses onnxruntime-node).
 *
 * Threads stay off (numThreads = 1): ORT's threaded runtime needs SharedArrayBuffer, so a
 * cross-origin-isolated page (COOP/COEP headers a static host may not send), and it would start
 * its own workers; on the 2-core machines this was measured on, one thread is the fair
 * comparison with tfjs's single-threaded wasm. The proxy worker is off too: this already is a
 * worker.
 */
import type { OrtProvider } from './protocol';
import type { OrtModule } from './session';

type OrtWeb = typeof import('onnxruntime-web');

function configure(ort: OrtWeb, wasm: string): OrtModule {
  ort.env.wasm.wasmPaths = { wasm };
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  return ort as unknown as OrtModule;
}

async function loadWasm(): Promise<OrtModule> {
  const [ort, wasm] = await Promise.all([
    import('onnxruntime-web/wasm'),
    import('onnxruntime-web/ort-wasm-simd-threaded.wasm?url')
  ]);
  return configure(ort, wasm.default);
}

/** The WebGPU build runs on the asyncify wasm binary (its kernels wait on the GPU). */
async function loadWebgpu(): Promise<OrtModule> {
  const [ort, wasm] = await Promise.all([
    import('onnxruntime-web/webgpu'),
    import('onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url')
  ]);
  return configure(ort, wasm.default);
}

const loading = new Map<OrtProvider, Promise<OrtModule>>();

/** ORT for a provider, loaded once per worker; a failed load is forgotten so Retry loads again. */
export function loadOrt(provider: OrtProvider): Promise<OrtModule> {
  let p = loading.get(provider);
  if (!p) {
    p = (provider === 'webgpu' ? loadWebgpu() : loadWasm()).catch((e: unknown) => {
      loading.delete(provider);
      throw e;
    });
    loading.set(provider, p);
  }
  return p;
}
