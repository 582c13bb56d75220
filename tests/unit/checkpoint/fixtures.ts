/** Reading the committed parity fixtures (tests/parity/fixtures), made by make_fixtures.py. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildGraph,
  validateConfig,
  type Graph,
  type LiteHRNetConfig
} from '../../../src/lib/model';

const dir = fileURLToPath(new URL('../../parity/fixtures/', import.meta.url));

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(dir + name));
}

export function fixtureText(name: string): string {
  return readFileSync(dir + name, 'utf8');
}

export function fixtureConfig(id: string): LiteHRNetConfig {
  const parsed = validateConfig(JSON.parse(fixtureText(`${id}.config.json`)));
  if (!parsed.ok) throw new Error(`${id}.config.json is invalid`);
  return parsed.config;
}

export function fixtureGraph(id: string): Graph {
  return buildGraph(fixtureConfig(id));
}
