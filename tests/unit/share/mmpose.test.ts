import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PresetId } from '$lib/model';
import { presetConfig } from '$lib/model';
import { importMmpose, printMmpose } from '$lib/share/mmpose';
import { describeProblem } from '$lib/share/py-values';
import { wideConfigArb } from './arbitraries';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (name: string) => readFileSync(`${dir}${name}`, 'utf8');

/** `naive_litehrnet_18_mpii_256x256.py` → the preset, the input (H x W) and the joints it means. */
function expectedFor(name: string) {
  const m = /^(\w+?)_(coco|mpii)_(\d+)x(\d+)\.py$/.exec(name)!;
  const input = { height: Number(m[3]), width: Number(m[4]) };
  return presetConfig(m[1] as PresetId, input, m[2] === 'coco' ? 17 : 16);
}

const OFFICIAL = readdirSync(dir).filter((f) => !f.startsWith('whole_'));

describe('importMmpose: the ten official configs', () => {
  it('there are ten of them', () => expect(OFFICIAL).toHaveLength(10));

  it.each(OFFICIAL)('%s imports to its preset config', (name) => {
    const result = importMmpose(fixture(name));
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual(expectedFor(name));
  });

  it('notes that the Naive configs’ keypoint head in_channels=40 was ignored', () => {
    const { notes } = importMmpose(fixture('naive_litehrnet_18_coco_256x192.py'));
    expect(notes).toEqual([expect.stringContaining('in_channels=40 was ignored')]);
    expect(notes[0]).toContain('30 here');
    expect(importMmpose(fixture('litehrnet_18_coco_256x192.py')).notes).toEqual([]);
  });

  it('reads a whole official config file, f-strings and pipelines included', () => {
    const result = importMmpose(fixture('whole_litehrnet_30_coco_256x192.py'));
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual(presetConfig('litehrnet_30'));
  });

  it('reads a bare extra dict, assuming the COCO input and head and saying so', () => {
    const text = fixture('litehrnet_30_mpii_256x256.py');
    const extra =
      text.slice(
        text.indexOf('extra=dict(') + 'extra='.length,
        text.indexOf('with_head=True,') + 'with_head=True,'.length
      ) + ')';
    const result = importMmpose(extra);
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual(presetConfig('litehrnet_30'));
    expect(result.notes).toHaveLength(3);
  });
});

describe('importMmpose: problems name the line and the field', () => {
  const base = fixture('litehrnet_18_coco_256x192.py');

  it('num_branches must equal the length of num_channels[s]', () => {
    const text = base.replace('num_branches=(2, 3, 4)', 'num_branches=(2, 3, 3)');
    const { config, problems } = importMmpose(text);
    expect(config).toBeNull();
    expect(problems).toEqual([
      {
        line: 33,
        field: 'model.backbone.extra.stages_spec.num_channels[2]',
        message: 'lists 4 widths but num_branches[2] is 3; they must agree.'
      }
    ]);
    // The line and the field are added once, when the problem is shown.
    expect(describeProblem(problems[0])).toBe(
      'Line 33, model.backbone.extra.stages_spec.num_channels[2]: lists 4 widths but num_branches[2] is 3; they must agree.'
    );
  });

  it('num_stages must equal the lists’ lengths', () => {
    const { problems } = importMmpose(base.replace('num_stages=3', 'num_stages=2'));
    expect(problems.map((p) => p.field)).toEqual(
      [
        'num_modules',
        'num_branches',
        'num_blocks',
        'module_type',
        'with_fuse',
        'reduce_ratios',
        'num_channels'
      ].map((k) => `model.backbone.extra.stages_spec.${k}`)
    );
    expect(problems[0].message).toContain('has 3 entries but num_stages is 2');
  });

  it('an unknown module type is named with its line', () => {
    const { problems } = importMmpose(
      base.replace("module_type=('LITE', 'LITE', 'LITE')", "module_type=('LITE', 'HEAVY', 'LITE')")
    );
    expect(problems).toEqual([
      expect.objectContaining({
        line: 27,
        field: 'model.backbone.extra.stages_spec.module_type[1]'
      })
    ]);
    expect(problems[0].message).toContain("module type 'HEAVY' is not one of 'LITE', 'NAIVE'");
  });

  it('a reference to a name that is not assigned is reported', () => {
    const text = base.replace(/^channel_cfg = dict\([\s\S]*?\]\)\n/m, '');
    const { config, problems } = importMmpose(text);
    expect(config).toBeNull();
    expect(problems[0].field).toBe('model.keypoint_head.out_channels');
    expect(problems[0].message).toContain('refers to channel_cfg, which is not assigned');
  });

  it('values the model cannot run are reported in mmpose’s words', () => {
    const { problems } = importMmpose(
      base.replace('image_size=[192, 256]', 'image_size=[190, 256]')
    );
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'data_cfg.image_size[0]',
        message: expect.stringContaining('Input width 190 must be divisible by 32')
      })
    ]);
  });

  it('a syntax error in the model names its line; one elsewhere is only a note', () => {
    const broken = importMmpose(base.replace('num_blocks=(2, 2, 2),', 'num_blocks=(2, 2 2),'));
    expect(broken.config).toBeNull();
    expect(broken.problems[0].line).toBe(26);
    expect(describeProblem(broken.problems[0])).toMatch(
      /^Line 26: expected “\)” to close the brackets, found “2”/
    );
    const elsewhere = importMmpose(`${base}\nlr_config = dict(step=[170 200])\n`);
    expect(elsewhere.config).toEqual(presetConfig('litehrnet_18'));
    expect(elsewhere.notes.at(-1)).toMatch(
      /could not be read and were skipped: Line \d+: expected/
    );
  });

  it('text that is not a config gives a problem, not an exception', () => {
    for (const text of [
      '',
      'hello',
      '))))',
      'x = ',
      "'unterminated",
      '-'.repeat(10000) + '1',
      '['.repeat(5000)
    ]) {
      const { config, problems } = importMmpose(text);
      expect(config).toBeNull();
      expect(problems.length).toBeGreaterThan(0);
    }
  });
});

