/**
 * Presentation mode (the link's `present=1`) reaches every zoom pane through Svelte context: a
 * page that has the mode provides a getter; elsewhere panes start at their normal size.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('presenting');

export function providePresenting(presenting: () => boolean): void {
  setContext(KEY, presenting);
}

export function presenting(): () => boolean {
  return getContext<(() => boolean) | undefined>(KEY) ?? (() => false);
}
