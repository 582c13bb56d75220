/** What the flops CLI prints for parsed arguments; file reading is injected so tests need no disk. */
import type { CliArgs } from './args';
import { analyzeConfig, presetConfig } from '../lib/model';
import { csvReport, jsonReport, markdownTable, textTable } from '../lib/model/report';

export type RunResult = { ok: true; output: string } | { ok: false; error: string };

function loadConfig(
  args: CliArgs,
  readFile: (path: string) => string
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (args.preset) return { ok: true, value: presetConfig(args.preset) };
  try {
    return { ok: true, value: JSON.parse(readFile(args.configPath!)) };
  } catch (e) {
    const reason = e instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    return { ok: false, error: `config file '${args.configPath}' ${reason}` };
  }
}

export function runFlops(args: CliArgs, readFile: (path: string) => string): RunResult {
  const loaded = loadConfig(args, readFile);
  if (!loaded.ok) return loaded;
  const value = loaded.value as Record<string, unknown>;
  const config =
    typeof value === 'object' && value !== null
      ? {
          ...value,
          ...(args.input ? { input: args.input } : {}),
          ...(args.joints !== null ? { joints: args.joints } : {})
        }
      : value;
  const analysis = analyzeConfig(config);
  if (!analysis.ok) {
    const first = analysis.errors[0];
    const more = analysis.errors.length > 1 ? ` (and ${analysis.errors.length - 1} more)` : '';
    return {
      ok: false,
      error: `invalid config: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`
    };
  }
  const { graph, costs } = analysis;
  switch (args.format) {
    case 'json':
      return { ok: true, output: JSON.stringify(jsonReport(args.preset, graph, costs)) + '\n' };
    case 'csv':
      return { ok: true, output: csvReport(graph, costs) };
    case 'md':
      return { ok: true, output: markdownTable(graph, costs, args.convention) };
    case 'table':
      return { ok: true, output: textTable(graph, costs, args.convention) };
  }
}
