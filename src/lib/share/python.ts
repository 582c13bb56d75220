/**
 * A reader for the subset of Python that mmpose config files are written in — without eval.
 * Top-level `name = expression` statements, where expressions are numbers, strings (' or ",
 * adjacent ones joined, f-strings kept as their literal text), True/False/None, lists, tuples
 * (incl. `(4, )`), `{...}` dicts, calls such as `dict(a=1)` or `list(range(16))`, and references
 * such as `channel_cfg['num_output_channels']`. Comments, line continuations and trailing commas
 * are fine. Anything else is reported with its line, and reading goes on at the next statement.
 * Nothing here throws to the caller.
 */

export interface PySyntaxError {
  line: number;
  /** The sentence alone; whoever shows it adds "Line N" (py-values.ts `describeProblem`). */
  message: string;
}

interface Pos {
  line: number;
}

export type PyNode = Pos &
  (
    | { kind: 'int' | 'float'; value: number }
    | { kind: 'str'; value: string; fstring: boolean }
    | { kind: 'bool'; value: boolean }
    | { kind: 'none' }
    | { kind: 'list' | 'tuple'; items: PyNode[] }
    | { kind: 'dict'; entries: [PyNode, PyNode][] }
    | { kind: 'name'; name: string }
    | { kind: 'index'; target: PyNode; index: PyNode }
    | { kind: 'attr'; target: PyNode; name: string }
    | { kind: 'call'; callee: PyNode; args: PyNode[]; kwargs: [string, PyNode][] }
  );

export interface PyModule {
  /** Top-level assignments by name (a later one replaces an earlier one, as in Python). */
  assignments: Map<string, PyNode>;
  /** Top-level expressions that are not assigned (a pasted bare `dict(...)`). */
  expressions: PyNode[];
  errors: PySyntaxError[];
}

// ------------------------------------------------------------------------------ tokenizer

type TokenType = 'name' | 'number' | 'string' | 'op' | 'newline' | 'end';
interface Token extends Pos {
  type: TokenType;
  text: string;
  /** Decoded string contents, for 'string' tokens. */
  value?: string;
  fstring?: boolean;
}

