/**
 * Whether an edit gets its own Back/Forward step (push) or updates the current one (replace),
 * decided by what kind of edit it is — the model's methods know — never by the clock:
 *
 * - a discrete edit (a preset, a block type, a toggle, a stage added or removed, an import, a
 *   convention, opening a part of the network) is its own step;
 * - typing into a number field is one step for the whole burst: its first keystroke pushes, the
 *   next ones in the same field replace, until the field is left (or Enter commits it);
 * - pointing at an op or entering presentation mode is not an edit of the network: it replaces.
 */
import type { WriteMode } from '$lib/share/url-sync';

export type EditKind =
  { kind: 'discrete' } | { kind: 'typing'; field: string } | { kind: 'pointing' };

export const DISCRETE: EditKind = { kind: 'discrete' };
export const POINTING: EditKind = { kind: 'pointing' };
export const typing = (field: string): EditKind => ({ kind: 'typing', field });

/**
 * `burst` is the field whose typing burst already has its own step (null when none is open).
 * Returns the write mode and the burst that is open after this edit.
 */
export function historyMode(
  edit: EditKind,
  burst: string | null
): { mode: WriteMode; burst: string | null } {
  switch (edit.kind) {
    case 'pointing':
      return { mode: 'replace', burst };
    case 'typing':
      return { mode: edit.field === burst ? 'replace' : 'push', burst: edit.field };
    case 'discrete':
      return { mode: 'push', burst: null };
  }
}
