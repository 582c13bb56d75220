import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, isGlossaryKey } from '../../../src/lib/glossary';

const source = (name: string) =>
  readFileSync(new URL(`../../../src/lib/components/${name}`, import.meta.url), 'utf8');
const panel = ['ConfigPanel.svelte', 'StageControls.svelte'].map((f) => [f, source(f)] as const);
const summary = source('SummaryBar.svelte');

/** The terms a `term=` attribute can name: `"x"`, or both results of `{a ? 'x' : 'y'}`. */
function keysIn(attribute: string): string[] {
  if (attribute.startsWith('"')) return [attribute.slice(1, -1)];
  return [...attribute.matchAll(/[?:]\s*'(\w+)'/g)].map((m) => m[1]);
}

describe('the glossary covers every control of the config panel and the summary', () => {
  it.each(panel)('%s: every number field names a glossary entry', (_f, text) => {
    const fields = [...text.matchAll(/<NumberField([\s\S]*?)\/>/g)].map((m) => m[1]);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      const help = /\bhelp="(\w+)"/.exec(field);
      expect(help, field).not.toBeNull();
      expect(isGlossaryKey(help![1]), help![1]).toBe(true);
    }
  });

  it.each(panel)('%s: every other label is followed by its help button', (_f, text) => {
    const labels = [...text.matchAll(/<label\b[^>]*>([\s\S]*?)<\/label>\s*(?:<\/span>\s*)?/g)];
    expect(labels.length).toBeGreaterThan(0);
    for (const m of labels) {
      const after = text.slice(m.index + m[0].length);
      const help = /^<Help term=(\{[^}]*\}|"\w+")/.exec(after);
      expect(help, `label “${m[1].trim()}” has no help`).not.toBeNull();
      const keys = keysIn(help![1]);
      // A lookup such as CONVENTION_HELP[conv] is typed as a glossary key by the compiler.
      for (const k of keys) expect(isGlossaryKey(k), k).toBe(true);
    }
  });

  it('every total in the summary has a help button', () => {
    const terms = [...summary.matchAll(/<dt>([\s\S]*?)<\/dt>/g)].map((m) => m[1]);
    expect(terms).toHaveLength(3);
    for (const t of terms) expect(t).toMatch(/<Help term="\w+"/);
  });

  it('names the terms the issue asks for, in plain words with their units', () => {
    for (const key of [
      'transition',
      'reduceRatio',
      'expandRatio',
      'withHead',
      'keypointHead',
      'torchstat',
      'mega',
      'macsFlops',
      'ccw',
      'shuffleBlock',
      'fusionMode',
      'conventionNames',
      'branch'
    ])
      expect(isGlossaryKey(key), key).toBe(true);
    expect(GLOSSARY.mega.text).toContain('1,048,576');
    expect(GLOSSARY.peakMemory.text).toContain('MiB = 2^20 bytes');
  });
});
