/**
 * Import of a pasted or dropped config: this site's config JSON (or a bare LiteHRNetConfig
 * object), mmpose Python config text, or HRNet's own experiment YAML (pose_hrnet). Never throws; problems name the line and the field
 * (as separate parts: py-values.ts `describeProblem` joins them once for a person).
 */
import type { PresetId } from '$lib/model';
import { isPresetId, validateConfig } from '$lib/model';
import { CONFIG_FORMAT, PRESET_COMMENT } from './export';
import type { ConfigImport } from './mmpose';
import { importMmpose } from './mmpose';
import { importPoseHrnetYaml, looksLikeYaml } from './pose-hrnet';

export { describeProblem } from './py-values';

export interface ConfigImportWithPreset extends ConfigImport {
  /** The official model the file says the config was edited from (null when it does not say). */
  preset: PresetId | null;
}

/** What a JSON value is, in words, for "must be an object, not a list of 2 items". */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a string';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/** `JSON.parse` messages give a character position; people want a line. */
function jsonLine(text: string, message: string): number | null {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  return pos ? text.slice(0, Number(pos[1])).split('\n').length : null;
}

function parseJson(text: string): { value: unknown } | { line: number | null; message: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { line: jsonLine(text, message), message };
  }
}

function importJson(text: string): ConfigImportWithPreset {
  const parsed = parseJson(text);
  if (!('value' in parsed)) {
    const message = `this is not valid JSON (${parsed.message}).`;
    return {
      config: null,
      problems: [{ line: parsed.line, field: '', message }],
      notes: [],
      preset: null,
      style: null,
      normalisation: null
    };
  }
  const doc = parsed.value as Record<string, unknown> | null;
  const wrapped = doc !== null && typeof doc === 'object' && doc.format === CONFIG_FORMAT;
  const preset =
    wrapped && typeof doc.preset === 'string' && isPresetId(doc.preset) ? doc.preset : null;
  const result = validateConfig(wrapped ? doc.config : doc);
  const none = { notes: [], style: null, normalisation: null };
  if (result.ok) return { config: result.config, problems: [], preset, ...none };
  const problems = result.errors.map((e) => ({ line: null, field: e.path, message: e.message }));
  return { config: null, problems, preset: null, ...none };
}

/** The preset an exported mmpose text names in its first comment lines, if any. */
function mmposePreset(text: string): PresetId | null {
  const escaped = PRESET_COMMENT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${escaped}([a-z0-9_]+)`, 'm').exec(text);
  return m && isPresetId(m[1]) ? m[1] : null;
}

export function importConfigText(text: string): ConfigImportWithPreset {
  const fromMmpose = (): ConfigImportWithPreset => {
    const r = importMmpose(text);
    return { ...r, preset: r.config ? mmposePreset(text) : null };
  };
  if (looksLikeYaml(text)) return { ...importPoseHrnetYaml(text), preset: null };
  if (!/^\s*[{[]/.test(text)) return fromMmpose();
  const json = importJson(text);
  if (json.config || json.problems[0]?.field !== '') return json;
  // Not JSON: perhaps a Python dict literal, {'stem': dict(...), ...}.
  const python = fromMmpose();
  return python.config ? python : json;
}
