/**
 * Per-layer params and FLOPs of any Lite-HRNet config, from the command line:
 *
 *   npm run --silent flops -- --preset litehrnet_30 --input 256x192
 *   npm run --silent flops -- --config my.json --convention mmcv --format csv
 *
 * Exit code 0 with the report on stdout; 2 with a one-line error on stderr for bad arguments
 * (an invalid config lists every problem, one per line).
 */
import { readFileSync } from 'node:fs';
import { parseCliArgs } from './args';
import { fromUserDir } from './options';
import { runFlops } from './run';

function main(argv: string[]): number {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`flops: ${parsed.error}\n`);
    return 2;
  }
  if (parsed.args.help) {
    process.stdout.write(parsed.usage);
    return 0;
  }
  const result = runFlops(parsed.args, (path) => readFileSync(fromUserDir(path), 'utf8'));
  if (!result.ok) {
    process.stderr.write(`flops: ${result.error}\n`);
    return 2;
  }
  process.stdout.write(result.output);
  return 0;
}

// `… | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = main(process.argv.slice(2));
