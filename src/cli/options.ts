/**
 * Flag reading shared by the CLIs, on node:util's parseArgs (so `--input=256x192` and
 * `--input 256x192` both work), with the sentences a person needs: an unknown option, a flag
 * given twice (parseArgs would silently keep the last), a flag with no value. Pure.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export type FlagKind = 'string' | 'boolean';

export type Flags = { ok: true; values: Map<string, string | true> } | { ok: false; error: string };

/** Reads `argv` against the flags a command knows (names without `--`); `-h` is `--help`. */
export function readFlags(argv: string[], known: Record<string, FlagKind>): Flags {
  const options = Object.fromEntries(
    Object.entries(known).map(([name, type]) => [
      name,
      name === 'help' ? { type, short: 'h' } : { type }
    ])
  );
  let tokens;
  try {
    // Not strict: every problem is worded below, in the order the flags were given.
    tokens = parseArgs({
      args: argv,
      options,
      strict: false,
      allowPositionals: true,
      tokens: true
    }).tokens;
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const values = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional')
      return { ok: false, error: `unexpected argument '${token.value}'` };
    const flag = token.rawName.startsWith('--') ? token.rawName : `--${token.name}`;
    const kind = known[token.name];
    if (!kind) return { ok: false, error: `unknown option '${token.rawName}'` };
    if (values.has(token.name))
      return { ok: false, error: `${flag} is given more than once; give it once` };
    if (kind === 'boolean') {
      if (token.value !== undefined) return { ok: false, error: `${flag} takes no value` };
      values.set(token.name, true);
      continue;
    }
    // `--input --joints 16`: parseArgs would take "--joints" as the input; that is a missing value.
    const missing =
      token.value === undefined ||
      token.value === '' ||
      (!token.inlineValue && token.value.startsWith('--'));
    if (missing) return { ok: false, error: `${flag} needs a value` };
    values.set(token.name, token.value!);
  }
  return { ok: true, values };
}

/**
 * The directory a person's relative paths mean: `npm run` starts the script in the package's
 * root and says where it was called from in INIT_CWD.
 */
export function userDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

/** A path as the person meant it: relative paths from `base` (see userDir). */
export const fromUserDir = (path: string, base: string = userDir()): string => resolve(base, path);
