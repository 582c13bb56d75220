/**
 * Lets Node load tfjs-core's gradient registrations (see tfjs-esm-resolve.mjs). Call before the
 * first dynamic import of anything under src/lib/train: static imports are resolved before any
 * code runs, so a CLI entry registers this, then imports its real module.
 */
import { register } from 'node:module';

export function allowTfjsGradients(): void {
  register('./tfjs-esm-resolve.mjs', import.meta.url);
}
