import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatLimit, Watchdog } from '../../../src/lib/tf/watchdog';

describe('Watchdog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once, at the stated time after the last feed', () => {
    const fired = vi.fn();
    const dog = new Watchdog(60_000, fired);
    dog.feed();
    vi.advanceTimersByTime(59_999);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(dog.running).toBe(false);
    vi.advanceTimersByTime(10 * 60_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('every feed starts the full time again (a worker that reports progress is not stopped)', () => {
    const fired = vi.fn();
    const dog = new Watchdog(1_000, fired);
    dog.feed();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(900);
      dog.feed();
    }
    // 9 s have passed, never 1 s without a feed.
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('stop ends it: finished work is never given up on', () => {
    const fired = vi.fn();
    const dog = new Watchdog(1_000, fired);
    dog.feed();
    expect(dog.running).toBe(true);
    vi.advanceTimersByTime(500);
    dog.stop();
    expect(dog.running).toBe(false);
    vi.advanceTimersByTime(5_000);
    expect(fired).not.toHaveBeenCalled();
    // And it can be used again.
    dog.feed();
    vi.advanceTimersByTime(1_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });
});

describe('formatLimit', () => {
  it('says a limit in words', () => {
    expect(formatLimit(60_000)).toBe('60 seconds');
    expect(formatLimit(120_000)).toBe('2 minutes');
    expect(formatLimit(1_000)).toBe('1 second');
  });
});