const NUMBER = /^(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const STRING_START = /^([rRbBuUfF]{0,2})('''|"""|'|")/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

/** Reads one string literal at `i`; returns the token and the index after it, or an error. */
function readString(
  src: string,
  i: number,
  line: number
): { token: Token; end: number; lines: number } | { error: string } {
  const m = STRING_START.exec(src.slice(i, i + 5));
  if (!m) return { error: 'not a string' };
  const [prefix, quote] = [m[1].toLowerCase(), m[2]];
  const raw = prefix.includes('r');
  let j = i + m[0].length;
  let value = '';
  let lines = 0;
  while (j < src.length) {
    if (src.startsWith(quote, j)) {
      const token: Token = { type: 'string', text: src.slice(i, j + quote.length), value, line };
      token.fstring = prefix.includes('f');
      return { token, end: j + quote.length, lines };
    }
    const c = src[j];
    if (c === '\n') {
      if (quote.length === 1)
        return { error: 'this string is not closed before the end of the line' };
      lines++;
    }
    if (c === '\\' && !raw && j + 1 < src.length) {
      const next = src[j + 1];
      if (next === '\n') lines++;
      value += next === '\n' ? '' : (ESCAPES[next] ?? next);
      j += 2;
      continue;
    }
    value += c;
    j++;
  }
  return { error: 'this string is not closed' };
}

const OPENERS = '([{';
const CLOSERS = ')]}';

export function tokenize(src: string): { tokens: Token[]; errors: PySyntaxError[] } {
  const tokens: Token[] = [];
  const errors: PySyntaxError[] = [];
  let line = 1;
  let depth = 0;
  let i = 0;
  const newline = () => {
    const last = tokens.at(-1);
    if (depth === 0 && last && last.type !== 'newline')
      tokens.push({ type: 'newline', text: '\n', line });
  };
  while (i < src.length) {
    const c = src[i];
    const rest = src.slice(i, i + 64);
    if (c === '\n') {
      newline();
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '\\' && src[i + 1] === '\n') {
      line++;
      i += 2;
    } else if (STRING_START.test(rest)) {
      const r = readString(src, i, line);
      if ('error' in r) {
        errors.push({ line, message: `${r.error}.` });
        while (i < src.length && src[i] !== '\n') i++;
      } else {
        tokens.push(r.token);
        line += r.lines;
        i = r.end;
      }
    } else if (NUMBER.test(rest) && !(c === '.' && !/\d/.test(src[i + 1] ?? ''))) {
      const text = NUMBER.exec(rest)![0];
      tokens.push({ type: 'number', text, line });
      i += text.length;
    } else if (NAME.test(rest)) {
      const text = NAME.exec(rest)![0];
      tokens.push({ type: 'name', text, line });
      i += text.length;
    } else {
      if (OPENERS.includes(c)) depth++;
      if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
      // `==` and friends are ops of two characters; a lone `=` is an assignment or keyword.
      const two = src.slice(i, i + 2);
      const text = ['==', '!=', '<=', '>=', '**', '//'].includes(two) ? two : c;
      tokens.push({ type: 'op', text, line });
      i += text.length;
    }
  }
  newline();
  tokens.push({ type: 'end', text: '', line });
  return { tokens, errors };
}

// ------------------------------------------------------------------------------ parser

/** Internal: unwinds one statement; caught in parseStatement, never seen by callers. */
class StatementError {
  constructor(
    readonly line: number,
    readonly message: string
  ) {}
}

/**
 * How deep a value may be: brackets and calls inside one another, and subscripts, attributes and
 * calls in a row (`x[0][0]…`, `a.b.c…`, `f()()…`). Real configs stay under 10 of each. Past
 * these the statement is refused with a sentence: the parser recurses per bracket, and whoever
 * walks the tree (printing a value, following references) recurses per link of a chain, so an
 * unbounded depth would end in a stack overflow rather than a message.
 */
export const MAX_NESTING = 100;
export const MAX_CHAIN = 32;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }
  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'op' && t.text === text;
  }
  fail(message: string, t: Token = this.peek()): never {
    throw new StatementError(t.line, message);
  }
  expectOp(text: string, what: string): void {
    if (!this.isOp(text)) this.fail(`expected “${text}” ${what}, found ${describe(this.peek())}.`);
    this.next();
  }

  /** Skips to the start of the next top-level statement. */
  skipStatement(): void {
    while (this.peek().type !== 'newline' && this.peek().type !== 'end') this.next();
    if (this.peek().type === 'newline') this.next();
  }

  atEnd(): boolean {
    return this.peek().type === 'end';
  }

  expression(): PyNode {
    if (++this.depth > MAX_NESTING) {
      this.fail(
        `this value is too deeply nested: more than ${MAX_NESTING} brackets or calls inside one another.`
      );
    }
    try {
      const node = this.unary();
      if (
        this.peek().type === 'op' &&
        '+-*/%<>=!|&^@'.includes(this.peek().text[0]) &&
        !this.isOp('=')
      ) {
        this.fail(
          `operators such as “${this.peek().text}” are not read here; write the value itself.`
        );
      }
      return node;
    } finally {
      this.depth--;
    }
  }

  /** Signs in front of a number (`-1`, `+2e-3`); read in a loop so `- - - 1` cannot recurse deep. */
  private unary(): PyNode {
    let negative = false;
    let sign: Token | null = null;
    while (this.isOp('-') || this.isOp('+')) {
      sign = this.next();
      if (sign.text === '-') negative = !negative;
    }
    const operand = this.postfix(this.atom());
    if (sign === null) return operand;
    if (operand.kind !== 'int' && operand.kind !== 'float') {
      this.fail(`a sign “${sign.text}” must be followed by a number.`, sign);
    }
    return { ...operand, value: negative ? -operand.value : operand.value };
  }

  private postfix(node: PyNode): PyNode {
    for (let links = 0; ; links++) {
      if (links === MAX_CHAIN && (this.isOp('[') || this.isOp('.') || this.isOp('('))) {
        this.fail(
          `this value is too deeply nested: more than ${MAX_CHAIN} subscripts, attributes or calls in a row.`
        );
      }
      if (this.isOp('[')) {
        this.next();
        const index = this.expression();
        this.expectOp(']', 'to close the subscript');
        node = { kind: 'index', target: node, index, line: node.line };
      } else if (this.isOp('.') && this.peek(1).type === 'name') {
        this.next();
        node = { kind: 'attr', target: node, name: this.next().text, line: node.line };
      } else if (this.isOp('(')) {
        node = this.call(node);
      } else {
        return node;
      }
    }
  }

  private call(callee: PyNode): PyNode {
    this.next();
    const args: PyNode[] = [];
    const kwargs: [string, PyNode][] = [];
    while (!this.isOp(')')) {
      if (this.peek().type === 'name' && this.isOp('=', 1)) {
        const key = this.next().text;
        this.next();
        kwargs.push([key, this.expression()]);
      } else {
        args.push(this.expression());
      }
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectOp(')', 'to close the call');
    const isDict = callee.kind === 'name' && callee.name === 'dict' && args.length === 0;
    if (isDict) {
      const entries = kwargs.map(([k, v]): [PyNode, PyNode] => [
        { kind: 'str', value: k, fstring: false, line: v.line },
        v
      ]);
      return { kind: 'dict', entries, line: callee.line };
    }
    return { kind: 'call', callee, args, kwargs, line: callee.line };
  }

  /** Items up to `close`, comma separated, a trailing comma allowed; reports whether one was seen. */
  private items(close: string, item: () => void): boolean {
    let comma = false;
    while (!this.isOp(close)) {
      item();
      comma = this.isOp(',');
      if (!comma) break;
      this.next();
    }
    this.expectOp(close, 'to close the brackets');
    return comma;
  }

  private atom(): PyNode {
    const t = this.next();
    const line = t.line;
    if (t.type === 'number') return numberNode(t) ?? this.fail(`“${t.text}” is not a number.`, t);
    if (t.type === 'string') return this.strings(t);
    if (t.type === 'name') {
      if (t.text === 'True' || t.text === 'False')
        return { kind: 'bool', value: t.text === 'True', line };
      if (t.text === 'None') return { kind: 'none', line };
      return { kind: 'name', name: t.text, line };
    }
    if (t.type === 'op' && t.text === '(') {
      const items: PyNode[] = [];
      const comma = this.items(')', () => items.push(this.expression()));
      // (x) is x; (x,) and (x, ) are 1-tuples; () is the empty tuple.
      return items.length === 1 && !comma ? items[0] : { kind: 'tuple', items, line };
    }
    if (t.type === 'op' && t.text === '[') {
      const items: PyNode[] = [];
      this.items(']', () => items.push(this.expression()));
      return { kind: 'list', items, line };
    }
    if (t.type === 'op' && t.text === '{') {
      const entries: [PyNode, PyNode][] = [];
      this.items('}', () => {
        const key = this.expression();
        this.expectOp(':', 'between a key and its value');
        entries.push([key, this.expression()]);
      });
      return { kind: 'dict', entries, line };
    }
    return this.fail(`expected a value, found ${describe(t)}.`, t);
  }

  /** Adjacent string literals join, as in Python ('a' 'b' is 'ab'). */
  private strings(first: Token): PyNode {
    let value = first.value ?? '';
    let fstring = first.fstring ?? false;
    while (this.peek().type === 'string') {
      const t = this.next();
      value += t.value ?? '';
      fstring ||= t.fstring ?? false;
    }
    return { kind: 'str', value, fstring, line: first.line };
  }
}

function numberNode(t: Token): PyNode | null {
  const text = t.text.replace(/_/g, '');
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  const isFloat = /[.eE]/.test(text);
  return { kind: isFloat ? 'float' : 'int', value, line: t.line };
}

function describe(t: Token): string {
  if (t.type === 'end') return 'the end of the text';
  if (t.type === 'newline') return 'the end of the line';
  return `“${t.text.slice(0, 20)}”`;
}

const SKIPPED_KEYWORDS = new Set(['import', 'from', 'del', 'pass', 'assert']);

function parseStatement(p: Parser, module: PyModule): void {
  const first = p.peek();
  try {
    if (first.type === 'name' && SKIPPED_KEYWORDS.has(first.text)) {
      p.skipStatement();
      return;
    }
    if (first.type === 'name' && p.isOp('=', 1)) {
      p.next();
      p.next();
      module.assignments.set(first.text, p.expression());
    } else {
      module.expressions.push(p.expression());
    }
    if (p.peek().type !== 'newline' && !p.atEnd()) {
      p.fail(`expected the end of the statement, found ${describe(p.peek())}.`);
    }
    p.skipStatement();
  } catch (e) {
    if (!(e instanceof StatementError)) throw e;
    module.errors.push({ line: e.line, message: e.message });
    p.skipStatement();
  }
}

/** Reads a config file's text; never throws. */
export function parsePython(src: string): PyModule {
  const { tokens, errors } = tokenize(src);
  const module: PyModule = { assignments: new Map(), expressions: [], errors };
  const p = new Parser(tokens);
  while (!p.atEnd()) {
    if (p.peek().type === 'newline') p.next();
    else parseStatement(p, module);
  }
  return module;
}
