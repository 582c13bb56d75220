/**
 * The explorer's address sync with its codec (url.ts and its key table, a few KB) loaded on first
 * need instead of with the page: at once when the address has a query to read, otherwise at the
 * first edit or Copy link. A plain first visit to `/` never loads it.
 *
 * Writes made while the codec loads are kept and replayed in order once it is there, each with
 * its own mode, so every discrete edit still gets its own Back step and the address ends at the
 * last state. Pure apart from the loader it is given: tests pass the real `createUrlSync`.
 */
import type { ExplorerState } from './state';
import type { UrlSync, WriteMode } from './url-sync';

export interface LazyUrlSync {
  /** The sync, loading the codec first if it is not loaded yet. */
  get(): Promise<UrlSync>;
  /** The sync if it has loaded, else null. */
  now(): UrlSync | null;
  /** Writes now when loaded; otherwise starts the load and writes when it is done. */
  write(state: ExplorerState, mode: WriteMode): void;
}

/** Whether an address's query (`location.search`) says anything to read. */
export const hasQuery = (search: string): boolean => search.replace(/^\?/, '') !== '';

export function lazyUrlSync(load: () => Promise<UrlSync>): LazyUrlSync {
  let loaded: UrlSync | null = null;
  let loading: Promise<UrlSync> | null = null;
  const queued: { state: ExplorerState; mode: WriteMode }[] = [];

  function get(): Promise<UrlSync> {
    loading ??= load().then((sync) => {
      loaded = sync;
      for (const w of queued.splice(0)) sync.write(w.state, w.mode);
      return sync;
    });
    return loading;
  }

  return {
    get,
    now: () => loaded,
    write(state, mode) {
      if (loaded) {
        loaded.write(state, mode);
        return;
      }
      queued.push({ state, mode });
      void get();
    }
  };
}
