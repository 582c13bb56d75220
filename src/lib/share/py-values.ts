/**
 * Typed reads from parsed config values: references followed to their top-level assignment,
 * and each read naming the field (`model.backbone.extra.num_stages`) and line when it fails.
 */
import type { PyModule, PyNode } from './python';

export interface ImportProblem {
  /** 1-based line in the pasted text, when known. */
  line: number | null;
  /** The field in mmpose's words, e.g. `extra.stages_spec.num_channels[1]`. */
  field: string;
  /** The sentence alone: `describeProblem` adds the line and the field, once. */
  message: string;
}

/** "Line 3, model.backbone.extra.num_stages: must be a whole number." — each part once. */
export function describeProblem(p: ImportProblem): string {
  const where = [p.line ? `Line ${p.line}` : '', p.field].filter(Boolean).join(', ');
  if (where) return `${where}: ${p.message}`;
  return p.message.charAt(0).toUpperCase() + p.message.slice(1);
}

/**
 * How many steps one resolution may take (names followed, subscripts looked up). A chain the
 * parser accepts takes at most MAX_CHAIN steps per name; this leaves room for a few names.
 */
const MAX_REFERENCE_STEPS = 64;

export class ValueReader {
  readonly problems: ImportProblem[] = [];
  constructor(readonly module: PyModule) {}

  problem(node: PyNode | null, field: string, message: string): null {
    const line = node?.line ?? null;
    this.problems.push({ line, field, message });
    return null;
  }

  /**
   * Follows `name`, `name['key']` and `name[0]` to the value they stand for. `trail` holds the
   * names being followed: meeting one again is a circle (`a = b`, `b = a`, or `a = a[0]`);
   * a long chain that never comes back is not, and is reported as too deeply nested.
   */
  resolve(node: PyNode, field: string): PyNode | null {
    return this.#follow(node, field, { steps: 0, origin: node }, []);
  }

  #follow(
    node: PyNode,
    field: string,
    walk: { steps: number; origin: PyNode },
    trail: readonly string[]
  ): PyNode | null {
    if (node.kind !== 'name' && node.kind !== 'index') return node;
    if (++walk.steps > MAX_REFERENCE_STEPS) {
      return this.problem(
        walk.origin,
        field,
        `the references are too deeply nested: more than ${MAX_REFERENCE_STEPS} steps to follow.`
      );
    }
    if (node.kind === 'name') {
      if (trail.includes(node.name)) {
        return this.problem(walk.origin, field, 'the references go round in a circle.');
      }
      const target = this.module.assignments.get(node.name);
      if (!target)
        return this.problem(
          node,
          field,
          `refers to ${node.name}, which is not assigned in the text.`
        );
      return this.#follow(target, field, walk, [...trail, node.name]);
    }
    const target = this.#follow(node.target, field, walk, trail);
    const index = target && this.#follow(node.index, field, walk, trail);
    if (!target || !index) return null;
    const found = lookup(target, index);
    if (!found) return this.problem(node, field, `the reference ${show(node)} points at nothing.`);
    return this.#follow(found, field, walk, trail);
  }

  /** The entry `key` of a dict, resolved; null (and a problem unless optional) if absent. */
  get(dict: PyNode | null, key: string, field: string, optional = false): PyNode | null {
    if (!dict) return null;
    if (dict.kind !== 'dict') return this.problem(dict, field, 'expected a dict(...).');
    const entry = dict.entries.find(([k]) => k.kind === 'str' && k.value === key);
    if (!entry) return optional ? null : this.problem(dict, `${field}.${key}`, 'is missing.');
    return this.resolve(entry[1], `${field}.${key}`);
  }

  int(node: PyNode | null, field: string): number | null {
    if (!node) return null;
    if (node.kind === 'int') return node.value;
    if (node.kind === 'float' && Number.isInteger(node.value)) return node.value;
    return this.problem(node, field, `expected a whole number, found ${show(node)}.`);
  }

  number(node: PyNode | null, field: string): number | null {
    if (!node) return null;
    if (node.kind === 'int' || node.kind === 'float') return node.value;
    return this.problem(node, field, `expected a number, found ${show(node)}.`);
  }

  bool(node: PyNode | null, field: string): boolean | null {
    if (!node) return null;
    if (node.kind === 'bool') return node.value;
    return this.problem(node, field, `expected True or False, found ${show(node)}.`);
  }

  str(node: PyNode | null, field: string): string | null {
    if (!node) return null;
    if (node.kind === 'str') return node.value;
    return this.problem(node, field, `expected a string, found ${show(node)}.`);
  }

  /** A list or tuple, its items resolved. */
  seq(node: PyNode | null, field: string): PyNode[] | null {
    if (!node) return null;
    if (node.kind !== 'list' && node.kind !== 'tuple') {
      return this.problem(node, field, `expected a tuple or list, found ${show(node)}.`);
    }
    const items = node.items.map((item, i) => this.resolve(item, `${field}[${i}]`));
    return items.every((x) => x !== null) ? (items as PyNode[]) : null;
  }

  /** A tuple of `count` items each read by `read`; null if any is wrong. */
  seqOf<T>(
    node: PyNode | null,
    field: string,
    read: (n: PyNode, f: string) => T | null
  ): T[] | null {
    const items = this.seq(node, field);
    if (!items) return null;
    const values = items.map((item, i) => read(item, `${field}[${i}]`));
    return values.every((v) => v !== null) ? (values as T[]) : null;
  }
}

function lookup(target: PyNode, index: PyNode): PyNode | null {
  if (target.kind === 'dict' && index.kind === 'str') {
    return target.entries.find(([k]) => k.kind === 'str' && k.value === index.value)?.[1] ?? null;
  }
  if ((target.kind === 'list' || target.kind === 'tuple') && index.kind === 'int') {
    const i = index.value < 0 ? target.items.length + index.value : index.value;
    return target.items[i] ?? null;
  }
  return null;
}

/** A short rendering of a value for messages. */
export function show(node: PyNode): string {
  switch (node.kind) {
    case 'int':
    case 'float':
      return String(node.value);
    case 'str':
      return `'${node.value.length > 30 ? `${node.value.slice(0, 30)}…` : node.value}'`;
    case 'bool':
      return node.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
      return 'a list';
    case 'tuple':
      return 'a tuple';
    case 'dict':
      return 'a dict';
    case 'name':
      return node.name;
    case 'index':
      return `${show(node.target)}[${show(node.index)}]`;
    case 'attr':
      return `${show(node.target)}.${node.name}`;
    case 'call':
      return `a call of ${show(node.callee)}(…)`;
  }
}
