/**
 * A small seeded PRNG for the random weights. Each weight tensor gets its own stream, seeded by
 * hashing the run's seed with the tensor's state_dict key, so a tensor's values depend only on
 * (seed, key) and never on the order in which tensors are made.
 */

/** mulberry32: a 32-bit state, good enough for weights and fast in plain JS. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: turns (seed, key) into a stream seed. */
export function hashKey(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** `size` values uniform in [lo, hi), from the stream of (seed, key). */
export function uniformArray(seed: number, key: string, size: number, lo: number, hi: number) {
  const next = mulberry32(hashKey(seed, key));
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = lo + (hi - lo) * next();
  return out;
}

/**
 * `size` values from a normal distribution of mean 0 and standard deviation `std`, from the
 * stream of (seed, key): Box–Muller on pairs of uniforms (1 − u keeps the logarithm finite).
 */
export function normalArray(seed: number, key: string, size: number, std: number) {
  const next = mulberry32(hashKey(seed, key));
  const out = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    const r = std * Math.sqrt(-2 * Math.log(1 - next()));
    const theta = 2 * Math.PI * next();
    out[i] = r * Math.cos(theta);
    if (i + 1 < size) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}
