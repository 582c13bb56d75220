/**
 * Everything the explorer lets a person take away: the per-layer table (CSV, the CLI's JSON,
 * Markdown — all from report.ts, so the site and the CLI never disagree), the config (JSON and
 * mmpose Python text), and diagrams (SVG with styles inlined, PNG at 2x).
 */
import type { Convention, Graph, GraphCosts, LiteHRNetConfig, PresetId } from '$lib/model';
import { csvReport, jsonReport, markdownTable } from '$lib/model/report';
import type { PrintOptions } from './mmpose';
import { printMmpose } from './mmpose';

export interface Download {
  filename: string;
  mime: string;
  content: string;
}

/** The file names start with what the file is about, e.g. `litehrnet_30-256x192-layers.csv`. */
export function exportStem(preset: PresetId, config: LiteHRNetConfig, edited: boolean): string {
  const { height, width } = config.input;
  return `${preset}${edited ? '-edited' : ''}-${height}x${width}`;
}

export function layersCsv(stem: string, graph: Graph, costs: GraphCosts): Download {
  return { filename: `${stem}-layers.csv`, mime: 'text/csv', content: csvReport(graph, costs) };
}

/** The CLI's documented JSON schema (report.ts `jsonReport`). */
export function layersJson(
  stem: string,
  model: string | null,
  graph: Graph,
  costs: GraphCosts
): Download {
  const content = `${JSON.stringify(jsonReport(model, graph, costs), null, 2)}\n`;
  return { filename: `${stem}-layers.json`, mime: 'application/json', content };
}

export function layersMarkdown(
  stem: string,
  graph: Graph,
  costs: GraphCosts,
  convention: Convention
): Download {
  return {
    filename: `${stem}-layers.md`,
    mime: 'text/markdown',
    content: markdownTable(graph, costs, convention)
  };
}

/** Marks the JSON as a config from this site; importConfigText reads it back (and bare configs). */
export const CONFIG_FORMAT = 'lite-hrnet-explorer/config';
export const CONFIG_FORMAT_VERSION = 1;

/**
 * `preset` is the official model the config was edited from: importing the file gives the same
 * baseline again (an optional key; files without it still import).
 */
export function configJson(stem: string, config: LiteHRNetConfig, preset?: PresetId): Download {
  const doc = { format: CONFIG_FORMAT, version: CONFIG_FORMAT_VERSION, preset, config };
  return {
    filename: `${stem}-config.json`,
    mime: 'application/json',
    content: `${JSON.stringify(doc, null, 2)}\n`
  };
}

/** The comment that names the preset in exported mmpose text (Python ignores it; import reads it). */
export const PRESET_COMMENT = '# Lite-HRNet Explorer preset: ';

/** The config as mmpose text, 0.x style (the official repository's) unless told 1.x. */
export function configMmpose(
  stem: string,
  config: LiteHRNetConfig,
  preset?: PresetId,
  options: PrintOptions = {}
): Download {
  const named = preset
    ? `${PRESET_COMMENT}${preset} (the official model this was edited from)\n`
    : '';
  const style = options.style === '1.x' ? '-mmpose1' : '';
  return {
    filename: `${stem}-config${style}.py`,
    mime: 'text/x-python',
    content: `${named}${printMmpose(config, options)}`
  };
}

// ------------------------------------------------------------------------------ browser only

/** Saves text or a Blob as a file through a temporary object URL. */
export function download(filename: string, content: string | Blob, mime = 'text/plain'): void {
  const blob =
    typeof content === 'string' ? new Blob([content], { type: `${mime};charset=utf-8` }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked on the next task: some browsers start the download only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
