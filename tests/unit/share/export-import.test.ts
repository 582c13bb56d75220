import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, costGraph, presetConfig } from '$lib/model';
import {
  configJson,
  configMmpose,
  exportStem,
  layersCsv,
  layersJson,
  layersMarkdown
} from '$lib/share/export';
import { describeProblem, importConfigText } from '$lib/share/import';
import { wideConfigArb } from './arbitraries';

const config = presetConfig('litehrnet_30');
const graph = buildGraph(config);
const costs = costGraph(graph);
const stem = exportStem('litehrnet_30', config, false);

describe('table exports', () => {
  it('name files after the model and input', () => {
    expect(stem).toBe('litehrnet_30-256x192');
    expect(exportStem('litehrnet_18', presetConfig('litehrnet_18'), true)).toBe(
      'litehrnet_18-edited-256x192'
    );
    expect(layersCsv(stem, graph, costs).filename).toBe('litehrnet_30-256x192-layers.csv');
  });

  it('CSV has a header and one row per op call', () => {
    const lines = layersCsv(stem, graph, costs).content.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'name,call,op,in_shape,out_shape,params,macs_paper,macs_mmcv,macs_conv,macs_full,' +
        'macs_fvcore,macs_ptflops,macs_ptflops-aten,macs_thop,macs_hrnet,inputs'
    );
    expect(lines).toHaveLength(graph.ops.length + 1);
  });

  it('JSON is the CLI schema, with the README’s exact parameter count for Lite-HRNet-30', () => {
    const doc = JSON.parse(layersJson(stem, 'litehrnet_30', graph, costs).content);
    expect(doc.model).toBe('litehrnet_30');
    expect(doc.input).toEqual([256, 192]);
    expect(doc.totals.params).toBe(1_763_717);
    expect(doc.layers).toHaveLength(graph.ops.length);
  });

  it('Markdown ends with the README’s 319.2 M for Lite-HRNet-30 (paper convention)', () => {
    const md = layersMarkdown(stem, graph, costs, 'paper').content;
    expect(md.split('\n')[0]).toBe('| name | op | in → out | params | MACs (M) | % |');
    // README: Lite-HRNet-30 256x192, 319.2M "FLOPs" — torchstat counts MACs and divides by 2^20.
    expect(md).toContain('= 319.2 M MACs (paper convention, M = 2^20;');
  });
});

describe('config export and import', () => {
  it('config JSON re-imports to the same config', () => {
    fc.assert(
      fc.property(wideConfigArb, (c) => {
        expect(importConfigText(configJson('x', c).content)).toEqual({
          config: c,
          problems: [],
          notes: [],
          preset: null,
          style: null,
          normalisation: null
        });
      }),
      { numRuns: 300 }
    );
  });

  it('a bare config object imports too', () => {
    expect(importConfigText(JSON.stringify(config)).config).toEqual(config);
  });

  it('mmpose text export re-imports to the same config', () => {
    expect(importConfigText(configMmpose(stem, config).content).config).toEqual(config);
  });

  it('broken JSON names the line', () => {
    const { config: c, problems } = importConfigText(
      '{\n  "format": "lite-hrnet-explorer/config",\n  "config": {,}\n}'
    );
    expect(c).toBeNull();
    expect(problems[0].line).toBe(3);
    expect(describeProblem(problems[0])).toMatch(/^Line 3: this is not valid JSON \(/);
  });

  it('invalid values in JSON name the field', () => {
    const bad = structuredClone(config);
    bad.stages[1].widths[2] = 161;
    const { problems } = importConfigText(JSON.stringify(bad));
    expect(problems).toEqual([
      {
        line: null,
        field: 'stages[1].widths[2]',
        message: expect.stringContaining('width 161 must be even')
      }
    ]);
  });

  it('a Python dict literal is read as mmpose text', () => {
    const text =
      "{'stem': dict(stem_channels=32, out_channels=32, expand_ratio=1), 'num_stages': 1, 'stages_spec': dict(num_modules=(2, ), num_branches=(2, ), num_blocks=(2, ), module_type=('LITE', ), with_fuse=(True, ), reduce_ratios=(8, ), num_channels=((40, 80), )), 'with_head': True}";
    const result = importConfigText(text);
    expect(result.problems).toEqual([]);
    expect(result.config?.stages).toEqual([presetConfig('litehrnet_18').stages[0]]);
  });
});

describe('import problems say their line and field once', () => {
  /** The first problem starts with `prefix`, and no problem repeats its own prefix. */
  const once = (text: string, prefix: string) => {
    const shown = importConfigText(text).problems.map(describeProblem);
    expect(shown[0].startsWith(prefix)).toBe(true);
    for (const line of shown) {
      const own = /^[^:]*: /.exec(line)?.[0] ?? '';
      expect(line.indexOf(own, own.length)).toBe(-1);
    }
  };

  it('a JSON syntax error: "Line 3: " once', () => {
    once('{\n  "format": "lite-hrnet-explorer/config",\n  "config": {,}\n}', 'Line 3: ');
  });

  it('text with no model: "model: " once', () => {
    once('hello = 1', 'model: ');
  });

  it('a Python syntax error: "Line 2: " once', () => {
    once('x = 1\nmodel = dict(backbone=dict(extra=dict(stem=(1 2))))', 'Line 2: ');
  });

  it('a bad field in mmpose text: "Line N, field: " once', () => {
    const text = configMmpose(stem, config).content.replace('num_stages=3', 'num_stages=x');
    const shown = importConfigText(text).problems.map(describeProblem);
    expect(shown[0]).toMatch(/^Line \d+, model\.backbone\.extra\.num_stages: /);
    expect(shown[0].match(/num_stages/g)).toHaveLength(1);
  });

  it('a JSON value the validator refuses: its path once', () => {
    const bad = structuredClone(config);
    bad.stages[0].modules = 0;
    const [shown] = importConfigText(JSON.stringify(bad)).problems.map(describeProblem);
    expect(shown).toBe('stages[0].modules: Stage 2: modules must be between 1 and 12; it is 0.');
  });
});

describe('an exported config remembers the preset it was edited from', () => {
  const edited = structuredClone(config); // Lite-HRNet-30
  edited.stages = edited.stages.map((s) => ({ ...s, block: 'naive' as const }));

  it('in the config JSON', () => {
    const back = importConfigText(configJson(stem, edited, 'litehrnet_30').content);
    expect(back.config).toEqual(edited);
    expect(back.preset).toBe('litehrnet_30');
  });

  it('in the mmpose text, as a comment Python ignores', () => {
    const text = configMmpose(stem, edited, 'litehrnet_30').content;
    expect(text.split('\n')[0]).toMatch(/^# /);
    const back = importConfigText(text);
    expect(back.config).toEqual(edited);
    expect(back.preset).toBe('litehrnet_30');
  });

  it('a file that names no preset (or an unknown one) says nothing', () => {
    expect(importConfigText(configMmpose(stem, edited).content).preset).toBeNull();
    const doc = JSON.parse(configJson(stem, edited).content);
    expect(importConfigText(JSON.stringify({ ...doc, preset: 'resnet_50' })).preset).toBeNull();
  });
});
