/**
 * Load from URL, with a stand-in for the network (a function returning real Response objects):
 * a fetched file, a host without CORS (fetch's bare TypeError), an error status, a declared or
 * streamed size over the cap, and a cancel.
 */
import { describe, expect, it } from 'vitest';
import { expectedTensors } from '../../../src/lib/checkpoint';
import {
  FETCH_CANCELLED,
  fetchCheckpoint,
  fetchLimitBytes,
  fileNameOf,
  parseCheckpointUrl
} from '../../../src/lib/checkpoint/fetch-url';
import { buildGraph, presetConfig } from '../../../src/lib/model';

const URL_ = new URL(
  'https://download.example.org/mmpose/litehrnet18_coco_256x192-6bace359_20211230.pth'
);
const never = new AbortController().signal;

/** A body that yields `chunks` chunks of `size` bytes, counting how many were pulled. */
function counted(chunks: number, size: number) {
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (state.pulled === chunks) return c.close();
      state.pulled++;
      c.enqueue(new Uint8Array(size).fill(state.pulled));
    }
  });
  return { body, state };
}

describe('fetchCheckpoint', () => {
  it('reads the file and names it after the address', async () => {
    const r = await fetchCheckpoint(
      URL_,
      1000,
      never,
      async () => new Response(new Uint8Array([1, 2, 3]))
    );
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'litehrnet18_coco_256x192-6bace359_20211230.pth',
        bytes: new Uint8Array([1, 2, 3])
      }
    });
  });

  it('a host without CORS (a bare TypeError) is explained, with the address to download by hand', async () => {
    const r = await fetchCheckpoint(URL_, 1000, never, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('does not allow pages on other sites to read its files');
    expect(r.error.message).toContain('download.example.org');
    expect(r.error.manualUrl).toBe(URL_.href);
  });

  it('an error status is said with its number', async () => {
    const r = await fetchCheckpoint(
      URL_,
      1000,
      never,
      async () => new Response('no', { status: 404, statusText: 'Not Found' })
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        'download.example.org answered 404 Not Found: there is no checkpoint to read at that address.'
      );
  });

  it('a declared size over the cap is refused before a byte is read', async () => {
    const { body, state } = counted(10, 100);
    const r = await fetchCheckpoint(
      URL_,
      500,
      never,
      async () => new Response(body, { headers: { 'content-length': '1000' } })
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/is 0\.0 MB, more than the 0\.0 MB/);
    // A ReadableStream pulls ahead once when it is made; no more than that.
    expect(state.pulled).toBeLessThanOrEqual(1);
  });

  it('a streamed body is stopped once it passes the cap', async () => {
    const { body, state } = counted(1000, 100);
    const r = await fetchCheckpoint(URL_, 550, never, async () => new Response(body));
    expect(r.ok).toBe(false);
    // 6 chunks of 100 pass 550; the 1,000 are never all read.
    expect(state.pulled).toBeLessThan(10);
  });

  it('Cancel ends the read and says so', async () => {
    const abort = new AbortController();
    const r = fetchCheckpoint(
      URL_,
      1000,
      abort.signal,
      (_, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError'))
          );
        })
    );
    abort.abort();
    expect(await r).toEqual({ ok: false, error: { message: FETCH_CANCELLED, manualUrl: null } });
  });
});

describe('addresses', () => {
  const origin = 'https://explorer.example';

  it('takes https and the page’s own site, and refuses the rest with a sentence', () => {
    expect(parseCheckpointUrl(URL_.href, origin).ok).toBe(true);
    const own = parseCheckpointUrl('/w/x.pth', origin);
    expect(own.ok && own.value.href).toBe('https://explorer.example/w/x.pth');
    expect(parseCheckpointUrl('http://insecure.example/x.pth', origin)).toEqual({
      ok: false,
      error: 'The page fetches only https:// addresses (or its own site); http: is not allowed.'
    });
    expect(parseCheckpointUrl('  ', origin)).toEqual({
      ok: false,
      error: 'Enter the address of a .pth checkpoint.'
    });
    expect(parseCheckpointUrl('https://', origin).ok).toBe(false);
  });

  it('names the file from its address, adding .pth when it has no checkpoint ending', () => {
    expect(fileNameOf(new URL('https://h/a/b%20c.pth.tar?x=1'))).toBe('b c.pth.tar');
    expect(fileNameOf(new URL('https://h/download?id=3'))).toBe('download.pth');
    expect(fileNameOf(new URL('https://h/'))).toBe('checkpoint.pth');
  });

  it('the cap lets an mmcv Lite-HRNet-18 file with Adam’s two moments through (3x the weights), not one of 6x', () => {
    const expected = expectedTensors(buildGraph(presetConfig('litehrnet_18')));
    const weightBytes = 4 * expected.reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0);
    const limit = fetchLimitBytes(expected);
    expect(limit).toBeGreaterThan(3 * weightBytes + 2 ** 20);
    expect(limit).toBeLessThan(6 * weightBytes);
  });
});
