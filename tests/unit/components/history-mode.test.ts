import { describe, expect, it } from 'vitest';
import { DISCRETE, POINTING, historyMode, typing } from '../../../src/lib/components/history-mode';

describe('historyMode: the kind of edit decides the Back step, not the clock', () => {
  it('a discrete edit always gets its own step and ends any typing burst', () => {
    expect(historyMode(DISCRETE, null)).toEqual({ mode: 'push', burst: null });
    expect(historyMode(DISCRETE, 'stages[0].modules')).toEqual({ mode: 'push', burst: null });
  });
  it('the first keystroke in a field pushes; the next ones in that field replace', () => {
    const first = historyMode(typing('stages[0].widths[0]'), null);
    expect(first).toEqual({ mode: 'push', burst: 'stages[0].widths[0]' });
    expect(historyMode(typing('stages[0].widths[0]'), first.burst).mode).toBe('replace');
  });
  it('typing into another field starts a new step', () => {
    expect(historyMode(typing('stem.stemChannels'), 'stages[0].widths[0]').mode).toBe('push');
  });
  it('pointing at an op never adds a step and keeps the burst open', () => {
    expect(historyMode(POINTING, 'joints')).toEqual({ mode: 'replace', burst: 'joints' });
  });
});
