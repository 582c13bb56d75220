import { describe, expect, it } from 'vitest';
import type { YamlNode } from '$lib/share/yaml';
import { MAX_YAML_DEPTH, parseYaml } from '$lib/share/yaml';

/** Nodes → plain data, to compare with what PyYAML's safe_load gives for the same text. */
function plain(node: YamlNode | null): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries([...node.entries].map(([k, v]) => [k, plain(v)]));
}

const load = (text: string) => {
  const doc = parseYaml(text);
  return { value: plain(doc.root), errors: doc.errors };
};

describe('parseYaml, the subset HRNet’s experiment configs use', () => {
  it('reads nested mappings, block lists, flow lists and scalars as PyYAML does', () => {
    const text = [
      'AUTO_RESUME: true',
      'GPUS: (0,1,2,3)   # a string to YAML, not a tuple',
      "OUTPUT_DIR: 'output'",
      'MODEL:',
      '  NAME: pose_hrnet',
      '  IMAGE_SIZE:',
      '  - 192',
      '  - 256',
      '  SIGMA: 2',
      '  EXTRA:',
      '    PRETRAINED_LAYERS:',
      "    - 'conv1'",
      '    STAGE2:',
      '      NUM_CHANNELS: [32, 64]',
      '      LR: 1e-3',
      '      RATE: 0.5',
      '      EMPTY:',
      "      QUOTED: 'it''s #1'",
      '      NOTHING: ~'
    ].join('\n');
    // Written out by hand from YAML 1.1 (PyYAML) rules.
    expect(load(text)).toEqual({
      value: {
        AUTO_RESUME: true,
        GPUS: '(0,1,2,3)',
        OUTPUT_DIR: 'output',
        MODEL: {
          NAME: 'pose_hrnet',
          IMAGE_SIZE: [192, 256],
          SIGMA: 2,
          EXTRA: {
            PRETRAINED_LAYERS: ['conv1'],
            STAGE2: {
              NUM_CHANNELS: [32, 64],
              LR: 0.001,
              RATE: 0.5,
              EMPTY: null,
              QUOTED: "it's #1",
              NOTHING: null
            }
          }
        }
      },
      errors: []
    });
  });

  it('reads lists indented under their key and lists of mappings', () => {
    const text = ['A:', '    - 1', '    - x: 2', '      y: [3, [4, 5]]', 'B: "q\\"t"'].join('\n');
    expect(load(text)).toEqual({
      value: { A: [1, { x: 2, y: [3, [4, 5]] }], B: 'q"t' },
      errors: []
    });
  });

  it('says which line is wrong and keeps reading what it can', () => {
    const { value, errors } = load(
      ['A: 1', 'A: 2', 'B: [1, 2', '\tC: 3', 'D: &anchor 4', 'E: {x: 1}', 'just words'].join('\n')
    );
    expect(errors).toEqual([
      { line: 4, message: 'indents with a tab; YAML indents with spaces.' },
      { line: 2, message: 'the key A appears twice.' },
      { line: 3, message: 'the list [1, 2 is not closed.' },
      { line: 5, message: '“&anchor 4”: anchors, tags and block text are not read here.' },
      { line: 6, message: 'flow mappings ({…}) are not read here.' },
      { line: 7, message: '“just words” is not a key: value line.' }
    ]);
    expect((value as Record<string, unknown>).A).toBe(1);
  });

  it('refuses a value with lines indented under it, and a stray dedent', () => {
    expect(load('A: 1\n  B: 2\nC: 3').errors).toEqual([
      { line: 2, message: 'is indented under line 1, which already has a value.' }
    ]);
    expect(load('  A: 1\nB: 2').errors).toEqual([
      { line: 2, message: 'is indented less than the first line (1); the rest was not read.' }
    ]);
  });

  it('refuses nesting past its depth limit without a stack overflow', () => {
    const deep = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    const { errors } = load(deep);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe('nests too deeply.');
    expect(errors[0].line).toBe(MAX_YAML_DEPTH + 2);
    const flow = `A: ${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(load(flow).errors[0].message).toBe('nests too deeply.');
  });

  it('reads an empty or comment-only text as nothing', () => {
    expect(load('# only a comment\n\n')).toEqual({ value: undefined, errors: [] });
  });
});
