import { describe, expect, it } from 'vitest';
import { describeProblem, importConfigText } from '../../../src/lib/share/import';
import { importMmpose } from '../../../src/lib/share/mmpose';
import { MAX_CHAIN, MAX_NESTING, parsePython } from '../../../src/lib/share/python';
import { ValueReader } from '../../../src/lib/share/py-values';

/**
 * Hostile nesting: every public reader answers with a sentence that says "too deeply nested",
 * never a stack overflow, and never the wrong sentence ("references go round in a circle").
 */

const N = 20_000;

/** The sentences a paste produces in the page's import box. */
function sentences(text: string): string[] {
  const r = importConfigText(text);
  expect(r.config).toBeNull();
  return r.problems.map(describeProblem);
}

const inStem = (value: string) =>
  `model = dict(backbone=dict(extra=dict(stem=dict(stem_channels=${value}))))`;

describe('the importer refuses hostile nesting with a sentence', () => {
  const cases: [string, string][] = [
    ['an attribute chain: stem_channels=x.a.a… (20,000)', inStem(`x${'.a'.repeat(N)}`)],
    ['a call chain: f()()… (20,000)', inStem(`f${'()'.repeat(N)}`)],
    ['a subscript chain: x[0][0]… (20,000)', inStem(`x${'[0]'.repeat(N)}`)],
    ['nested lists (20,000)', `x = ${'['.repeat(N)}${']'.repeat(N)}`],
    ['nested parentheses (20,000)', `x = ${'('.repeat(N)}1${')'.repeat(N)}`],
    ['nested dicts (20,000)', `x = ${"{'a': ".repeat(N)}1${'}'.repeat(N)}`],
    ['nested dict() calls (20,000)', `x = ${'dict(a='.repeat(N)}1${')'.repeat(N)}`],
    ['nested calls in arguments (20,000)', `x = ${'f('.repeat(N)}${')'.repeat(N)}`]
  ];
  for (const [what, text] of cases) {
    it(`${what}: line 1, too deeply nested`, () => {
      const said = sentences(text);
      expect(said[0]).toMatch(/^Line 1: this value is too deeply nested: more than \d+ /);
      expect(said.join(' ')).not.toContain('circle');
    });
  }

  it('says which limit: brackets inside one another, or links in a row', () => {
    expect(sentences(`x = ${'['.repeat(N)}`)[0]).toBe(
      `Line 1: this value is too deeply nested: more than ${MAX_NESTING} brackets or calls inside one another.`
    );
    expect(sentences(inStem(`x${'[0]'.repeat(N)}`))[0]).toBe(
      `Line 1: this value is too deeply nested: more than ${MAX_CHAIN} subscripts, attributes or calls in a row.`
    );
  });

  it('a JSON paste nested 100,000 deep gets a sentence too', () => {
    const said = sentences(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(said.length).toBeGreaterThan(0);
    expect(said.join(' ')).toMatch(/too deeply nested|not valid JSON|must be an object/);
  });

  it('the rest of a whole config file still reads after a hostile statement', () => {
    const text = `junk = x${'.a'.repeat(N)}\nmodel = dict(backbone=dict(extra=dict(stem=1)))`;
    const r = importMmpose(text);
    // The model statement was read (its stem is the next problem), the junk one reported.
    const said = r.problems.map(describeProblem);
    expect(said[0]).toMatch(/^Line 1: this value is too deeply nested/);
    expect(said.some((s) => s.startsWith('Line 2, model.backbone.extra.stem'))).toBe(true);
  });
});

describe('limits that real configs never reach', () => {
  it(`a chain of ${MAX_CHAIN} subscripts is read and resolved (more than the 20 once allowed)`, () => {
    // 25 levels of lists around 7, then 25 subscripts: [0] peels one level each, so the value is 7.
    const depth = 25;
    const text = `a = ${'['.repeat(depth)}7${']'.repeat(depth)}\nb = a${'[0]'.repeat(depth)}\n`;
    const m = parsePython(text);
    expect(m.errors).toEqual([]);
    const r = new ValueReader(m);
    expect(r.resolve(m.assignments.get('b')!, 'b')).toMatchObject({ kind: 'int', value: 7 });
    expect(r.problems).toEqual([]);
  });

  it('a long chain of names that never comes back is too deeply nested, not a circle', () => {
    const lines = ['a0 = 1', ...Array.from({ length: 80 }, (_, i) => `a${i + 1} = a${i}`)];
    const m = parsePython(lines.join('\n'));
    const r = new ValueReader(m);
    expect(r.resolve(m.assignments.get('a80')!, 'a80')).toBeNull();
    expect(r.problems.map(describeProblem)).toEqual([
      'Line 81, a80: the references are too deeply nested: more than 64 steps to follow.'
    ]);
  });

  it('a name that refers to itself through a subscript goes round in a circle', () => {
    const m = parsePython('a = a[0]');
    const r = new ValueReader(m);
    expect(r.resolve(m.assignments.get('a')!, 'a')).toBeNull();
    expect(r.problems.map(describeProblem)).toEqual([
      'Line 1, a: the references go round in a circle.'
    ]);
  });

  it('the same name twice in one value is not a circle', () => {
    const m = parsePython('a = [1, 0]\nb = a[a[1]]');
    const r = new ValueReader(m);
    expect(r.resolve(m.assignments.get('b')!, 'b')).toMatchObject({ kind: 'int', value: 1 });
    expect(r.problems).toEqual([]);
  });
});

describe('the importer never throws (seeded fuzz)', () => {
  // Pieces of mmpose configs, JSON and hostile nesting, glued at random: every text gives a
  // result with a config or at least one sentence, never an exception.
  const PIECES = [
    'model = dict(',
    'backbone=dict(',
    'extra=dict(',
    'stem=dict(stem_channels=32, out_channels=32, expand_ratio=1)',
    'num_stages=3,',
    "module_type=('LITE', 'NAIVE')",
    "channel_cfg['num_output_channels']",
    'x[0]',
    '.a',
    '()',
    '[',
    ']',
    '{',
    '}',
    '(',
    ')',
    ',',
    '=',
    ':',
    "'",
    '"',
    '\\\n',
    '\n',
    '#',
    '-1',
    '1e999',
    'None',
    'a = b',
    'b = a',
    '{"stem": ',
    '"format": "lite-hrnet-explorer/config"',
    '[[[[[[[[',
    '.a'.repeat(50),
    '[0]'.repeat(50),
    '()'.repeat(50)
  ];

  /** mulberry32: a small seeded generator, so a failure names a case that can be run again. */
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('2,000 random texts: a config or a sentence each', () => {
    const next = random(12);
    for (let i = 0; i < 2_000; i++) {
      const n = 1 + Math.floor(next() * 60);
      const text = Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)]).join(
        next() < 0.5 ? '' : ' '
      );
      let r;
      try {
        r = importConfigText(text);
      } catch (e) {
        throw new Error(`case ${i} threw on: ${JSON.stringify(text.slice(0, 300))}`, { cause: e });
      }
      expect(r.config !== null || r.problems.length > 0, `case ${i}`).toBe(true);
      for (const p of r.problems) expect(describeProblem(p).length).toBeGreaterThan(0);
    }
  });
});
