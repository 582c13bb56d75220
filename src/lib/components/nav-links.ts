/**
 * The site's nav carries the model being looked at from page to page: each page keeps its model
 * in its own address, in its own form, and the nav reads it from there and writes it in the form
 * the next page reads. Pure: an address in, hrefs' query strings out.
 *
 * | page       | where its model is                   |
 * | ---------- | ------------------------------------ |
 * | `/`        | the explorer link: `?v=1&m=…`        |
 * | `/learn`   | the same: `/learn?v=1&m=…`           |
 * | `/compare` | side A: `?a=<explorer query>&b=…`    |
 * | `/verify`  | the explorer link plus `backend=…`   |
 *
 * (Verify still opens the older `?config=<JSON>` form; forward/verify-link.ts reads both.)
 */
import type { ExplorerState } from '$lib/share/state';
import { defaultState } from '$lib/share/state';
import { decodeState, encodeState } from '$lib/share/url';
import { readCompareQuery } from './compare/compare';
import { readVerifyLink, verifyQuery } from './forward/verify-link';

export const NAV_ROUTES = ['/', '/learn', '/compare', '/verify'] as const;
export type NavRoute = (typeof NAV_ROUTES)[number];

function fromExplorerQuery(query: string | null): ExplorerState | null {
  if (query === null || query.replace(/^\?/, '') === '') return null;
  return decodeState(query).state;
}

function fromVerifyQuery(search: string): ExplorerState | null {
  const { model } = readVerifyLink(search);
  return model && { ...defaultState(), preset: model.preset, config: model.config };
}

/**
 * The model the page at `route` (a SvelteKit route id) shows, read from its address; null when
 * the address names none (the page shows its default) or the page has no model.
 */
export function modelOfPage(route: string | null, search: string): ExplorerState | null {
  switch (route) {
    case '/':
    case '/learn':
      return fromExplorerQuery(search);
    case '/compare':
      return fromExplorerQuery(readCompareQuery(search).a);
    case '/verify':
      return fromVerifyQuery(search);
    default:
      return null;
  }
}

/** The query (with its `?`, or empty) that opens `model` on the page at `route`. */
export function navQuery(route: NavRoute, model: ExplorerState | null): string {
  if (model === null) return '';
  const explorer = encodeState(model);
  switch (route) {
    case '/':
    case '/learn':
      return `?${explorer}`;
    case '/compare':
      return `?a=${encodeURIComponent(explorer)}`;
    case '/verify':
      return `?${verifyQuery(model, 'auto')}`;
  }
}
