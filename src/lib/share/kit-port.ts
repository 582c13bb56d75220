/**
 * The real HistoryPort: SvelteKit's shallow-routing pushState/replaceState (calling
 * history.pushState directly fights SvelteKit's router) and the window's popstate event.
 * Call only in the browser, after the page has mounted.
 */
import { pushState, replaceState } from '$app/navigation';
import type { HistoryPort } from './url-sync';

export function kitHistoryPort(): HistoryPort {
  return {
    search: () => location.search,
    pathname: () => location.pathname,
    hash: () => location.hash,
    origin: () => location.origin,
    // The url is built from location.pathname, which already carries the base path, so
    // resolve() would add it twice.
    // eslint-disable-next-line svelte/no-navigation-without-resolve
    push: (url) => pushState(url, {}),
    // eslint-disable-next-line svelte/no-navigation-without-resolve
    replace: (url) => replaceState(url, {}),
    onPop(cb) {
      // SvelteKit updates location before popstate listeners run, so cb reads the new address.
      window.addEventListener('popstate', cb);
      return () => window.removeEventListener('popstate', cb);
    }
  };
}
