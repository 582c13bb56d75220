import { describe, expect, it } from 'vitest';
import type { PyNode } from '$lib/share/python';
import { parsePython } from '$lib/share/python';
import { ValueReader, describeProblem } from '$lib/share/py-values';

/** A parsed value as plain data, to compare with what Python would give. */
function plain(node: PyNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'int':
    case 'float':
    case 'str':
    case 'bool':
      return node.value;
    case 'none':
      return null;
    case 'list':
      return node.items.map(plain);
    case 'tuple':
      return { tuple: node.items.map(plain) };
    case 'dict':
      return Object.fromEntries(node.entries.map(([k, v]) => [plain(k), plain(v)]));
    default:
      return { [node.kind]: true };
  }
}

const valueOf = (src: string) => plain(parsePython(`x = ${src}`).assignments.get('x'));

describe('parsePython', () => {
  it('reads tuples as Python does: (4, ) and (4,) are 1-tuples, (4) is 4, () is empty', () => {
    expect(valueOf('(4, )')).toEqual({ tuple: [4] });
    expect(valueOf('(4,)')).toEqual({ tuple: [4] });
    expect(valueOf('(4)')).toBe(4);
    expect(valueOf('()')).toEqual({ tuple: [] });
  });

  it('reads numbers, signs, strings, constants and trailing commas', () => {
    expect(valueOf('[1, -2, 2e-3, 1_000, .5, \'a\', "b", True, False, None,]')).toEqual([
      1,
      -2,
      0.002,
      1000,
      0.5,
      'a',
      'b',
      true,
      false,
      null
    ]);
    expect(parsePython('x = 1.0').assignments.get('x')?.kind).toBe('float');
  });

  it('joins adjacent strings and reads escapes, raw and f-strings', () => {
    expect(valueOf("('data/' \n 'x.json')")).toBe('data/x.json');
    expect(valueOf("'it\\'s\\n'")).toBe("it's\n");
    expect(valueOf("r'a\\d'")).toBe('a\\d');
    expect(valueOf("f'{data_root}/x'")).toBe('{data_root}/x');
  });

  it('reads dict(...) and {...} the same way, with comments and line continuations', () => {
    const src = "dict(a=1,  # one\n  b={'c': (2, 3)}, \\\n)";
    expect(valueOf(src)).toEqual({ a: 1, b: { c: { tuple: [2, 3] } } });
  });

  it('keeps calls other than dict(...) as calls, without running them', () => {
    expect(valueOf('list(range(16))')).toEqual({ call: true });
  });

  it('reports a bad statement by line and reads on', () => {
    const m = parsePython('a = 1\nb = (1 2)\nc = 3\n');
    expect(plain(m.assignments.get('a'))).toBe(1);
    expect(plain(m.assignments.get('c'))).toBe(3);
    expect(m.errors).toEqual([
      { line: 2, message: 'expected “)” to close the brackets, found “2”.' }
    ]);
  });

  it('refuses operators rather than guessing their result', () => {
    expect(parsePython('x = 2 * 3').errors[0].message).toBe(
      'operators such as “*” are not read here; write the value itself.'
    );
  });

  it('reports an unclosed string and very deep nesting without throwing', () => {
    expect(parsePython("x = 'abc\ny = 1").errors[0].message).toBe(
      'this string is not closed before the end of the line.'
    );
    expect(parsePython(`x = ${'['.repeat(10_000)}`).errors[0].message).toContain(
      'too deeply nested'
    );
  });
});

describe('ValueReader.resolve', () => {
  it('follows references to assignments, dict keys and list items', () => {
    const m = parsePython(
      "cfg = dict(n=17, sizes=[192, 256])\na = cfg['n']\nb = cfg['sizes'][-1]\n"
    );
    const r = new ValueReader(m);
    expect(plain(r.resolve(m.assignments.get('a')!, 'a') ?? undefined)).toBe(17);
    expect(plain(r.resolve(m.assignments.get('b')!, 'b') ?? undefined)).toBe(256);
  });

  it('names the line and field of a reference that points at nothing, or goes round', () => {
    const m = parsePython("cfg = dict(n=17)\na = cfg['m']\nb = c\nc = b\n");
    const r = new ValueReader(m);
    expect(r.resolve(m.assignments.get('a')!, 'a')).toBeNull();
    expect(r.resolve(m.assignments.get('b')!, 'b')).toBeNull();
    expect(r.problems.map(describeProblem)).toEqual([
      "Line 2, a: the reference cfg['m'] points at nothing.",
      'Line 3, b: the references go round in a circle.'
    ]);
  });
});
