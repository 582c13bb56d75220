/**
 * Picking and starting a tfjs backend. "auto" takes webgl only when a hardware GPU renders it:
 * on this kind of machine, without one, WebGL is emulated in software (SwiftShader, llvmpipe) and
 * runs several times slower than wasm with SIMD (STACK.md measured ~240–490 ms vs ~31–45 ms).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice, BackendName } from './protocol';

export interface StartedBackend {
  name: BackendName;
  reason: string;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

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

function autoChoice(): StartedBackend {
  const renderer = webglRenderer();
  if (renderer && !SOFTWARE_RENDERERS.test(renderer))
    return { name: 'webgl', reason: `auto: a hardware GPU renders WebGL (${renderer})` };
  const why = renderer ? `WebGL is software-rendered (${renderer})` : 'no WebGL here';
  return { name: 'wasm', reason: `auto: ${why}, so wasm with SIMD` };
}

async function trySet(name: BackendName): Promise<boolean> {
  // The threaded wasm build's blob workers break in a bundled build (STACK.md); 2 cores gain nothing.
  if (name === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  try {
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok;
  } catch {
    return false;
  }
}

/** Sets the backend; throws a sentence for a person when the chosen one cannot start. */
export async function startBackend(choice: BackendChoice): Promise<StartedBackend> {
  const picked = choice === 'auto' ? autoChoice() : { name: choice, reason: 'chosen by you' };
  if (await trySet(picked.name)) return picked;
  if (choice === 'auto' && (await trySet('cpu')))
    return { name: 'cpu', reason: `auto: ${picked.name} could not start here, so plain cpu` };
  throw new Error(
    `The ${picked.name} backend could not start in this browser. Pick another backend and try again.`
  );
}
