import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StepPlayer } from '../../../src/lib/components/step-player.svelte';

describe('StepPlayer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('steps by hand and stays inside 0 … count − 1', () => {
    const p = new StepPlayer(() => 4);
    expect(p.atStart).toBe(true);
    p.previous();
    expect(p.step).toBe(0);
    p.next();
    p.next();
    p.next();
    p.next();
    expect(p.step).toBe(3);
    expect(p.atEnd).toBe(true);
    p.previous();
    expect(p.step).toBe(2);
  });

  it('Play takes a step at once, then one every interval, and stops at the last', () => {
    const p = new StepPlayer(() => 4, 1000);
    p.play();
    expect(p.step).toBe(1);
    expect(p.playing).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(p.step).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(p.step).toBe(3);
    expect(p.playing).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(p.step).toBe(3);
  });

  it('Play at the end replays from the first step', () => {
    const p = new StepPlayer(() => 3, 1000);
    p.next();
    p.next();
    p.play();
    expect(p.step).toBe(0);
    expect(p.playing).toBe(true);
    vi.advanceTimersByTime(2000);
    expect(p.step).toBe(2);
    expect(p.playing).toBe(false);
  });

  it('a step taken by hand, or Pause, stops the timer', () => {
    const p = new StepPlayer(() => 7, 1000);
    p.play();
    p.next();
    expect(p.playing).toBe(false);
    expect(p.step).toBe(2);
    vi.advanceTimersByTime(3000);
    expect(p.step).toBe(2);
    p.toggle();
    expect(p.playing).toBe(true);
    p.toggle();
    vi.advanceTimersByTime(3000);
    expect(p.step).toBe(3);
  });

  it('follows a count that shrinks', () => {
    let count = 7;
    const p = new StepPlayer(() => count);
    for (let i = 0; i < 6; i++) p.next();
    count = 4;
    expect(p.step).toBe(3);
    expect(p.atEnd).toBe(true);
  });
});
