/**
 * Seeded draws for the synthetic set. Every sample has its own stream, seeded by hashing
 * (seed, split, index), so sample i never depends on which samples were made before it.
 */
import { hashKey, mulberry32 } from '../tf/prng';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** An integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function randomStream(seed: number, key: string): Random {
  const next = mulberry32(hashKey(seed, key));
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * next();
  return {
    next,
    uniform,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]
  };
}
