import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINK_KEYS, decodeState, encodeState } from '$lib/share/url';

/** The keys in the first column of the README's table under "### Links", stage keys as `sN`. */
function readmeKeys(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Links'), readme.indexOf('### Export'));
  const rows = section.split('\n').filter((l) => /^\| `/.test(l));
  return rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
}

/** `s3` → `sN`: the README writes stage keys once, with N for the stage number. */
const generic = (key: string) => key.replace(/^([smbfrwc])\d$/, '$1N');

describe('LINK_KEYS, the link format', () => {
  it('has the keys the README’s link table lists, no more and no fewer', () => {
    const table = [...new Set(LINK_KEYS.map((k) => generic(k.key)))].sort();
    expect(table).toEqual([...readmeKeys()].sort());
  });

  it('stage keys run from Stage 2 to Stage 5 (four stages at most), seven per stage', () => {
    const stageKeys = LINK_KEYS.filter((k) => k.stageIndex !== undefined).map((k) => k.key);
    expect(stageKeys).toEqual(
      [2, 3, 4, 5].flatMap((N) => ['s', 'm', 'b', 'f', 'r', 'w', 'c'].map((f) => `${f}${N}`))
    );
  });

  it('every key’s example opens without a complaint and is written back as it was given', () => {
    for (const k of LINK_KEYS) {
      const { state, errors } = decodeState(`?${k.example}`);
      expect(errors, k.example).toEqual([]);
      // An example may need a second key to be valid (`ms=0` needs the IterativeHead off).
      for (const pair of k.example.split('&'))
        expect(encodeState(state).split('&'), k.example).toContain(pair);
    }
  });

  it('writes keys in the table’s order', () => {
    const order = LINK_KEYS.map((k) => k.key);
    const written = encodeState(
      decodeState('?present=1&cv=mmcv&fu=paper&m3=6&s2=naive&j=16&in=256x256&m=litehrnet_30').state
    )
      .split('&')
      .map((p) => p.split('=')[0]);
    expect(written).toEqual(['v', 'm', 'in', 'j', 's2', 'm3', 'fu', 'cv', 'present']);
    expect([...written].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(written);
  });
});
