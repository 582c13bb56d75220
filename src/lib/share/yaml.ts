/**
 * A small YAML reader for experiment configs such as HRNet's (leoxiaobin/deep-high-resolution-net.pytorch,
 * `experiments/coco/hrnet/*.yaml`, read there by yacs through PyYAML's safe loader). It reads the
 * subset those files use and nothing more: block mappings and block sequences by indentation,
 * flow sequences `[1, 2]`, plain and quoted scalars, `#` comments. Anchors, tags, multi-line
 * strings and flow mappings are refused with a sentence. It only builds data; never throws.
 */

export type YamlScalar = string | number | boolean | null;

export type YamlNode =
  | { kind: 'scalar'; value: YamlScalar; line: number }
  | { kind: 'seq'; items: YamlNode[]; line: number }
  | { kind: 'map'; entries: Map<string, YamlNode>; line: number };

export interface YamlError {
  line: number;
  message: string;
}

export interface YamlDocument {
  root: YamlNode | null;
  errors: YamlError[];
}

/** A line with its comment removed: where its content starts and what it says. */
interface Line {
  number: number;
  indent: number;
  text: string;
}

/** Nesting deeper than this is not a config; it is refused before it can cost anything. */
export const MAX_YAML_DEPTH = 32;

/** Cuts a `#` comment that starts the line or follows a space, outside quotes. */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return text.slice(0, i);
    }
  }
  return text;
}

function splitLines(text: string, errors: YamlError[]): Line[] {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const content = stripComment(raw).trimEnd();
    if (content.trim() === '' || content === '---' || content === '...') return;
    const indent = content.length - content.trimStart().length;
    if (content.slice(0, indent).includes('\t')) {
      errors.push({ line: i + 1, message: 'indents with a tab; YAML indents with spaces.' });
      return;
    }
    lines.push({ number: i + 1, indent, text: content.trimStart() });
  });
  return lines;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A plain or quoted scalar, as PyYAML's safe loader reads the forms these configs use. */
