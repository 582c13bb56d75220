/**
 * A layered drawing of a small DAG whose nodes live in lanes (resolution branches), top to
 * bottom: each node one row below its lowest input; an edge that skips rows passes through
 * reserved slots (one per row it crosses), so it never runs under a node; inside a lane, nodes
 * and passing edges take tracks (columns) greedily, each preferring its first input's track so
 * chains and bypasses run straight. Every edge drawn is an edge given: nothing is added or merged.
 *
 * Pure: data in, geometry out. The ideas are Sugiyama's (layering, dummy nodes); the track
 * rule is ours and cheap, because these graphs are series-parallel and have at most ~100 nodes.
 */

export interface DagNodeIn {
  key: string;
  lane: number;
  width: number;
}

export interface DagEdgeIn {
  from: string;
  to: string;
}

export interface DagOptions {
  lanes: number;
  nodeHeight: number;
  rowHeight: number;
  /** Width of a track that only ever carries passing edges. */
  passWidth: number;
  trackGap: number;
  laneGap: number;
  top: number;
  left: number;
  /** The least width of each lane (room for its label); its tracks are centred in it. */
  laneMinWidth?: readonly number[];
  /** Rows an edge may start at: nodes without inputs sit in row 0 unless pulled down. */
  sourceRow?: (key: string) => number;
}

