import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../../src/lib/train/', import.meta.url));

describe('src/lib/train', () => {
  it('uses no Node API: a web worker runs the trainer as it is', () => {
    const problems: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const [, spec] of source.matchAll(/\bfrom\s*'([^']+)'|import\s*'([^']+)'/g))
        if (spec && (spec.startsWith('node:') || ['fs', 'path', 'os'].includes(spec)))
          problems.push(`${file}: ${spec}`);
      if (/\b(Buffer|process\.|require\()/.test(source))
        problems.push(`${file}: uses a Node global`);
    }
    expect(problems).toEqual([]);
  });
});
