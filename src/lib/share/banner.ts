/**
 * What the bad-link banner says: the problems, one sentence each, and what is shown instead.
 * Plain strings: the banner renders them as text, never as markup.
 */
import { PRESETS, formatInput } from '$lib/model';
import type { DecodeResult } from './url';
import { baselineConfig } from './url';

export interface LinkNotice {
  title: string;
  problems: string[];
  loaded: string;
}

/** Longer lists are cut: a hostile link could carry hundreds of bad parts. */
const MAX_PROBLEMS = 8;

function describeLoaded({ state }: DecodeResult): string {
  const { config, preset } = state;
  const edited = JSON.stringify(config) !== JSON.stringify(baselineConfig(preset));
  const label = PRESETS[preset].label;
  return (
    `Showing ${edited ? `an edited ${label}` : label} at ${formatInput(config.input)} ` +
    `with ${config.joints} joints: every valid part of the link was kept.`
  );
}

/** Null when the link was fine (no banner). */
export function linkNotice(result: DecodeResult): LinkNotice | null {
  const n = result.errors.length;
  if (n === 0) return null;
  const problems = result.errors.slice(0, MAX_PROBLEMS).map((e) => e.message);
  if (n > MAX_PROBLEMS) problems.push(`…and ${n - MAX_PROBLEMS} more problems.`);
  return {
    title: n === 1 ? 'This link had a problem' : `This link had ${n} problems`,
    problems,
    loaded: describeLoaded(result)
  };
}
