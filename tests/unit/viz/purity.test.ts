import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const files = (dir: string) =>
  readdirSync(join(root, dir)).map((name) => ({
    name: `${dir}/${name}`,
    source: readFileSync(join(root, dir, name), 'utf8')
  }));
const imports = (source: string) =>
  [...source.matchAll(/(?:from\s*|import\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

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

  it('layout functions are pure: only draw-*.ts and write.ts touch d3, none touches svelte', () => {
    const bad = files('src/lib/viz').flatMap((f) =>
      imports(f.source)
        .filter(
          (s) =>
            s.startsWith('svelte') ||
            ((s === 'd3' || s.startsWith('d3-')) && !/\/(draw-[\w-]+|write)\.ts$/.test(f.name))
        )
        .map((s) => `${f.name} imports ${s}`)
    );
    expect(bad).toEqual([]);
  });
});
