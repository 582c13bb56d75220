/**
 * Every number a person reads goes through here, with its unit. The paper and its torchstat
 * print "M" as 2^20 and "G" as 2^30; mmcv and most tools print decimal millions. A displayed
 * FLOPs figure is 2 x MACs; the raw counts everywhere else are MACs (see ops.ts).
 */
import type { Convention } from './ops';

export type CostUnit = 'MACs' | 'FLOPs';

/**
 * Binary mega for the paper convention (torchstat's ÷1024²) and HRNet's get_model_summary (it
 * prints ÷1024³ as "GFLOPs", so its M is 2^20 too), decimal for the others.
 */
export function megaOf(convention: Convention): number {
  return isBinary(convention) ? 2 ** 20 : 1e6;
}

export function megaLabel(convention: Convention): string {
  return isBinary(convention) ? 'M = 2^20' : 'M = 10^6';
}

function isBinary(convention: Convention): boolean {
  return convention === 'paper' || convention === 'hrnet';
}

export function toUnit(macs: number, unit: CostUnit): number {
  return unit === 'FLOPs' ? 2 * macs : macs;
}

/** "319.2 M MACs" style: the count in the convention's mega, one decimal. */
export function formatCost(
  macs: number,
  convention: Convention,
  unit: CostUnit = 'MACs',
  digits = 1
): string {
  return `${formatCostValue(macs, convention, unit, digits)} M ${unit}`;
}

// One formatter for all: toLocaleString builds a new one on every call, which dominates the
// cost of redrawing thousands of labels.
const INT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(n: number): string {
  return INT_FORMAT.format(Math.round(n));
}

/** Params as an exact integer with thousands separators, plus "params". */
export function formatParams(n: number): string {
  return `${formatInt(n)} params`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${formatDecimal(bytes / 2 ** 30, 2)} GiB`;
  if (bytes >= 2 ** 20) return formatMiB(bytes);
  if (bytes >= 2 ** 10) return `${formatDecimal(bytes / 2 ** 10, 1)} KiB`;
  return `${bytes} B`;
}

export function formatPercent(part: number, whole: number, digits = 1): string {
  return whole === 0 ? '0.0%' : `${formatDecimal((100 * part) / whole, digits)}%`;
}

/** Shapes print as PyTorch does: N × C × H × W (a 0-d tensor is "a scalar"). */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'a scalar' : shape.join('×');
}

/** A plain decimal with a fixed number of digits ("0.31", "68.4"); never "-0.0". */
export function formatDecimal(value: number, digits = 1): string {
  const s = value.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Milliseconds: whole ones from 100 ms up, one decimal below; "– ms" when unknown. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '– ms';
  return `${formatDecimal(ms, ms >= 100 ? 0 : 1)} ms`;
}

/** Bytes in MiB (2^20), one decimal: "256.0 MiB". */
export function formatMiB(bytes: number): string {
  return `${formatDecimal(bytes / 2 ** 20, 1)} MiB`;
}

export function formatInput(input: { height: number; width: number }): string {
  return `${input.height}x${input.width}`;
}

/** "256x192" → { height: 256, width: 192 }; null for anything else. */
export function parseInputSize(text: string): { height: number; width: number } | null {
  const m = /^\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*$/i.exec(text);
  if (!m) return null;
  return { height: Number(m[1]), width: Number(m[2]) };
}

/** The count alone in the convention's mega ("319.2"), for tables whose header states the unit. */
export function formatCostValue(
  macs: number,
  convention: Convention,
  unit: CostUnit = 'MACs',
  digits = 1
): string {
  return formatDecimal(toUnit(macs, unit) / megaOf(convention), digits);
}

/** The unit a cost column or axis is in: "M MACs (M = 2^20)". */
export function costUnitLabel(convention: Convention, unit: CostUnit): string {
  return `M ${unit} (${megaLabel(convention)})`;
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : `±${text}`;
}

/** A change against a baseline, absolute and relative: "+12.3 M MACs (+3.9%)". */
export function formatCostDelta(
  macs: number,
  baseMacs: number,
  convention: Convention,
  unit: CostUnit = 'MACs'
): string {
  const d = macs - baseMacs;
  const abs = formatCost(Math.abs(d), convention, unit);
  return `${signed(abs, d)} (${signed(formatPercent(Math.abs(d), baseMacs), d)})`;
}

/** "+1,234 params (+0.1%)". */
export function formatParamsDelta(params: number, baseParams: number): string {
  const d = params - baseParams;
  return `${signed(formatParams(Math.abs(d)), d)} (${signed(formatPercent(Math.abs(d), baseParams), d)})`;
}
