/**
 * Where a CLI's network comes from: a preset, a config file (the explorer's config JSON, bare or
 * as the page's Export → Config → JSON writes it, `{format, version, preset, config}`; an mmpose
 * `.py`; HRNet's experiment `.yaml`), or a
 * share link (`?v=1&m=…`, or the whole address). File reading is injected; never throws.
 */
import type { PresetId } from '../lib/model';
import { isPresetId, presetConfig, PRESET_IDS } from '../lib/model';
import { CONFIG_FORMAT, CONFIG_FORMAT_VERSION } from '../lib/share/export';
import { describeProblem, jsonKind } from '../lib/share/import';
import { importMmpose } from '../lib/share/mmpose';
import { importPoseHrnetYaml } from '../lib/share/pose-hrnet';
import { decodeState } from '../lib/share/url';

export interface ConfigSource {
  preset: PresetId | null;
  configPath: string | null;
  link: string | null;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

/** Exactly one of --preset, --config, --link; a sentence otherwise. */
export function readConfigSource(values: Map<string, string | true>): Loaded<ConfigSource> {
  const text = (name: string) => {
    const v = values.get(name);
    return typeof v === 'string' ? v : null;
  };
  const source: ConfigSource = { preset: null, configPath: text('config'), link: text('link') };
  const preset = text('preset');
  if (preset !== null) {
    if (!isPresetId(preset))
      return {
        ok: false,
        error: `unknown preset '${preset}'; choose one of ${PRESET_IDS.join(', ')}`
      };
    source.preset = preset;
  }
  const given = [source.preset, source.configPath, source.link].filter((v) => v !== null);
  if (given.length !== 1)
    return { ok: false, error: 'give exactly one of --preset, --config or --link' };
  return { ok: true, value: source };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A config file's text → the config object in it (validated later, with the overrides). */
export function configFromJson(path: string, text: string): Loaded<Record<string, unknown>> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? ` (${e.message})` : '';
    return { ok: false, error: `config file '${path}' is not valid JSON${why}` };
  }
  if (!isObject(doc))
    return {
      ok: false,
      error: `config file '${path}' must hold a JSON object of fields (stem, stages, input, …), not ${jsonKind(doc)}`
    };
  if (doc.format === undefined) return { ok: true, value: doc };
  if (doc.format !== CONFIG_FORMAT)
    return {
      ok: false,
      error: `config file '${path}' says its format is ${JSON.stringify(doc.format)}; this reads '${CONFIG_FORMAT}' (Export → Config → JSON) or a bare config`
    };
  if (doc.version !== CONFIG_FORMAT_VERSION)
    return {
      ok: false,
      error: `config file '${path}' is version ${JSON.stringify(doc.version)} of '${CONFIG_FORMAT}'; this reads version ${CONFIG_FORMAT_VERSION}`
    };
  if (!isObject(doc.config))
    return {
      ok: false,
      error: `config file '${path}': its "config" must be an object of fields, not ${jsonKind(doc.config)}`
    };
  return { ok: true, value: doc.config };
}

/**
 * The query of a share link: the whole address (`https://…/?v=1&m=…`, `/verify?…`) or just its
 * query (`?v=1&m=…`, `v=1&m=…`). The verify page's own `backend` key says nothing about the model.
 */
function linkQuery(link: string): string {
  const t = link.trim();
  const at = t.indexOf('?');
  const query = (at >= 0 ? t.slice(at + 1) : t).replace(/#.*$/, '');
  return query
    .split('&')
    .filter((part) => !part.startsWith('backend='))
    .join('&');
}

export function configFromLink(link: string): Loaded<Record<string, unknown>> {
  const query = linkQuery(link);
  if (query === '') return { ok: false, error: `the link '${link}' has no settings (?v=1&m=…)` };
  const { state, errors } = decodeState(query);
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.message}`);
    return {
      ok: false,
      error: [`the link has ${count(errors.length, 'problem')}:`, ...lines].join('\n')
    };
  }
  return { ok: true, value: { ...state.config } };
}

export const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The config object a source names, before overrides and validation. */
export function loadConfig(
  source: ConfigSource,
  readText: (path: string) => string
): Loaded<Record<string, unknown>> {
  if (source.preset) return { ok: true, value: { ...presetConfig(source.preset) } };
  if (source.link !== null) return configFromLink(source.link);
  const path = source.configPath!;
  let text: string;
  try {
    text = readText(path);
  } catch {
    return { ok: false, error: `config file '${path}' cannot be read` };
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.py')) return configFromMmpose(path, text);
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return configFromYaml(path, text);
  return configFromJson(path, text);
}

/** HRNet's experiment YAML (pose_hrnet), as the page's Import reads it. */
export function configFromYaml(path: string, text: string): Loaded<Record<string, unknown>> {
  const r = importPoseHrnetYaml(text);
  if (r.config) return { ok: true, value: { ...r.config } };
  const lines = r.problems.map((p) => `  ${describeProblem(p)}`);
  return {
    ok: false,
    error: [`YAML config '${path}' has ${count(r.problems.length, 'problem')}:`, ...lines].join(
      '\n'
    )
  };
}

/** An mmpose config file, 0.x or 1.x style (the page's Import reads the same). */
export function configFromMmpose(path: string, text: string): Loaded<Record<string, unknown>> {
  const r = importMmpose(text);
  if (r.config) return { ok: true, value: { ...r.config } };
  const lines = r.problems.map((p) => `  ${describeProblem(p)}`);
  return {
    ok: false,
    error: [`mmpose config '${path}' has ${count(r.problems.length, 'problem')}:`, ...lines].join(
      '\n'
    )
  };
}

/** Every validation problem, one per line under a head line (the README promises all of them). */
export function listProblems(errors: ReadonlyArray<{ path: string; message: string }>): string {
  const lines = errors.map((e) => `  ${e.path ? `${e.path}: ` : ''}${e.message}`);
  return [`invalid config (${count(errors.length, 'problem')}):`, ...lines].join('\n');
}
