/**
 * "Load from URL": a checkpoint fetched by the page, where the host allows it. A page may read
 * another site's file only when that site answers with CORS headers (Access-Control-Allow-Origin);
 * many file hosts (Google Drive, OneDrive, object stores) do not, and the browser then reports a
 * bare network error — so a failed fetch is explained, with the address to download by hand.
 * The body is streamed and stopped at a size cap, and an AbortSignal cancels it at any point.
 */
import type { ExpectedTensor } from './expected';
import { readLimits } from './limits';
import { clip, fail, ok, type Result } from './types';

export interface FetchedFile {
  name: string;
  bytes: Uint8Array;
}

/** A fetch that failed, with the address a person can open to download the file themselves. */
export interface FetchFailure {
  message: string;
  /** Set when downloading by hand may work (CORS or the network), for a link. */
  manualUrl: string | null;
}

export const FETCH_CANCELLED = 'Cancelled.';

/**
 * The most a checkpoint for this config may weigh: its float32 weights four times over (mmcv's
 * training checkpoints carry Adam's two moments per weight, 3x the weights; one more for the zip
 * and a margin) plus the pickle the reader accepts (limits.ts). Lite-HRNet-18: about 25 MB.
 */
export function fetchLimitBytes(expected: readonly ExpectedTensor[]): number {
  const limits = readLimits(expected);
  return 4 * 4 * limits.elements + limits.pickleBytes;
}

const ENDINGS = ['.pth', '.pt', '.ckpt', '.pth.tar'];

/** The file name an address ends in (a checkpoint ending added when it has none). */
export function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // A stray % stays as it is.
  }
  const known = ENDINGS.some((e) => name.toLowerCase().endsWith(e));
  return known ? name : `${name || 'checkpoint'}.pth`;
}

/** An address a person typed → a URL the page may fetch (https, or this site), or a sentence. */
export function parseCheckpointUrl(text: string, pageOrigin: string): Result<URL> {
  const t = text.trim();
  if (!t) return fail('Enter the address of a .pth checkpoint.');
  let url: URL;
  try {
    url = new URL(t, pageOrigin);
  } catch {
    return fail(`“${clip(t, 80)}” is not a web address.`);
  }
  if (url.origin !== pageOrigin && url.protocol !== 'https:')
    return fail(
      `The page fetches only https:// addresses (or its own site); ${clip(url.protocol, 20)} is not allowed.`
    );
  return ok(url);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function tooLarge(size: number | null, limit: number, url: URL): FetchFailure {
  const what = size === null ? 'more than' : `${mb(size)}, more than`;
  return {
    message: `The file at ${clip(url.host, 60)} is ${what} the ${mb(limit)} a checkpoint of this configuration can need, so it was not read. Check the address, or the model and input size chosen.`,
    manualUrl: null
  };
}

function unreachable(url: URL): FetchFailure {
  return {
    message: `The browser could not read ${clip(url.host, 60)}: either that site does not allow pages on other sites to read its files (it sends no CORS header, as Google Drive and OneDrive do not), or the network failed. Download the file yourself, then choose it with Load weights above.`,
    manualUrl: url.href
  };
}

/** Reads a body chunk by chunk, cancelling it once it passes `limit` bytes. */
async function readCapped(
  body: ReadableStream<Uint8Array>,
  limit: number
): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * Fetches a checkpoint for a config (no cookies sent), within `limit` bytes. Never throws: a
 * cancel gives FETCH_CANCELLED, everything else a sentence (and an address when downloading
 * by hand may work).
 */
export async function fetchCheckpoint(
  url: URL,
  limit: number,
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch
): Promise<{ ok: true; value: FetchedFile } | { ok: false; error: FetchFailure }> {
  const failed = (error: FetchFailure) => ({ ok: false as const, error });
  const cancelled = () => failed({ message: FETCH_CANCELLED, manualUrl: null });
  try {
    const response = await fetchImpl(url.href, { signal, credentials: 'omit', mode: 'cors' });
    if (!response.ok) {
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      return failed({
        message: `${clip(url.host, 60)} answered ${clip(status, 60)}: there is no checkpoint to read at that address.`,
        manualUrl: null
      });
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) {
      await response.body?.cancel().catch(() => {});
      return failed(tooLarge(declared, limit, url));
    }
    if (!response.body) return failed(unreachable(url));
    const bytes = await readCapped(response.body, limit);
    if (!bytes) return failed(tooLarge(null, limit, url));
    return { ok: true, value: { name: fileNameOf(url), bytes } };
  } catch (e) {
    if (signal.aborted) return cancelled();
    // fetch rejects with a bare TypeError for CORS refusals and network failures alike.
    if (e instanceof TypeError) return failed(unreachable(url));
    const detail = e instanceof Error ? e.message : String(e);
    return failed({ message: `The download failed: ${clip(detail, 200)}`, manualUrl: url.href });
  }
}
