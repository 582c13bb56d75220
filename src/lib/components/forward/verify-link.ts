/**
 * The verify page's address. The model rides in the explorer's own link format
 * (`?v=1&m=litehrnet_30&in=384x288…`, share/url.ts), so an explorer link opens here as is and
 * this page's link opens in the explorer; the backend is one more key, `backend=wasm` (left out
 * when it is `auto`), and the execution another, `ex=fused` (left out when it is op by op). Older links carried a whole config as `?config=<url-encoded JSON>`; those
 * still open. Reading never throws: every bad part becomes a sentence and a default.
 */
import type { LiteHRNetConfig, PresetId } from '$lib/model';
import { PRESET_IDS, validateConfig } from '$lib/model';
import { inputPresetOf, presetAtInput } from '$lib/model/edit';
import { jsonKind } from '$lib/share/import';
import { decodeState } from '$lib/share/url';
import { modelQuery } from '../nav-links';
import type { ForwardBackend } from '$lib/ort/protocol';
import { FORWARD_BACKENDS } from '$lib/ort/protocol';
import type { Execution } from '$lib/tf/protocol';
import { EXECUTIONS } from '$lib/tf/protocol';

export const BACKEND_KEY = 'backend';
export const EXECUTION_KEY = 'ex';
/** The old form's key: a whole config as JSON. */
export const CONFIG_KEY = 'config';

export interface VerifyModel {
  /** The official model the config starts from. */
  preset: PresetId;
  config: LiteHRNetConfig;
  /** The config is not the preset's own at an official input size (edited in the explorer). */
  edited: boolean;
}

export interface VerifyLinkRead {
  /** Null when the address names no model (the page keeps its default). */
  model: VerifyModel | null;
  backend: ForwardBackend;
  execution: Execution;
  /** One sentence per bad part of the address. */
  problems: string[];
}

const queryOf = modelQuery;

/** Whether the config is exactly the preset at one of the official input sizes. */
function isPresetOwn(preset: PresetId, config: LiteHRNetConfig): boolean {
  const input = inputPresetOf(config);
  return (
    input !== 'custom' && queryOf(preset, presetAtInput(preset, input)) === queryOf(preset, config)
  );
}

export function verifyModel(preset: PresetId, config: LiteHRNetConfig): VerifyModel {
  return { preset, config, edited: !isPresetOwn(preset, config) };
}

function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** The old `config=<json>` form: a validated config, or a sentence. */
function readConfigJson(text: string | null): VerifyModel | string {
  if (text === null)
    return 'The config in the link has a broken %-escape; showing a preset instead.';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'The config in the link is not valid JSON; showing a preset instead.';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `The config in the link must be a JSON object of fields ({"stem": …, "stages": […], …}), not ${jsonKind(value)}; showing a preset instead.`;
  }
  const checked = validateConfig(value);
  if (!checked.ok) {
    const listed = checked.errors
      .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
      .join(' ');
    return `The config in the link is not valid (${listed}); showing a preset instead.`;
  }
  const config = checked.config;
  const own = PRESET_IDS.find((id) => isPresetOwn(id, config));
  return own ? verifyModel(own, config) : { preset: 'litehrnet_18', config, edited: true };
}

function readBackend(raw: string | undefined, problems: string[]): ForwardBackend {
  if (raw === undefined) return 'auto';
  const value = decodeOrNull(raw);
  const found = FORWARD_BACKENDS.find((b) => b === value);
  if (found) return found;
  problems.push(
    `backend: “${value ?? raw}” is not one of ${FORWARD_BACKENDS.join(', ')}; auto is used.`
  );
  return 'auto';
}

function readExecution(raw: string | undefined, problems: string[]): Execution {
  if (raw === undefined) return 'op-by-op';
  const value = decodeOrNull(raw);
  const found = EXECUTIONS.find((e) => e === value);
  if (found) return found;
  problems.push(`ex: “${value ?? raw}” is not one of ${EXECUTIONS.join(', ')}; op-by-op is used.`);
  return 'op-by-op';
}

/** Any query string (with or without `?`) → the model, the backend and what was wrong. */
export function readVerifyLink(search: string): VerifyLinkRead {
  const problems: string[] = [];
  const own = new Map<string, string>();
  const explorer: string[] = [];
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key === BACKEND_KEY || key === EXECUTION_KEY || key === CONFIG_KEY) {
      if (!own.has(key)) own.set(key, eq < 0 ? '' : part.slice(eq + 1));
    } else {
      explorer.push(part);
    }
  }
  const backend = readBackend(own.get(BACKEND_KEY), problems);
  const execution = readExecution(own.get(EXECUTION_KEY), problems);
  const json = own.get(CONFIG_KEY);
  if (json !== undefined) {
    const read = readConfigJson(decodeOrNull(json));
    if (typeof read === 'string')
      return { model: null, backend, execution, problems: [...problems, read] };
    return { model: read, backend, execution, problems };
  }
  if (explorer.length === 0) return { model: null, backend, execution, problems };
  const { state, errors } = decodeState(explorer.join('&'));
  for (const e of errors) problems.push(`${e.key}: ${e.message}`);
  return { model: verifyModel(state.preset, state.config), backend, execution, problems };
}

/** The query (no `?`) for the page's model, backend and execution. */
export function verifyQuery(
  model: { preset: PresetId; config: LiteHRNetConfig },
  backend: ForwardBackend,
  execution: Execution = 'op-by-op'
): string {
  const query = queryOf(model.preset, model.config);
  const withBackend = backend === 'auto' ? query : `${query}&${BACKEND_KEY}=${backend}`;
  return execution === 'op-by-op' ? withBackend : `${withBackend}&${EXECUTION_KEY}=${execution}`;
}
