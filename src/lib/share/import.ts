/**
 * Import of a pasted or dropped config: this site's config JSON (or a bare LiteHRNetConfig
 * object), or mmpose Python config text. Never throws; problems name the line and the field.
 */
import { validateConfig } from '$lib/model';
import { CONFIG_FORMAT } from './export';
import type { ConfigImport } from './mmpose';
import { importMmpose } from './mmpose';

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

function importJson(text: string): ConfigImport {
  const parsed = parseJson(text);
  if (!('value' in parsed)) {
    const where = parsed.line ? `Line ${parsed.line}: ` : '';
    return {
      config: null,
      problems: [
        {
          line: parsed.line,
          field: '',
          message: `${where}this is not valid JSON (${parsed.message}).`
        }
      ],
      notes: []
    };
  }
  const doc = parsed.value as Record<string, unknown> | null;
  const wrapped = doc !== null && typeof doc === 'object' && doc.format === CONFIG_FORMAT;
  const result = validateConfig(wrapped ? doc.config : doc);
  if (result.ok) return { config: result.config, problems: [], notes: [] };
  const problems = result.errors.map((e) => ({
    line: null,
    field: e.path,
    message: e.path ? `${e.path}: ${e.message}` : e.message
  }));
  return { config: null, problems, notes: [] };
}

export function importConfigText(text: string): ConfigImport {
  if (!/^\s*[{[]/.test(text)) return importMmpose(text);
  const json = importJson(text);
  if (json.config || json.problems[0]?.field !== '') return json;
  // Not JSON: perhaps a Python dict literal, {'stem': dict(...), ...}.
  const python = importMmpose(text);
  return python.config ? python : json;
}
