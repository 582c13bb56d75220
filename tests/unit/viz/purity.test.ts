import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** The files directly in a folder (the explorer's own); `deep` also walks its subfolders. */
const files = (dir: string, deep = false): { name: string; source: string }[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return deep ? files(path, true) : [];
    return [{ name: path, source: readFileSync(join(root, path), 'utf8') }];
  });
/** Module specifiers the source loads at run time: `import type` is erased, so it is skipped. */
const imports = (source: string) =>
  [
    ...source
      .replace(/import\s+type\s[^;]*?from\s*['"][^'"]+['"]/g, '')
      .matchAll(/(?:from\s*|import\s*\(?\s*)['"]([^'"]+)['"]/g)
  ].map((m) => m[1]);

describe('explorer page imports', () => {
  it('nothing in the explorer imports tfjs or the tf folder (it loads lazily elsewhere)', () => {
    const all = [...files('src/lib/viz'), ...files('src/lib/components'), ...files('src/routes')];
    const bad = all.flatMap((f) =>
      imports(f.source)
        .filter((s) => s.startsWith('@tensorflow') || s.startsWith('$lib/tf'))
        .map((s) => `${f.name} imports ${s}`)
    );
    expect(bad).toEqual([]);
  });

  it('no component or page imports tfjs itself: only the forward-pass worker does', () => {
    const all = [...files('src/lib/components', true), ...files('src/routes', true)];
    const bad = all.flatMap((f) =>
      imports(f.source)
        .filter((s) => s.startsWith('@tensorflow'))
        .map((s) => `${f.name} imports ${s}`)
    );
    expect(bad).toEqual([]);
  });

  it('layout functions are pure: d3 modules that touch the DOM only in draw-*.ts, zoom.ts and write.ts; no svelte', () => {
    // d3-scale, d3-shape, d3-scale-chromatic, d3-array and d3-interpolate are data in, data out.
    const domModules = /^d3$|^d3-(selection|zoom|transition|drag|brush)$/;
    const bad = files('src/lib/viz').flatMap((f) =>
      imports(f.source)
        .filter(
          (s) =>
            s.startsWith('svelte') ||
            (domModules.test(s) && !/\/(draw-[\w-]+|write|zoom)\.ts$/.test(f.name))
        )
        .map((s) => `${f.name} imports ${s}`)
    );
    expect(bad).toEqual([]);
  });
});
