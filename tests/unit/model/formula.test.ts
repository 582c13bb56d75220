/**
 * The filled-in formula of every op call under every convention states the same number the
 * convention counts: the inspector's arithmetic, redone here from its text.
 */
import { describe, expect, it } from 'vitest';
import type { PresetId } from '$lib/model';
import { CONVENTIONS, buildGraph, opCallCost, presetConfig } from '$lib/model';
import { filledFormula } from '$lib/model/formula';

/** Evaluates "a·b·c + d·(e·f + 1)": products, sums and parentheses of whole numbers. */
function evaluate(text: string): number {
  let i = 0;
  const sum = (): number => {
    let v = product();
    while (text.startsWith(' + ', i)) {
      i += 3;
      v += product();
    }
    return v;
  };
  const product = (): number => {
    let v = factor();
    while (text[i] === '·') {
      i++;
      v *= factor();
    }
    return v;
  };
  const factor = (): number => {
    if (text[i] === '(') {
      i++;
      const v = sum();
      if (text[i++] !== ')') throw new Error(`no ) in ${text}`);
      return v;
    }
    const m = /^\d+/.exec(text.slice(i));
    if (!m) throw new Error(`no number at ${i} in ${text}`);
    i += m[0].length;
    return Number(m[0]);
  };
  const v = sum();
  if (i !== text.length) throw new Error(`trailing text in ${text}`);
  return v;
}

describe('filled-in formulas add up', () => {
  const presets: PresetId[] = ['litehrnet_18', 'naive_litehrnet_18'];
  for (const preset of presets) {
    it(`${preset}: every op call, every convention: the factors multiply out to the count`, () => {
      const graph = buildGraph(presetConfig(preset));
      const wrong: string[] = [];
      for (const op of graph.ops) {
        for (const c of CONVENTIONS) {
          const f = filledFormula(op, c);
          const expected = opCallCost(op, c);
          const shown = f.numbers === '0' ? 0 : evaluate(f.numbers.split(' = ')[0]);
          const result =
            f.numbers === '0' ? 0 : Number(f.numbers.split(' = ')[1].replace(/,/g, ''));
          if (shown !== expected || result !== expected || f.value !== expected)
            wrong.push(`${op.name}@${op.call} ${c}: ${f.numbers} (count ${expected})`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('the tools’ formulas, by hand', () => {
  const graph = buildGraph(presetConfig('litehrnet_18'));
  const op = (name: string) => graph.ops.find((o) => o.name === name)!;

  it('thop’s global pool: (64/1)·(48/1) adds + 1 divide per output: 1·20·(64·48 + 1)', () => {
    const gap = op('backbone.stage0.0.layers.0.spatial_weighting.0.global_avgpool');
    expect(filledFormula(gap, 'thop').numbers).toBe('1·20·(64·48 + 1) = 61,460');
    expect(filledFormula(gap, 'ptflops').numbers).toBe('2·1·20·64·48 = 122,880');
  });

  it('thop doubles BatchNorm’s 2·numel for its affine scale: 4·1·32·128·96', () => {
    expect(filledFormula(op('backbone.stem.conv1.bn'), 'thop').numbers).toBe(
      '4·1·32·128·96 = 1,572,864'
    );
    expect(filledFormula(op('backbone.stem.conv1.bn'), 'ptflops-aten').numbers).toBe('0');
  });

  it('a conv with bias: ptflops adds C_out·H·W, fvcore and thop do not', () => {
    // Spatial weighting conv1 of stage0 branch 0: 20 → 5 channels at 1x1, with bias.
    const conv = op('backbone.stage0.0.layers.0.spatial_weighting.0.conv1.conv');
    expect(filledFormula(conv, 'ptflops').numbers).toBe('1·1·20·5·1·1 + 5·1·1 = 105');
    expect(filledFormula(conv, 'fvcore').numbers).toBe('1·1·20·5·1·1 = 100');
    expect(filledFormula(conv, 'thop').numbers).toBe('1·1·20·5·1·1 = 100');
  });
});
