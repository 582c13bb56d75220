/**
 * Strict readers for the values in a link. Each returns the value or null; none throws.
 * Strict on purpose: `Number('')` is 0 and `+'1e3'` is 1000, so a mangled link would silently
 * become a different network (TensorFlow Playground's `+map[name]` lets NaN through this way).
 */

const INT = /^\d{1,7}$/;
// A plain decimal, as String(x) writes every number the explorer accepts (no exponent, no sign).
const DECIMAL = /^\d{1,7}(\.\d{1,20})?$/;
/** No value in the schema needs more items than this; longer lists are refused before validation. */
export const MAX_LIST = 16;

export function readInt(text: string): number | null {
  return INT.test(text) ? Number(text) : null;
}

export function readDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) : null;
}

/** `40,80,160` → [40, 80, 160]; null if any item is not a whole number or the list is too long. */
export function readIntList(text: string): number[] | null {
  const items = text.split(',');
  if (items.length > MAX_LIST) return null;
  const values = items.map(readInt);
  return values.every((v) => v !== null) ? (values as number[]) : null;
}

const TRUE = new Set(['1', 'true', 'on', 'yes']);
const FALSE = new Set(['0', 'false', 'off', 'no']);

/** The writer uses 1 and 0; a person typing a link may write true/false or on/off. */
export function readBool(text: string): boolean | null {
  const t = text.toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return null;
}

export function readEnum<T extends string>(text: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(text) ? (text as T) : null;
}

/** `384x288` (height x width, as the README writes input sizes) → { height, width }. */
export function readSize(text: string): { height: number; width: number } | null {
  const m = /^(\d{1,5})[x×](\d{1,5})$/i.exec(text);
  return m ? { height: Number(m[1]), width: Number(m[2]) } : null;
}

/** Query pairs in order; a bad %-escape spoils only its own pair. */
export interface RawPair {
  key: string;
  value: string;
  /** False when the pair could not be percent-decoded. */
  readable: boolean;
}

function decodePart(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

export function splitQuery(search: string): RawPair[] {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query === '') return [];
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawKey = eq < 0 ? part : part.slice(0, eq);
      const rawValue = eq < 0 ? '' : part.slice(eq + 1);
      const key = decodePart(rawKey);
      const value = decodePart(rawValue);
      return key === null || value === null
        ? { key: key ?? rawKey, value: rawValue, readable: false }
        : { key, value, readable: true };
    });
}

/** Characters left as they are in a written link, so it stays readable in the address bar. */
export function encodeValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.,@~-]/g, (c) => encodeURIComponent(c));
}

/** A value quoted for a message, cut short so a hostile link cannot flood the banner. */
export function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `“${shown}”`;
}
