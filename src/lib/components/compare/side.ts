/**
 * One side of a comparison (and the tour's "your model"): an explorer state, chosen from a
 * preset or read from a pasted explorer link. A link may be a whole address or just its query;
 * decodeState does the reading and says what it had to repair. Parsing never throws.
 */
import type { Analysis, InputPresetId, PresetId } from '$lib/model';
import { analyzeConfig, PRESETS } from '$lib/model';
import { presetAtInput, inputPresetOf } from '$lib/model/edit';
import type { ExplorerState } from '$lib/share/state';
import { defaultState } from '$lib/share/state';
import type { LinkError } from '$lib/share/url';
import { decodeState, encodeState } from '$lib/share/url';

export function presetState(preset: PresetId, input: InputPresetId): ExplorerState {
  return { ...defaultState(), preset, config: presetAtInput(preset, input) };
}

export type LinkRead =
  { ok: true; state: ExplorerState; errors: LinkError[] } | { ok: false; message: string };

/** The query part of what was pasted: after `?` if there is one, else the whole text. */
export function queryOfLink(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  const q = t.indexOf('?');
  const query = (q >= 0 ? t.slice(q + 1) : t).split('#')[0];
  return /(^|&)v=/.test(query) || /(^|&)m=/.test(query) ? query : null;
}

export function readExplorerLink(text: string): LinkRead {
  const query = queryOfLink(text);
  if (query === null)
    return {
      ok: false,
      message:
        'This is not an explorer link: it should look like …/?v=1&m=litehrnet_18 (copy it from the explorer’s address bar or its Copy link button).'
    };
  const { state, errors } = decodeState(query);
  return { ok: true, state, errors };
}

/** The explorer query (no `?`) of a state. */
export const queryOf = (state: ExplorerState): string => encodeState(state);

/** A short name: the preset, marked "edited" when the config is not the preset's own. */
export function sideName(state: ExplorerState): string {
  const input = inputPresetOf(state.config);
  const own =
    input !== 'custom' &&
    encodeState(presetState(state.preset, input)) ===
      encodeState({ ...defaultState(), preset: state.preset, config: state.config });
  const size = `${state.config.input.height}x${state.config.input.width}`;
  return `${PRESETS[state.preset].label}${own ? '' : ' (edited)'}, ${size}`;
}

export function analysisOf(state: ExplorerState): Analysis | null {
  const r = analyzeConfig(state.config);
  return r.ok ? r : null;
}
