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

const MAX_REFERENCE_HOPS = 20;

export class ValueReader {
  readonly problems: ImportProblem[] = [];
  constructor(readonly module: PyModule) {}

  problem(node: PyNode | null, field: string, message: string): null {
    const line = node?.line ?? null;
    this.problems.push({ line, field, message });
    return null;
  }

  /** Follows `name`, `name['key']` and `name[0]` to the value they stand for. */
  resolve(node: PyNode, field: string, hops = 0, origin = node): PyNode | null {
    if (hops > MAX_REFERENCE_HOPS) {
      return this.problem(origin, field, 'the references go round in a circle.');
    }
    if (node.kind === 'name') {
      const target = this.module.assignments.get(node.name);
      if (!target)
        return this.problem(
          node,
          field,
          `refers to ${node.name}, which is not assigned in the text.`
        );
      return this.resolve(target, field, hops + 1, origin);
    }
    if (node.kind === 'index') {
      const target = this.resolve(node.target, field, hops + 1, origin);
      const index = this.resolve(node.index, field, hops + 1, origin);
      if (!target || !index) return null;
      const found = lookup(target, index);
      if (!found)
        return this.problem(node, field, `the reference ${show(node)} points at nothing.`);
      return this.resolve(found, field, hops + 1, origin);
    }
    return node;
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
