/**
 * Training speed in Node: steps per second of the tiny models on the synthetic task, on tfjs's
 * wasm and cpu backends, batch 16 (the median of N timed steps after 3 untimed ones; see
 * train-steps.ts).
 *
 *   npm run bench:train                    (tables; --runs N, default 10; --backend wasm|cpu)
 *   npm run --silent bench:train -- --json
 *
 * Timings move with the machine's load; the load average is printed beside them.
 */
import { allowTfjsGradients } from '../src/cli/node-tfjs';

allowTfjsGradients();
const { run } = await import('./train-steps');
await run(process.argv.slice(2));
