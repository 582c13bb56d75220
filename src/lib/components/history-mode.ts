/**
 * Whether an edit gets its own Back/Forward step (push) or updates the current one (replace).
 * Typing a width or dragging a value fires many changes a second: one step for the burst.
 * Pointing at ops in the table or diagrams is not an edit of the network: it replaces.
 */
import type { ExplorerState } from '$lib/share/state';
import type { WriteMode } from '$lib/share/url-sync';

/** Changes closer together than this belong to one gesture. */
export const BURST_MS = 600;

export function historyMode(
  state: ExplorerState,
  previous: ExplorerState,
  sinceLastWriteMs: number
): WriteMode {
  const onlySelection =
    state.config === previous.config &&
    state.preset === previous.preset &&
    state.convention === previous.convention &&
    state.unit === previous.unit &&
    state.focus === previous.focus;
  if (onlySelection) return 'replace';
  return sinceLastWriteMs < BURST_MS ? 'replace' : 'push';
}
