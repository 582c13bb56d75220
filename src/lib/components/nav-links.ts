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
 * | `/train`   | none: tiny models of its own         |
 *
 * (Verify still opens the older `?config=<JSON>` form; forward/verify-link.ts reads both.)
 *
 * Compare's and verify's readers come with their pages (`PageReaders`), so the other pages'
 * first load does not carry them.
 */
import type { LiteHRNetConfig, PresetId } from '$lib/model';
import type { ExplorerState } from '$lib/share/state';
import { defaultState } from '$lib/share/state';
import { decodeState, encodeState } from '$lib/share/url';

export const NAV_ROUTES = ['/', '/learn', '/compare', '/verify', '/train'] as const;
export type NavRoute = (typeof NAV_ROUTES)[number];

function fromExplorerQuery(query: string | null): ExplorerState | null {
  if (query === null || query.replace(/^\?/, '') === '') return null;
  return decodeState(query).state;
}

/** The readers of the pages whose address has a form of its own, once their code is loaded. */
export interface PageReaders {
  /** compare.ts `readCompareQuery`. */
  compare?: (search: string) => { a: string | null };
  /** verify-link.ts `readVerifyLink`. */
  verify?: (search: string) => { model: { preset: PresetId; config: LiteHRNetConfig } | null };
}

/**
 * The explorer link of a model alone (the view settings left at their defaults): the form the
 * verify page reads and writes (with `backend=` added when it is not auto).
 */
export function modelQuery(preset: PresetId, config: LiteHRNetConfig): string {
  return encodeState({ ...defaultState(), preset, config });
}

/**
 * The model the page at `route` (a SvelteKit route id) shows, read from its address; null when
 * the address names none (the page shows its default) or the page has no model.
 */
export function modelOfPage(
  route: string | null,
  search: string,
  readers: PageReaders = {}
): ExplorerState | null {
  switch (route) {
    case '/':
    case '/learn':
      return fromExplorerQuery(search);
    case '/compare':
      return readers.compare ? fromExplorerQuery(readers.compare(search).a) : null;
    case '/verify': {
      const model = readers.verify?.(search).model;
      return model ? { ...defaultState(), preset: model.preset, config: model.config } : null;
    }
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
      return `?${modelQuery(model.preset, model.config)}`;
    case '/train':
      // The training page trains its own tiny models; an explorer model does not carry over.
      return '';
  }
}
