import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../../src/lib/checkpoint/', import.meta.url));

describe('src/lib/checkpoint', () => {
  it('imports only its own files and the model core: it runs in the page, a worker and Node', () => {
    const problems: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const [, spec] of source.matchAll(/\bfrom\s*'([^']+)'/g)) {
        if (!spec.startsWith('./') && !spec.startsWith('../model/'))
          problems.push(`${file}: ${spec}`);
      }
      if (/\b(Buffer|process|require)\b/.test(source)) problems.push(`${file}: uses a Node global`);
    }
    expect(problems).toEqual([]);
  });
});
