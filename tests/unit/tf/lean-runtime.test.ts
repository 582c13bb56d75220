import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

describe('lean tfjs runtime', () => {
  it('no code imports the @tensorflow/tfjs bundle (layers, converter, data): tfjs-core and backends only', () => {
    // A static import or export statement, or a dynamic import(), of exactly '@tensorflow/tfjs'
    // (a statement quoted inside a string, as a test's sample, does not start a line).
    const umbrella =
      /^\s*(?:import|export)\b[^\n]*['"]@tensorflow\/tfjs['"]|\bimport\(\s*['"]@tensorflow\/tfjs['"]/m;
    const offenders = ['src', 'tests', 'bench', 'scripts']
      .flatMap((d) => sourceFiles(join(root, d)))
      .filter((f) => umbrella.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('package.json depends on tfjs-core and each backend, not on the bundle', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const deps = Object.keys(pkg.dependencies);
    expect(deps).not.toContain('@tensorflow/tfjs');
    for (const p of ['core', 'backend-cpu', 'backend-webgl', 'backend-wasm', 'backend-webgpu'])
      expect(deps).toContain(`@tensorflow/tfjs-${p}`);
  });

  it('the forward worker loads backends only when it starts one (dynamic imports in backend.ts)', () => {
    const source = readFileSync(join(root, 'src/lib/tf/backend.ts'), 'utf8');
    expect(source).not.toMatch(/^import\s[^;]*['"]@tensorflow\/tfjs-backend-/m);
    for (const b of ['cpu', 'webgl', 'webgpu'])
      expect(source).toContain(`import('@tensorflow/tfjs-backend-${b}')`);
  });
});
