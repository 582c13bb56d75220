/**
 * Two small Vite plugins the site's build needs (used by vite.config.ts).
 */
import type { Connect, Plugin } from 'vite';

/**
 * Cross-origin isolation: with these two headers the page gets SharedArrayBuffer, which the
 * threaded tfjs wasm build needs (README, "Hosting"). Everything the site loads is its own, and
 * "Load from URL" fetches in cors mode, which require-corp allows. Vite's `server.headers` and
 * `preview.headers` miss the pages SvelteKit serves itself, so a first middleware sets them on
 * every response, in dev and in preview.
 */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp'
};

export function crossOriginIsolation(): Plugin {
  const setHeaders: Connect.NextHandleFunction = (_req, res, next) => {
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) res.setHeader(name, value);
    next();
  };
  return {
    name: 'cross-origin-isolation',
    configureServer: (server) => void server.middlewares.use(setHeaders),
    configurePreviewServer: (server) => void server.middlewares.use(setHeaders)
  };
}

/**
 * tfjs-backend-wasm starts each wasm thread as a blob worker that runs the Emscripten factory's
 * source text (`factory.toString()`). That function reads `_scriptDir`, a variable of the closure
 * around it, guarded by `typeof _scriptDir !== "undefined"` so that the copy in a thread, where the
 * closure is gone, skips it. A minifier renames `_scriptDir` (to `e`, say) and, seeing a declared
 * variable, drops the `typeof` guard, so every thread dies with "ReferenceError: e is not defined".
 * In a worker the value is never needed (tfjs locates the .wasm itself; the threads get the
 * compiled module by message), so the two reads inside the factory are removed before bundling.
 */
const THREADED_FACTORY = /tfjs-backend-wasm-threaded-simd\.js$/;
const SCRIPT_DIR_READS: readonly [string, string][] = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  [
    '"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir,',
    '"urlOrBlob":Module["mainScriptUrlOrBlob"],'
  ]
];

export function tfjsWasmThreadsSurviveMinifying(): Plugin {
  return {
    name: 'tfjs-wasm-threads-survive-minifying',
    transform(code, id) {
      if (!THREADED_FACTORY.test(id.split('?')[0])) return null;
      let out = code;
      for (const [from, to] of SCRIPT_DIR_READS) {
        // A tfjs upgrade that changes this code must fail the build, not ship dead threads.
        if (!out.includes(from))
          this.error(`tfjs-backend-wasm changed: "${from}" not found in ${id}`);
        out = out.replace(from, to);
      }
      return { code: out, map: null };
    }
  };
}
