import type { PresetId } from '$lib/model';

/** The preset an explorer link for a lineage row starts from (its edits are written against it). */
export function presetOfConfig(key: string): PresetId {
  if (key === 'naive') return 'naive_litehrnet_18';
  if (key === 'lite') return 'litehrnet_18';
  return 'hrnet_w32';
}
