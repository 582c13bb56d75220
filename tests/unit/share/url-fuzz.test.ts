/**
 * 100,000 hostile links: random strings over the schema's own alphabet and valid links with
 * characters changed. Decoding must never throw, must always give a config that validates and a
 * focus/selection that pass their checks, and what it gives must itself round-trip cleanly.
 * A seeded generator instead of fast-check keeps 100k cases within a few seconds; a failure
 * reports the exact link.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '$lib/model';
import { focusProblem, selectedProblem } from '$lib/share/state';
import { decodeState, encodeState } from '$lib/share/url';
import { stateArb } from './arbitraries';
import { mulberry32 } from '$lib/tf/prng';

const KEYS = ['v', 'm', 'in', 'j', 'stem', 'n', 'w', 'head', 'kp', 'fu', 'cv', 'u', 'at', 'sel'];
const STAGE_KEYS = ['s', 'm', 'b', 'f', 'r', 'w'].flatMap((f) =>
  [1, 2, 3, 4, 5, 6, 7].map((n) => `${f}${n}`)
);
const VALUES = [
  '1',
  '0',
  '2',
  '3',
  '8',
  '40',
  '64,128',
  '40,80,160,320',
  '8,8,8,8,8,8',
  'naive',
  'lite',
  'paper',
  'litehrnet_30',
  '256x192',
  '384x288',
  '100x100',
  '2048x2048',
  'NaN',
  '-1',
  '1e9',
  '',
  '%',
  '%E0%A4%A',
  '%00',
  'stage1.3',
  'stage9',
  '<b>x</b>',
  'a@1',
  '1,2,3,4,5,6',
  '32,48,0.5'
];
const NOISE = [...'abcxyz019=&,.%@+-_<>"\'\u00e9\u2603\ud83d'];

/** Seeded (the weights' own mulberry32), so every run checks the same 100,000 links. */
const prng = mulberry32;

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function noise(rand: () => number, max: number): string {
  let s = '';
  for (let i = Math.floor(rand() * (max + 1)); i > 0; i--) s += pick(rand, NOISE);
  return s;
}

function randomLink(rand: () => number): string {
  const parts: string[] = [];
  for (let i = Math.floor(rand() * 12); i > 0; i--) {
    parts.push(
      rand() < 0.8
        ? `${pick(rand, rand() < 0.5 ? KEYS : STAGE_KEYS)}=${pick(rand, VALUES)}`
        : noise(rand, 8)
    );
  }
  return `?${parts.join('&')}`;
}

function mutate(rand: () => number, link: string): string {
  let out = link;
  for (let edits = 1 + Math.floor(rand() * 4); edits > 0; edits--) {
    const i = Math.floor(rand() * (out.length + 1));
    const op = rand();
    if (op < 0.34) out = out.slice(0, i) + out.slice(i + 1);
    else if (op < 0.67) out = out.slice(0, i) + noise(rand, 2) + out.slice(i);
    else out = out.slice(0, i) + pick(rand, NOISE) + out.slice(i + 1);
  }
  return out;
}

/** Returns a description of what went wrong with this link, or null. */
function problem(link: string): string | null {
  const { state, errors } = decodeState(link);
  if (!validateConfig(state.config).ok) return 'config does not validate';
  if (state.focus !== null && focusProblem(state.focus, state.config)) return 'bad focus';
  if (state.selected !== null && selectedProblem(state.selected)) return 'bad selection';
  if (errors.some((e) => e.message.length > 600)) return 'message too long';
  const again = decodeState(encodeState(state));
  if (again.errors.length > 0) return `re-encoded link has errors: ${again.errors[0].message}`;
  if (JSON.stringify(again.state) !== JSON.stringify(state)) return 'does not round-trip';
  return null;
}

function failures(links: Iterable<string>): string[] {
  const bad: string[] = [];
  for (const link of links) {
    try {
      const p = problem(link);
      if (p) bad.push(`${JSON.stringify(link)}: ${p}`);
    } catch (e) {
      bad.push(`${JSON.stringify(link)}: threw ${String(e)}`);
    }
    if (bad.length >= 5) break;
  }
  return bad;
}

describe('decodeState under fuzzing', () => {
  it('50,000 random links decode to a valid state that round-trips', () => {
    const rand = prng(20210614);
    const links = Array.from({ length: 50_000 }, () => randomLink(rand));
    expect(failures(links)).toEqual([]);
  }, 30_000);

  it('50,000 mutated valid links decode to a valid state that round-trips', () => {
    const rand = prng(20210615);
    const valid = fc.sample(stateArb, { numRuns: 1000, seed: 7 }).map(encodeState);
    const links = Array.from({ length: 50_000 }, (_, i) => mutate(rand, valid[i % valid.length]));
    expect(failures(links)).toEqual([]);
  }, 30_000);
});
