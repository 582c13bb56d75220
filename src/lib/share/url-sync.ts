/**
 * Keeps the address bar and the explorer state in step, in the browser only (SvelteKit forbids
 * reading the query while prerendering). Everything the browser offers comes in through a
 * `HistoryPort`, so the logic runs in tests without a DOM; `kit-port.ts` is the real one.
 *
 * - While a slider is dragged: `write(state, 'replace')` — the URL follows without flooding
 *   history (as the Svelte playground does).
 * - On a discrete edit (a preset, a block type, a toggle): `write(state, 'push')`, so Back and
 *   Forward step through the edits.
 * - `listen(cb)`: Back/Forward hand the decoded state (and any link errors) to `cb`.
 *
 * Only valid state goes into the address: while the config does not validate (a width being
 * typed, `NaN`), `write` leaves the address at the last valid state and Copy link copies that.
 */
import type { ExplorerState } from './state';
import type { DecodeResult } from './url';
import { decodeState, encodeState, unwritableReason } from './url';

export interface HistoryPort {
  /** The current `location.search`, `location.pathname` and `location.hash`. */
  search(): string;
  pathname(): string;
  hash(): string;
  origin(): string;
  push(url: string): void;
  replace(url: string): void;
  /** Calls `cb` after Back/Forward; returns the function that stops listening. */
  onPop(cb: () => void): () => void;
}

export type WriteMode = 'replace' | 'push';

export interface UrlSync {
  /** The state the current address describes, and what was wrong with it. */
  read(): DecodeResult;
  /**
   * Puts the state in the address bar; does nothing when the address already says it, or when
   * the state is not valid (the address keeps the last valid state). True when it was written.
   */
  write(state: ExplorerState, mode: WriteMode): boolean;
  /** The full link to the state, for Copy link; to the address's state while it is not valid. */
  link(state: ExplorerState): string;
  listen(cb: (result: DecodeResult) => void): () => void;
}

export function createUrlSync(port: HistoryPort): UrlSync {
  const relative = (state: ExplorerState) =>
    `${port.pathname()}?${encodeState(state)}${port.hash()}`;
  return {
    read: () => decodeState(port.search()),
    write(state, mode) {
      if (unwritableReason(state) !== null) return false;
      if (port.search() === `?${encodeState(state)}`) return false;
      (mode === 'push' ? port.push : port.replace)(relative(state));
      return true;
    },
    link: (state) =>
      unwritableReason(state) === null
        ? `${port.origin()}${relative(state)}`
        : `${port.origin()}${port.pathname()}${port.search()}${port.hash()}`,
    listen: (cb) => port.onPop(() => cb(decodeState(port.search())))
  };
}