describe('printMmpose', () => {
  it('prints Lite-HRNet-30’s extra exactly as the official config writes it', () => {
    const printed = printMmpose(presetConfig('litehrnet_30'));
    expect(printed).toContain(
      [
        '        extra=dict(',
        '            stem=dict(stem_channels=32, out_channels=32, expand_ratio=1),',
        '            num_stages=3,',
        '            stages_spec=dict(',
        '                num_modules=(3, 8, 3),',
        '                num_branches=(2, 3, 4),',
        '                num_blocks=(2, 2, 2),',
        "                module_type=('LITE', 'LITE', 'LITE'),",
        '                with_fuse=(True, True, True),',
        '                reduce_ratios=(8, 8, 8),',
        '                num_channels=(',
        '                    (40, 80),',
        '                    (40, 80, 160),',
        '                    (40, 80, 160, 320),',
        '                )),',
        '            with_head=True,'
      ].join('\n')
    );
    expect(printed).toContain('image_size=[192, 256],');
  });

  it('writes a one-stage config with 1-tuples, as (4, )', () => {
    const c = presetConfig('litehrnet_18');
    c.stages = [c.stages[0]];
    c.input = { height: 64, width: 64 };
    expect(printMmpose(c)).toContain('num_modules=(2, ),');
  });

  it('re-imports to the same config, for any valid config', () => {
    fc.assert(
      fc.property(wideConfigArb, (config) => {
        const back = importMmpose(printMmpose(config));
        expect(back.problems).toEqual([]);
        expect(back.config).toEqual(config);
      }),
      { numRuns: 500 }
    );
  });
});

describe('importMmpose under fuzzing', () => {
  it('2,000 mangled official configs give a valid config or problems, never an exception', () => {
    const text = fixture('litehrnet_30_coco_256x192.py');
    const noise = [...'()[]{},=\'"#\\\n 0123456789abcxTrueNone.-_'];
    const failures: string[] = [];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(text.length), fc.nat(noise.length - 1), fc.boolean()), {
          minLength: 1,
          maxLength: 6
        }),
        (edits) => {
          let t = text;
          for (const [at, c, insert] of edits) {
            t = t.slice(0, at) + noise[c] + t.slice(insert ? at : at + 1);
          }
          const result = importMmpose(t);
          const ok =
            result.config !== null ? result.problems.length === 0 : result.problems.length > 0;
          if (!ok) failures.push(t);
        }
      ),
      { numRuns: 2000, seed: 42 }
    );
    expect(failures).toEqual([]);
  });
});
