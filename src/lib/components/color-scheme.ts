/**
 * The page's colour scheme (it follows the system's light or dark setting), as the cost scale
 * needs it. Reactive: a rune that reads it redraws when the setting changes. Light on the server.
 */
import { MediaQuery } from 'svelte/reactivity';
import type { ColorScheme } from '$lib/viz/cost-scale';

const dark = new MediaQuery('(prefers-color-scheme: dark)', false);

export function colorScheme(): ColorScheme {
  return dark.current ? 'dark' : 'light';
}
