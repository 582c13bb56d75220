import { describe, expect, it } from 'vitest';
import { presetConfig } from '$lib/model';
import { lazyUrlSync, hasQuery } from '$lib/share/lazy-url-sync';
import { defaultState } from '$lib/share/state';
import type { HistoryPort } from '$lib/share/url-sync';
import { createUrlSync } from '$lib/share/url-sync';

/** A history that records each push and replace, starting at a plain `/`. */
function recordingPort() {
  const log: string[] = [];
  let url = '/';
  const port: HistoryPort = {
    search: () => (url.includes('?') ? url.slice(url.indexOf('?')) : ''),
    pathname: () => '/',
    hash: () => '',
    origin: () => 'https://example.org',
    push: (u) => void log.push(`push ${(url = u)}`),
    replace: (u) => void log.push(`replace ${(url = u)}`),
    onPop: () => () => {}
  };
  return { port, log };
}

const with30 = () => ({
  ...defaultState(),
  preset: 'litehrnet_30' as const,
  config: presetConfig('litehrnet_30')
});

describe('lazyUrlSync', () => {
  it('loads nothing until it is asked for, then loads once', async () => {
    const { port } = recordingPort();
    let loads = 0;
    const lazy = lazyUrlSync(async () => (loads++, createUrlSync(port)));
    expect(loads).toBe(0);
    expect(lazy.now()).toBeNull();
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(lazy.now()).toBe(a);
  });

  it('replays writes made while loading in order, each with its own mode', async () => {
    const { port, log } = recordingPort();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const lazy = lazyUrlSync(async () => (await gate, createUrlSync(port)));
    const typed = { ...with30(), convention: 'mmcv' as const };
    lazy.write(with30(), 'push'); // a preset picked
    lazy.write(typed, 'push'); // a convention picked
    lazy.write({ ...typed, unit: 'FLOPs' as const }, 'replace');
    expect(log).toEqual([]); // nothing written before the codec is there
    release();
    await lazy.get();
    // Two Back steps and one replace, as if the codec had been there all along.
    expect(log.map((l) => l.split(' ')[0])).toEqual(['push', 'push', 'replace']);
    expect(log[0]).toContain('m=litehrnet_30');
    expect(log[1]).toContain('cv=mmcv');
    expect(log[2]).toContain('cv=mmcv');
    lazy.write(defaultState(), 'push');
    expect(log).toHaveLength(4); // written at once when loaded
  });

  it('tells an address with something to read from a plain one', () => {
    expect(hasQuery('')).toBe(false);
    expect(hasQuery('?')).toBe(false);
    expect(hasQuery('?v=1')).toBe(true);
  });
});