function readScalar(text: string, line: number, errors: YamlError[]): YamlScalar {
  const t = text.trim();
  if (t.startsWith("'")) {
    if (t.length < 2 || !t.endsWith("'"))
      return fail(errors, line, `the quoted text ${t} is not closed.`);
    return t.slice(1, -1).replaceAll("''", "'");
  }
  if (t.startsWith('"')) {
    if (t.length < 2 || !t.endsWith('"'))
      return fail(errors, line, `the quoted text ${t} is not closed.`);
    return t
      .slice(1, -1)
      .replace(/\\(["\\/nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  }
  if (/^[&*!|>]/.test(t))
    return fail(
      errors,
      line,
      `“${t.slice(0, 20)}”: anchors, tags and block text are not read here.`
    );
  if (t === '' || t === '~' || t === 'null' || t === 'Null' || t === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (NUMBER.test(t)) return Number(t);
  return t;
}

function fail(errors: YamlError[], line: number, message: string): null {
  errors.push({ line, message });
  return null;
}

/** `[1, 2, [3, 4]]` → a sequence; items split at top-level commas. */
function readFlow(text: string, line: number, errors: YamlError[], depth: number): YamlNode {
  const empty = { kind: 'scalar', value: null, line } as const;
  if (depth > MAX_YAML_DEPTH) return (fail(errors, line, 'nests too deeply.'), empty);
  if (!text.endsWith(']')) return (fail(errors, line, `the list ${text} is not closed.`), empty);
  const inner = text.slice(1, -1).trim();
  if (inner === '') return { kind: 'seq', items: [], line };
  const parts: string[] = [];
  let level = 0;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) quote = c === quote ? null : quote;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '[') level++;
    else if (c === ']') level--;
    else if (c === ',' && level === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return {
    kind: 'seq',
    items: parts.map((p) => readValue(p.trim(), line, errors, depth + 1)),
    line
  };
}

function readValue(text: string, line: number, errors: YamlError[], depth: number): YamlNode {
  if (text.startsWith('[')) return readFlow(text, line, errors, depth);
  if (text.startsWith('{'))
    return {
      kind: 'scalar',
      value: fail(errors, line, 'flow mappings ({…}) are not read here.'),
      line
    };
  return { kind: 'scalar', value: readScalar(text, line, errors), line };
}

/** `key: value` → [key, value]; the colon must be followed by a space or end the line. */
function splitKey(text: string): [string, string] | null {
  const m = /^("[^"]*"|'[^']*'|[^\s'"[\]{}#:][^:]*?)\s*:(?:\s+(.*))?$/.exec(text);
  if (!m) return null;
  const key = m[1].replace(/^(['"])(.*)\1$/, '$2');
  return [key, m[2] ?? ''];
}

class Reader {
  i = 0;
  constructor(
    readonly lines: Line[],
    readonly errors: YamlError[]
  ) {}

  /** The block starting at the current line, whose lines are indented exactly `indent`. */
  block(indent: number, depth: number): YamlNode | null {
    const first = this.lines[this.i];
    if (depth > MAX_YAML_DEPTH) {
      this.skipDeeper(indent - 1);
      return fail(this.errors, first.number, 'nests too deeply.');
    }
    return first.text === '-' || first.text.startsWith('- ')
      ? this.sequence(indent, depth)
      : this.mapping(indent, depth);
  }

  /** Lines indented past `indent` that nothing can read: skipped, after one error. */
  skipDeeper(indent: number): void {
    while (this.i < this.lines.length && this.lines[this.i].indent > indent) this.i++;
  }

  /** The value after `key:` or `-` when it is on the following lines. */
  nested(parentIndent: number, line: number, depth: number, allowSameIndentSeq: boolean): YamlNode {
    const next = this.lines[this.i];
    const seqHere =
      allowSameIndentSeq &&
      next?.indent === parentIndent &&
      (next.text === '-' || next.text.startsWith('- '));
    // The value is named by its key's line (`STAGE2:`), where a person looks for it.
    if (next && (next.indent > parentIndent || seqHere)) {
      const node = this.block(next.indent, depth + 1);
      return node ? { ...node, line } : { kind: 'scalar', value: null, line };
    }
    return { kind: 'scalar', value: null, line };
  }

  mapping(indent: number, depth: number): YamlNode {
    const first = this.lines[this.i];
    const entries = new Map<string, YamlNode>();
    while (this.i < this.lines.length && this.lines[this.i].indent === indent) {
      const line = this.lines[this.i];
      const kv = splitKey(line.text);
      this.i++;
      if (!kv) {
        fail(this.errors, line.number, `“${line.text.slice(0, 40)}” is not a key: value line.`);
        this.skipDeeper(indent);
        continue;
      }
      const [key, rest] = kv;
      const value =
        rest === ''
          ? this.nested(indent, line.number, depth, true)
          : readValue(rest, line.number, this.errors, depth + 1);
      if (entries.has(key)) fail(this.errors, line.number, `the key ${key} appears twice.`);
      else entries.set(key, value);
      if (rest !== '') this.refuseDeeper(indent, line.number);
    }
    return { kind: 'map', entries, line: first.number };
  }

  sequence(indent: number, depth: number): YamlNode {
    const first = this.lines[this.i];
    const items: YamlNode[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== indent || !(line.text === '-' || line.text.startsWith('- '))) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.i++;
        items.push(this.nested(indent, line.number, depth, false));
      } else if (splitKey(rest) && !rest.startsWith('[')) {
        // `- key: value`: a mapping whose lines sit where `key` starts.
        const at = indent + (line.text.length - rest.length);
        this.lines[this.i] = { number: line.number, indent: at, text: rest };
        items.push(this.block(at, depth + 1) ?? { kind: 'scalar', value: null, line: line.number });
      } else {
        this.i++;
        items.push(readValue(rest, line.number, this.errors, depth + 1));
        this.refuseDeeper(indent, line.number);
      }
    }
    return { kind: 'seq', items, line: first.number };
  }

  /** A value on its own line cannot also have indented lines under it. */
  refuseDeeper(indent: number, line: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) {
      fail(this.errors, next.number, `is indented under line ${line}, which already has a value.`);
      this.skipDeeper(indent);
    }
  }
}

/** YAML text → nodes with line numbers, plus a sentence for each part it could not read. */
export function parseYaml(text: string): YamlDocument {
  const errors: YamlError[] = [];
  const lines = splitLines(text, errors);
  if (lines.length === 0) return { root: null, errors };
  const reader = new Reader(lines, errors);
  const root = reader.block(lines[0].indent, 0);
  if (reader.i < lines.length) {
    const stray = lines[reader.i];
    errors.push({
      line: stray.number,
      message: `is indented less than the first line (${lines[0].number}); the rest was not read.`
    });
  }
  return { root, errors };
}
