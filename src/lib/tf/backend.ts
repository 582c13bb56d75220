/**
 * Picking and starting a tfjs backend. The runtime is tfjs-core plus the backends (not the
 * `@tensorflow/tfjs` bundle, which adds layers, converter and data), and each backend's code is
 * loaded only when it is started: a worker on wasm never downloads webgl or webgpu. "auto" asks
 * the browser what GPU it has and lets `chooseBackend` decide (backend-choice.ts says why).
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  chooseBackend,
  wasmThreadsWanted,
  type BackendPick,
  type GpuAdapterFacts
} from './backend-choice';
import type { BackendChoice } from './protocol';

export type StartedBackend = BackendPick;

/** The WebGL renderer's name, or null when there is no WebGL here (e.g. in Node). */
export function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info
      ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL)
      : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return String(name);
  } catch {
    return null;
  }
}

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: Partial<GpuAdapterFacts>;
}

/** What the WebGPU adapter tfjs would get says about itself, or null when there is none. */
export async function webgpuAdapter(): Promise<GpuAdapterFacts | null> {
  const gpu = (navigator as { gpu?: { requestAdapter(o?: object): Promise<unknown> } }).gpu;
  if (!gpu) return null;
  try {
    const adapter = (await gpu.requestAdapter({
      powerPreference: 'high-performance'
    })) as AdapterLike | null;
    if (!adapter) return null;
    const info = adapter.info ?? {};
    return {
      isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      device: info.device ?? '',
      description: info.description ?? ''
    };
  } catch {
    return null;
  }
}

/** Whether this worker may run tfjs's threaded wasm build (backend-choice.ts says when). */
function wasmThreadsHere(): boolean {
  return wasmThreadsWanted({
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    logicalCores: globalThis.navigator?.hardwareConcurrency ?? 1
  });
}

/** Importing a backend's package registers it with tfjs-core. */
const REGISTER: Record<BackendPick['name'], () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: async () => (await import('./wasm-assets')).configureWasmPaths(),
  cpu: () => import('@tensorflow/tfjs-backend-cpu')
};

async function trySet(name: BackendPick['name']): Promise<boolean> {
  try {
    await REGISTER[name]();
    // The flag exists once the wasm package is loaded; tfjs reads it when the backend starts.
    if (name === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', wasmThreadsHere());
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok;
  } catch {
    return false;
  }
}

/** "…; 2 threads" when the threaded wasm build runs. */
async function withThreads(pick: BackendPick): Promise<BackendPick> {
  if (pick.name !== 'wasm' || !tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')) return pick;
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  return { ...pick, reason: `${pick.reason}; ${getThreadsCount()} threads` };
}

const CANNOT_START: Record<BackendPick['name'], string> = {
  webgpu:
    'The webgpu backend could not start: this browser gives no WebGPU adapter (WebGPU is off, unsupported, or there is no usable GPU). Pick auto, wasm or webgl.',
  webgl: 'The webgl backend could not start in this browser (no WebGL 2). Pick auto or wasm.',
  wasm: 'The wasm backend could not start in this browser. Pick another backend and try again.',
  cpu: 'The cpu backend could not start in this browser. Pick another backend and try again.'
};

/** Sets the backend; throws a sentence for a person when the chosen one cannot start. */
export async function startBackend(choice: BackendChoice): Promise<StartedBackend> {
  const picked =
    choice === 'auto'
      ? chooseBackend({ webgpu: await webgpuAdapter(), webglRenderer: webglRenderer() })
      : { name: choice, reason: 'chosen by you' };
  if (await trySet(picked.name)) return withThreads(picked);
  if (choice === 'auto' && picked.name !== 'wasm' && (await trySet('wasm')))
    return withThreads({
      name: 'wasm',
      reason: `auto: ${picked.name} could not start here, so wasm`
    });
  if (choice === 'auto' && (await trySet('cpu')))
    return { name: 'cpu', reason: `auto: ${picked.name} could not start here, so plain cpu` };
  throw new Error(CANNOT_START[picked.name]);
}
