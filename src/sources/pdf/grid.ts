/**
 * Ruling lines → table grids. Collinear pieces are merged (borders are drawn cell edge by cell edge),
 * lines that touch form one table, and the table's distinct x and y positions make a grid of slots.
 * Slots not separated by a drawn line belong to one cell: that is how merged cells (rowspan/colspan)
 * show in a PDF. A table drawn without outer borders still spans the lines' full extent.
 */
import type { Segment } from './geometry.ts';

export interface GridCell {
  /** First and last slot row/column, inclusive. */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export interface Grid {
  /** Column edges, left to right (length = columns + 1). */
  xs: number[];
  /** Row edges, top to bottom (length = rows + 1). */
  ys: number[];
  cells: GridCell[];
  /** Slot (r * columns + c) → index into `cells`. */
  slots: Int32Array;
}

/** Points within which lines are the same line, or touch. */
const SNAP = 1.5;
/** Gaps along a line shorter than this are drawing seams, not breaks. */
const SEAM = 2.5;
/** Edges closer than this are one edge (double borders, hairline offsets). */
const MIN_BAND = 3;

export function findGrids(horizontal: readonly Segment[], vertical: readonly Segment[]): Grid[] {
  const hs = mergeCollinear(horizontal, 'h');
  const vs = mergeCollinear(vertical, 'v');
  if (hs.length < 2 || vs.length < 2) return [];

  // Lines that touch belong to one table (union-find over horizontals 0..H-1 and verticals H..H+V-1).
  const parent = Array.from({ length: hs.length + vs.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  hs.forEach((h, i) => {
    vs.forEach((v, j) => {
      if (v.x0 >= h.x0 - SNAP && v.x0 <= h.x1 + SNAP && h.y0 >= v.y0 - SNAP && h.y0 <= v.y1 + SNAP) {
        parent[find(i)] = find(hs.length + j);
      }
    });
  });
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  hs.forEach((h, i) => {
    const g = groups.get(find(i)) ?? groups.set(find(i), { h: [], v: [] }).get(find(i))!;
    g.h.push(h);
  });
  vs.forEach((v, j) => {
    const root = find(hs.length + j);
    const g = groups.get(root) ?? groups.set(root, { h: [], v: [] }).get(root)!;
    g.v.push(v);
  });

  const grids: Grid[] = [];
  for (const { h, v } of groups.values()) {
    if (h.length < 2 || v.length < 2) continue;
    const grid = gridOf(h, v);
    if (grid && grid.cells.length > 1) grids.push(grid);
  }
  return grids.sort((a, b) => a.ys[0]! - b.ys[0]!);
}

function gridOf(h: Segment[], v: Segment[]): Grid | null {
  const xs = edges([...v.map((s) => s.x0), Math.min(...h.map((s) => s.x0)), Math.max(...h.map((s) => s.x1))]);
  const ys = edges([...h.map((s) => s.y0), Math.min(...v.map((s) => s.y0)), Math.max(...v.map((s) => s.y1))]);
  const columns = xs.length - 1;
  const rows = ys.length - 1;
  if (columns < 1 || rows < 1 || columns * rows > 20_000) return null;

  // A boundary exists where a line covers the middle of the shared edge between two slots.
  const verticalAt = (x: number, y0: number, y1: number) => {
    const mid = (y0 + y1) / 2;
    const reach = Math.max(0.5, (y1 - y0) * 0.25);
    return v.some((s) => Math.abs(s.x0 - x) <= SNAP && s.y0 <= mid - reach && s.y1 >= mid + reach);
  };
  const horizontalAt = (y: number, x0: number, x1: number) => {
    const mid = (x0 + x1) / 2;
    const reach = Math.max(0.5, (x1 - x0) * 0.25);
    return h.some((s) => Math.abs(s.y0 - y) <= SNAP && s.x0 <= mid - reach && s.x1 >= mid + reach);
  };

  const parent = Array.from({ length: rows * columns }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const slot = r * columns + c;
      if (c + 1 < columns && !verticalAt(xs[c + 1]!, ys[r]!, ys[r + 1]!)) parent[find(slot + 1)] = find(slot);
      if (r + 1 < rows && !horizontalAt(ys[r + 1]!, xs[c]!, xs[c + 1]!))
        parent[find(slot + columns)] = find(slot);
    }
  }

  const byRoot = new Map<number, number>();
  const slots = new Int32Array(rows * columns);
  const cells: GridCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const root = find(r * columns + c);
      let index = byRoot.get(root);
      if (index === undefined) {
        index = cells.push({ r0: r, r1: r, c0: c, c1: c }) - 1;
        byRoot.set(root, index);
      }
      const cell = cells[index]!;
      cell.r1 = Math.max(cell.r1, r);
      cell.c0 = Math.min(cell.c0, c);
      cell.c1 = Math.max(cell.c1, c);
      slots[r * columns + c] = index;
    }
  }
  return { xs, ys, cells, slots };
}

/** Sorted positions with near-equal ones merged into their mean. */
function edges(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const value of sorted) {
    if (group.length > 0 && value - group[group.length - 1]! > MIN_BAND) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(value);
  }
  if (group.length > 0) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

/** Joins pieces of one line: same position (within SNAP) and touching or overlapping along it. */
function mergeCollinear(segments: readonly Segment[], direction: 'h' | 'v'): Segment[] {
  const at = (s: Segment) => (direction === 'h' ? (s.y0 + s.y1) / 2 : (s.x0 + s.x1) / 2);
  const from = (s: Segment) => (direction === 'h' ? s.x0 : s.y0);
  const to = (s: Segment) => (direction === 'h' ? s.x1 : s.y1);
  const sorted = [...segments].sort((a, b) => at(a) - at(b) || from(a) - from(b));
  // Cluster by position, then merge intervals along the line within each cluster.
  const clusters: Segment[][] = [];
  for (const s of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && at(s) - at(last[0]!) <= SNAP) last.push(s);
    else clusters.push([s]);
  }
  const out: Segment[] = [];
  for (const cluster of clusters) {
    const position = cluster.reduce((sum, s) => sum + at(s), 0) / cluster.length;
    const intervals = cluster.map((s) => [from(s), to(s)] as [number, number]).sort((a, b) => a[0] - b[0]);
    let [start, end] = intervals[0]!;
    const flush = () =>
      out.push(
        direction === 'h'
          ? { x0: start, y0: position, x1: end, y1: position }
          : { x0: position, y0: start, x1: position, y1: end },
      );
    for (const [a, b] of intervals.slice(1)) {
      if (a <= end + SEAM) end = Math.max(end, b);
      else {
        flush();
        [start, end] = [a, b];
      }
    }
    flush();
  }
  return out;
}

/** The slot index (row or column) a position falls in, or -1 outside the edges. */
export function bandOf(edgesList: readonly number[], value: number): number {
  if (value < edgesList[0]! || value > edgesList[edgesList.length - 1]!) return -1;
  let lo = 0;
  let hi = edgesList.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edgesList[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
