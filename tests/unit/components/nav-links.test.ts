import { describe, expect, it } from 'vitest';
import { presetConfig } from '$lib/model';
import type { PageReaders } from '$lib/components/nav-links';
import { modelOfPage, navQuery } from '$lib/components/nav-links';
import { readCompareQuery } from '$lib/components/compare/compare';
import { readVerifyLink, verifyQuery } from '$lib/components/forward/verify-link';
import type { ExplorerState } from '$lib/share/state';
import { defaultState } from '$lib/share/state';

/** Lite-HRNet-30 with a shuffle-block Stage 2, as the explorer's link writes it. */
function edited(): ExplorerState {
  const config = presetConfig('litehrnet_30');
  config.stages[0].block = 'naive';
  return { ...defaultState(), preset: 'litehrnet_30', config };
}
const QUERY = 'v=1&m=litehrnet_30&s2=naive';
/** Compare's and Verify's readers, as the layout loads them with those pages. */
const READERS: PageReaders = { compare: readCompareQuery, verify: readVerifyLink };

describe('the nav’s carried model', () => {
  it('reads the explorer’s and the tour’s own link', () => {
    expect(modelOfPage('/', `?${QUERY}`)).toEqual(edited());
    expect(modelOfPage('/learn', `?${QUERY}`)).toEqual(edited());
  });

  it('writes it in the form each page reads', () => {
    expect(navQuery('/', edited())).toBe(`?${QUERY}`);
    expect(navQuery('/learn', edited())).toBe(`?${QUERY}`);
    // = is %3D and & is %26 inside the a= value.
    expect(navQuery('/compare', edited())).toBe('?a=v%3D1%26m%3Dlitehrnet_30%26s2%3Dnaive');
    // Verify reads the explorer's own link (its backend is one more key, left out for auto).
    expect(navQuery('/verify', edited())).toBe(`?${QUERY}`);
  });

  it('comes back unchanged from Learn, Compare and Verify', () => {
    for (const route of ['/learn', '/compare', '/verify'] as const) {
      const there = modelOfPage(route, navQuery(route, edited()), READERS);
      expect(navQuery('/', there), route).toBe(`?${QUERY}`);
    }
  });

  it('reads Verify’s older ?config= form and ignores its backend', () => {
    const old = `?config=${encodeURIComponent(JSON.stringify(edited().config))}`;
    expect(modelOfPage('/verify', old, READERS)!.config).toEqual(edited().config);
    expect(modelOfPage('/verify', `?${QUERY}&backend=wasm`, READERS)).toEqual(edited());
  });

  it('is nothing on a page whose address names no model, or a config that is not one', () => {
    expect(modelOfPage('/', '')).toBeNull();
    expect(modelOfPage('/learn', '?')).toBeNull();
    expect(modelOfPage('/compare', '?b=v%3D1', READERS)).toBeNull();
    expect(modelOfPage('/verify', '', READERS)).toBeNull();
    expect(modelOfPage('/verify', '?config=%7Bnot%20json', READERS)).toBeNull();
    expect(modelOfPage('/verify', '?config=%7B%22stages%22%3A1%7D', READERS)).toBeNull();
    expect(modelOfPage('/elsewhere', `?${QUERY}`)).toBeNull();
    expect(navQuery('/learn', null)).toBe('');
  });

  it('takes side A of a comparison', () => {
    const q = `?a=${encodeURIComponent(QUERY)}&b=${encodeURIComponent('v=1&m=litehrnet_18')}`;
    expect(modelOfPage('/compare', q, READERS)).toEqual(edited());
  });

  it('waits for Compare’s and Verify’s readers, which load with those pages', () => {
    const q = `?a=${encodeURIComponent(QUERY)}`;
    expect(modelOfPage('/compare', q)).toBeNull();
    expect(modelOfPage('/verify', `?${QUERY}`)).toBeNull();
  });

  it('writes Verify’s link as the verify page itself does', () => {
    expect(navQuery('/verify', edited())).toBe(`?${verifyQuery(edited(), 'auto')}`);
  });
});
