import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const modelDir = join(root, 'src', 'lib', 'model');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const forbiddenImports = ['@tensorflow', 'svelte', 'd3', '$app'];

/** Module specifiers of static imports/exports, dynamic import() and require(). */
function importedModules(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]/g
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1] ?? ''));
}

function isForbidden(specifier: string): boolean {
  if (/^d3-/.test(specifier)) return true; // d3's sub-packages (d3-scale, …) count as d3
  return forbiddenImports.some((p) => specifier === p || specifier.startsWith(`${p}/`));
}

describe('architecture', () => {
  it('src/lib/model stays pure: no DOM, Svelte, d3 or tfjs', () => {
    expect(existsSync(modelDir), `${relative(root, modelDir)} must exist`).toBe(true);
    const problems: string[] = [];
    for (const file of tsFiles(modelDir)) {
      const source = readFileSync(file, 'utf8');
      const name = relative(root, file);
      for (const spec of importedModules(source)) {
        if (isForbidden(spec)) problems.push(`${name} imports '${spec}'`);
      }
      if (/\bdocument\./.test(source)) problems.push(`${name} touches document.`);
      if (/\bwindow\./.test(source)) problems.push(`${name} touches window.`);
    }
    expect(problems).toEqual([]);
  });

  it('the import scanner catches the forbidden forms', () => {
    const sample = [
      "import * as tf from '@tensorflow/tfjs';",
      "import { scaleLinear } from 'd3';",
      "import { mount } from 'svelte';",
      "import { page } from '$app/state';",
      "export { x } from 'd3-scale';",
      "const m = await import('@tensorflow/tfjs-backend-wasm');",
      "import './ok';"
    ].join('\n');
    expect(importedModules(sample).filter(isForbidden)).toEqual([
      '@tensorflow/tfjs',
      'd3',
      'svelte',
      '$app/state',
      'd3-scale',
      '@tensorflow/tfjs-backend-wasm'
    ]);
  });
});
