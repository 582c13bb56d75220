import { describe, expect, it } from 'vitest';
import { presetConfig } from '$lib/model';
import { defaultState } from '$lib/share/state';
import type { HistoryPort } from '$lib/share/url-sync';
import { createUrlSync } from '$lib/share/url-sync';

/** An in-memory history with the browser's semantics: push drops forward entries, back fires pop. */
function fakeHistory(start: string) {
  const entries = [start];
  let at = 0;
  const listeners = new Set<() => void>();
  const search = () => {
    const url = entries[at];
    const q = url.indexOf('?');
    return q < 0 ? '' : url.slice(q).split('#')[0];
  };
  const port: HistoryPort = {
    search,
    pathname: () => entries[at].split(/[?#]/)[0],
    hash: () => (entries[at].includes('#') ? `#${entries[at].split('#')[1]}` : ''),
    origin: () => 'https://example.org',
    push(url) {
      entries.splice(at + 1, entries.length, url);
      at++;
    },
    replace(url) {
      entries[at] = url;
    },
    onPop(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    }
  };
  const go = (delta: number) => {
    at += delta;
    listeners.forEach((cb) => cb());
  };
  return { port, entries, go };
}

function with30(): ReturnType<typeof defaultState> {
  return { ...defaultState(), preset: 'litehrnet_30', config: presetConfig('litehrnet_30') };
}

describe('createUrlSync', () => {
  it('reads the state from the address, keeping the path and hash when writing', () => {
    const h = fakeHistory('/explorer/?m=litehrnet_30#table');
    const sync = createUrlSync(h.port);
    expect(sync.read().state.preset).toBe('litehrnet_30');
    sync.write(defaultState(), 'push');
    expect(h.entries.at(-1)).toBe('/explorer/?v=1&m=litehrnet_18#table');
  });

  it('replace while dragging adds no history; push for a discrete edit adds one entry', () => {
    const h = fakeHistory('/');
    const sync = createUrlSync(h.port);
    const s = with30();
    for (const modules of [4, 5, 6]) {
      s.config.stages[1].modules = modules;
      sync.write(s, 'replace');
    }
    expect(h.entries).toEqual(['/?v=1&m=litehrnet_30&m3=6']);
    sync.write({ ...s, convention: 'mmcv' }, 'push');
    expect(h.entries).toHaveLength(2);
  });

  it('does not push an entry when the address already says the state', () => {
    const h = fakeHistory('/?v=1&m=litehrnet_18');
    createUrlSync(h.port).write(defaultState(), 'push');
    expect(h.entries).toHaveLength(1);
  });

  it('Back and Forward hand the decoded states to the listener, until it stops listening', () => {
    const h = fakeHistory('/');
    const sync = createUrlSync(h.port);
    sync.write(with30(), 'push');
    sync.write({ ...with30(), unit: 'FLOPs' }, 'push');
    const seen: string[] = [];
    const stop = sync.listen((r) => seen.push(`${r.state.preset}/${r.state.unit}`));
    h.go(-1);
    h.go(-1);
    h.go(+2);
    stop();
    h.go(-1);
    expect(seen).toEqual(['litehrnet_30/MACs', 'litehrnet_18/MACs', 'litehrnet_30/FLOPs']);
  });

  it('builds the absolute link for Copy link', () => {
    const h = fakeHistory('/explorer');
    expect(createUrlSync(h.port).link(with30())).toBe(
      'https://example.org/explorer?v=1&m=litehrnet_30'
    );
  });

  it('never writes a config that does not validate: the address keeps the last valid state', () => {
    const h = fakeHistory('/');
    const sync = createUrlSync(h.port);
    const valid = with30();
    sync.write(valid, 'push');
    // What the issue saw: Stage 2's first width typed away, written as `w2=NaN,80`.
    const typing = with30();
    typing.config.stages[0].widths = [NaN, 80];
    expect(sync.write(typing, 'replace')).toBe(false);
    expect(sync.write(typing, 'push')).toBe(false);
    // An odd width is just as invalid (each block splits its channels in half).
    const odd = with30();
    odd.config.stages[0].widths = [41, 80];
    expect(sync.write(odd, 'push')).toBe(false);
    expect(h.entries).toEqual(['/', '/?v=1&m=litehrnet_30']);
    expect(sync.link(typing)).toBe('https://example.org/?v=1&m=litehrnet_30');
    // Fixed again, the edit is written as usual.
    const fixed = with30();
    fixed.config.stages[0].widths = [42, 80];
    expect(sync.write(fixed, 'replace')).toBe(true);
    // Stage 2's widths are no longer a prefix of the preset's, so the widest stage's list is
    // written as w and Stage 2's own as w2.
    expect(h.entries.at(-1)).toBe('/?v=1&m=litehrnet_30&w=40,80,160,320&w2=42,80');
  });

  it('never writes a focus or selection the state cannot have', () => {
    const h = fakeHistory('/?v=1&m=litehrnet_18');
    const sync = createUrlSync(h.port);
    // Lite-HRNet-18's stage1 (Stage 3) has 4 modules, numbered 0–3.
    sync.write({ ...defaultState(), focus: 'stage1.4' }, 'push');
    sync.write({ ...defaultState(), selected: '<img src=x>@0' }, 'push');
    expect(h.entries).toEqual(['/?v=1&m=litehrnet_18']);
    sync.write({ ...defaultState(), focus: 'stage1.3' }, 'push');
    expect(h.entries.at(-1)).toBe('/?v=1&m=litehrnet_18&at=stage1.3');
  });
});
