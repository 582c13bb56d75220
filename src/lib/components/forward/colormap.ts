/**
 * Values → pixels for the heatmap and feature-map canvases, in viridis (d3-scale-chromatic's
 * interpolateViridis: dark purple → teal → yellow, perceptually uniform), so dark means low in
 * both light and dark page themes.
 */
import { interpolateViridis } from 'd3-scale-chromatic';

/** The ramp at t in [0, 1] (clamped; not a number counts as 0), as RGB bytes. */
export function rampColor(t: number): [number, number, number] {
  const hex = interpolateViridis(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)));
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

export function valueRange(data: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** The ramp in 256 steps, made once: drawing then costs a lookup per pixel, not an allocation. */
const LUT = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) lut.set(rampColor(i / 255), i * 3);
  return lut;
})();

/** RGBA bytes of one map, each value scaled by the map's own range. */
export function mapToRgba(data: Float32Array): Uint8ClampedArray<ArrayBuffer> {
  const { min, max } = valueRange(data);
  const scale = 255 / (max - min || 1);
  const out = new Uint8ClampedArray(data.length * 4);
  for (let i = 0; i < data.length; i++) {
    const k = Math.round((data[i] - min) * scale) * 3 || 0;
    out[i * 4] = LUT[k];
    out[i * 4 + 1] = LUT[k + 1];
    out[i * 4 + 2] = LUT[k + 2];
    out[i * 4 + 3] = 255;
  }
  return out;
}
