import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tfjsWasmThreadsSurviveMinifying } from '../../../scripts/vite-plugins';

const FACTORY =
  'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';

type Transform = (code: string, id: string) => { code: string } | null;

function transformOf(): Transform {
  const plugin = tfjsWasmThreadsSurviveMinifying();
  const fail = (message: string) => {
    throw new Error(message);
  };
  return (code, id) =>
    (plugin.transform as (this: unknown, c: string, i: string) => { code: string } | null).call(
      { error: fail },
      code,
      id
    );
}

/** The source text of the factory function tfjs hands to each thread (`factory.toString()`). */
function threadSource(code: string): string {
  const start = code.indexOf('function(WasmBackendModuleThreadedSimd)');
  expect(start).toBeGreaterThan(0);
  return code.slice(start);
}

describe('tfjs wasm threads survive minifying', () => {
  const original = readFileSync(FACTORY, 'utf8');

  it('the installed tfjs factory reads the closure variable _scriptDir inside the thread code', () => {
    // The bug being fixed: two reads of a variable a thread's copy of the function cannot see.
    expect(threadSource(original).match(/_scriptDir/g)?.length).toBe(4);
  });

  it('removes every read of _scriptDir from the code a thread runs', () => {
    const out = transformOf()(original, `/x/${FACTORY}`);
    expect(out).not.toBeNull();
    expect(threadSource(out!.code)).not.toContain('_scriptDir');
    expect(out!.code).toContain('"urlOrBlob":Module["mainScriptUrlOrBlob"],');
  });

  it('leaves other modules alone', () => {
    expect(transformOf()('var _scriptDir = 1;', '/x/other.js')).toBeNull();
  });

  it('fails loudly when a tfjs upgrade changed the code it edits', () => {
    expect(() =>
      transformOf()('function(WasmBackendModuleThreadedSimd){}', `/x/${FACTORY}`)
    ).toThrow(/tfjs-backend-wasm changed/);
  });
});