export interface DagNode {
  key: string;
  lane: number;
  row: number;
  track: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DagEdge {
  from: string;
  to: string;
  /** Which input of `to` this is (0-based), for spreading arrival points. */
  index: number;
  /** Points from the source's bottom to the target's top, one pair per row passed. */
  points: [number, number][];
}

export interface DagLayout {
  nodes: DagNode[];
  edges: DagEdge[];
  lanes: { x: number; w: number }[];
  width: number;
  height: number;
  rows: number;
}

interface Item {
  /** A node's key, or `from>to#row` for a slot an edge passes through. */
  id: string;
  lane: number;
  row: number;
  /** The item above it: a slot's or node's first input (null for sources). */
  above: string | null;
  width: number;
  track: number;
  isNode: boolean;
}

/** Rows by longest path from the sources; `nodes` must be in a topological order. */
function rowsOf(nodes: DagNodeIn[], inputs: Map<string, string[]>, o: DagOptions) {
  const row = new Map<string, number>();
  for (const n of nodes) {
    const ins = inputs.get(n.key) ?? [];
    row.set(
      n.key,
      ins.length ? Math.max(...ins.map((i) => row.get(i)! + 1)) : (o.sourceRow?.(n.key) ?? 0)
    );
  }
  return row;
}

export function layoutDag(nodes: DagNodeIn[], edges: DagEdgeIn[], o: DagOptions): DagLayout {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const inputs = new Map<string, string[]>();
  for (const e of edges) inputs.set(e.to, [...(inputs.get(e.to) ?? []), e.from]);
  const row = rowsOf(nodes, inputs, o);
  const items = new Map<string, Item>();
  const rows: Item[][] = [];
  const put = (it: Item) => {
    items.set(it.id, it);
    (rows[it.row] ??= []).push(it);
  };
  for (const n of nodes) {
    const first = inputs.get(n.key)?.[0] ?? null;
    put({
      id: n.key,
      lane: n.lane,
      row: row.get(n.key)!,
      above: first,
      width: n.width,
      track: -1,
      isNode: true
    });
  }
  // One slot per row an edge passes, in the target's lane when it comes straight from a
  // source at the top (it crosses over early), else in the source's lane (it crosses late).
  const slots = edges.map((e) => {
    const r0 = row.get(e.from)!;
    const r1 = row.get(e.to)!;
    const fromSource = !(inputs.get(e.from)?.length ?? 0);
    const lane = fromSource ? byKey.get(e.to)!.lane : byKey.get(e.from)!.lane;
    const ids: string[] = [];
    for (let r = r0 + 1; r < r1; r++) {
      const id = `${e.from}>${e.to}#${r}`;
      if (!items.has(id)) {
        const above: string = ids.length ? ids[ids.length - 1] : e.from;
        put({ id, lane, row: r, above, width: o.passWidth, track: -1, isNode: false });
      }
      ids.push(id);
    }
    return ids;
  });
  // A node lines up under the slot its first input arrives through, not the far-away source.
  edges.forEach((e, i) => {
    const target = items.get(e.to)!;
    if (slots[i].length && target.above === e.from) target.above = slots[i][slots[i].length - 1];
  });
  assignTracks(rows, items);
  const geometry = place(items, o);
  const out: DagNode[] = nodes.map((n) => {
    const it = items.get(n.key)!;
    const g = geometry.at(it);
    return { key: n.key, lane: n.lane, row: it.row, track: it.track, ...g };
  });
  const at = new Map(out.map((n) => [n.key, n]));
  const arrivals = new Map<string, number>();
  const dagEdges: DagEdge[] = edges.map((e, i) => {
    const index = arrivals.get(e.to) ?? 0;
    arrivals.set(e.to, index + 1);
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    const n = inputs.get(e.to)!.length;
    const points: [number, number][] = [[a.x + a.w / 2, a.y + a.h]];
    for (const id of slots[i]) {
      const g = geometry.at(items.get(id)!);
      points.push([g.x + g.w / 2, g.y], [g.x + g.w / 2, g.y + g.h]);
    }
    points.push([b.x + (b.w * (index + 1)) / (n + 1), b.y]);
    return { from: e.from, to: e.to, index, points };
  });
  return {
    nodes: out,
    edges: dagEdges,
    lanes: geometry.lanes,
    width: geometry.width,
    height: o.top + rows.length * o.rowHeight,
    rows: rows.length
  };
}

/**
 * Row by row, passing slots first (so long edges stay straight), then nodes in their given
 * order; each takes the free track nearest to the one it would like: its input's track when
 * that input is in the same lane, else the lane's side facing where the input comes from.
 */
function assignTracks(rows: Item[][], items: Map<string, Item>): void {
  const tracksUsed = new Map<number, number>();
  for (const list of rows) {
    if (!list) continue;
    const taken = new Set<string>();
    const ordered = [...list.filter((it) => !it.isNode), ...list.filter((it) => it.isNode)];
    for (const it of ordered) {
      const above = it.above === null ? undefined : items.get(it.above);
      const used = tracksUsed.get(it.lane) ?? 0;
      let want = 0;
      if (above && above.lane === it.lane) want = above.track;
      else if (above && above.lane > it.lane) want = Math.max(0, used - 1);
      let track = -1;
      for (let d = 0; track < 0; d++) {
        for (const t of d === 0 ? [want] : [want + d, want - d])
          if (t >= 0 && !taken.has(`${it.lane}:${t}`)) {
            track = t;
            break;
          }
      }
      it.track = track;
      taken.add(`${it.lane}:${track}`);
      tracksUsed.set(it.lane, Math.max(used, track + 1));
    }
  }
}

/** Track widths per lane (the widest item each track holds), then every item's box. */
function place(items: Map<string, Item>, o: DagOptions) {
  const widths: number[][] = Array.from({ length: o.lanes }, () => []);
  for (const it of items.values())
    widths[it.lane][it.track] = Math.max(widths[it.lane][it.track] ?? 0, it.width);
  const lanes: { x: number; w: number }[] = [];
  const trackX: number[][] = [];
  let x = o.left;
  for (let l = 0; l < o.lanes; l++) {
    const ws = Array.from(widths[l], (w) => w ?? o.passWidth);
    const starts: number[] = [];
    let at = x + o.trackGap;
    for (const w of ws) {
      starts.push(at);
      at += w + o.trackGap;
    }
    const content = Math.max(at - x, 2 * o.trackGap);
    const w = Math.max(content, o.laneMinWidth?.[l] ?? 0);
    const shift = (w - content) / 2;
    lanes.push({ x, w });
    trackX.push(starts.map((s, t) => s + shift + ws[t] / 2));
    x += w + o.laneGap;
  }
  return {
    lanes,
    width: x - o.laneGap + o.left,
    at(it: Item) {
      const cx = trackX[it.lane][it.track];
      return {
        x: cx - it.width / 2,
        y: o.top + it.row * o.rowHeight,
        w: it.width,
        h: o.nodeHeight
      };
    }
  };
}
