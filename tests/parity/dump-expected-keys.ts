/**
 * Writes the state_dict keys and shapes our graph expects for each fixture config, so that
 * make_fixtures.py can check the PyTorch reference has exactly these (run with `npx tsx`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectedTensors } from '../../src/lib/checkpoint/expected';
import { buildGraph, validateConfig } from '../../src/lib/model';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const configs = ['reduced', 'litehrnet18', 'hrnet-narrow'];

for (const id of configs) {
  const parsed = validateConfig(JSON.parse(readFileSync(`${dir}${id}.config.json`, 'utf8')));
  if (!parsed.ok) throw new Error(`${id}: ${parsed.errors.map((e) => e.message).join(' ')}`);
  // One `name<TAB>shape` line per tensor (shape as 8x3x3x3, or `scalar`), easy to diff.
  const lines = expectedTensors(buildGraph(parsed.config)).map(
    (t) => `${t.name}\t${t.shape.length === 0 ? 'scalar' : t.shape.join('x')}`
  );
  writeFileSync(`${dir}${id}.expected-keys.txt`, lines.join('\n') + '\n');
  console.log(`${id}: ${lines.length} tensors`);
}
