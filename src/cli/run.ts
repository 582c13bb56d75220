/** What the flops CLI prints for parsed arguments; file reading is injected so tests need no disk. */
import type { CliArgs } from './args';
import { listProblems, loadConfig } from './config-source';
import { analyzeConfig } from '../lib/model';
import { csvReport, jsonReport, markdownTable, textTable } from '../lib/model/report';
import { configMmpose } from '../lib/share/export';

export type RunResult = { ok: true; output: string } | { ok: false; error: string };

export function runFlops(args: CliArgs, readFile: (path: string) => string): RunResult {
  const loaded = loadConfig(args, readFile);
  if (!loaded.ok) return loaded;
  const config = {
    ...loaded.value,
    ...(args.input ? { input: args.input } : {}),
    ...(args.joints !== null ? { joints: args.joints } : {})
  };
  const analysis = analyzeConfig(config);
  if (!analysis.ok) return { ok: false, error: listProblems(analysis.errors) };
  const { graph, costs } = analysis;
  if (args.mmpose)
    return {
      ok: true,
      output: configMmpose('', analysis.config, args.preset ?? undefined, { style: args.mmpose })
        .content
    };
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
