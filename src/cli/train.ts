/**
 * Trains a Lite-HRNet on the synthetic pose task, from the command line:
 *
 *   npm run --silent train -- --preset tiny-lite --steps 200 --seed 1 --out tiny.pth
 *   npm run --silent train -- --config my.json --steps 50 --seed 3 --json
 *
 * tfjs on its cpu backend. Exit code 0 with the losses and validation scores on stdout (one JSON
 * object with --json); 1 with a one-line sentence on stderr for bad arguments or files.
 */
import { allowTfjsGradients } from './node-tfjs';

allowTfjsGradients();
const { main } = await import('./train-main');
process.exitCode = await main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`train: ${e instanceof Error ? e.message : String(e)}\n`);
  return 1;
});
