/**
 * Between the nested tables of a record and its cells by id: walking the tables, flattening them, and nesting a
 * flat cell map into tables. Kept out of the record's public surface; schema.ts exports `nestCells` and
 * `flattenTables`.
 */
import { ALL_CELL_IDS, FORMATS, type FormatId } from './catalogue.ts';
import { CellList, FORMAT_IDS, FORMAT_SLOTS, NESTED, SLOT_IDS, slotOf } from './cell-list.ts';
import type { CellTree, CellValue, ReportRecord } from './schema.ts';

/**
 * A cell id or a prefix of one, with the nodes one key further down. Walks over tables follow these nodes, so
 * that the ids of official cells are looked up rather than built and hashed again, cell by cell.
 */
interface IdNode {
  id: string;
  isCell: boolean;
  /** The official cell's slot (cell-list.ts); -1 for a prefix or an unknown id. */
  slot: number;
  children: Map<string, IdNode>;
}

/** Every official cell id and every prefix of one (`requests`, `requests.withheld`, …). */
const ID_NODES = officialIdNodes();
function officialIdNodes(): ReadonlyMap<string, IdNode> {
  const nodes = new Map<string, IdNode>();
  for (const cellId of ALL_CELL_IDS) {
    let parent: IdNode | undefined;
    for (const key of cellId.split('.')) {
      const id = parent ? `${parent.id}.${key}` : key;
      let node = nodes.get(id);
      if (!node) {
        node = { id, isCell: ALL_CELL_IDS.has(id), slot: slotOf(id), children: new Map() };
        nodes.set(id, node);
        parent?.children.set(key, node);
      }
      parent = node;
    }
  }
  return nodes;
}

export function idNode(id: string): IdNode {
  return ID_NODES.get(id) ?? { id, isCell: false, slot: -1, children: new Map() };
}

/** A key may hold dots itself (`requests: { "received.naturalPerson": 2 }`): the id is the joined path. */
function childNode(parent: IdNode, key: string): IdNode {
  return parent.children.get(key) ?? idNode(`${parent.id}.${key}`);
}

export function flattenTree(tree: CellTree | undefined, node: IdNode, out: Record<string, CellValue> = {}) {
  if (!tree) return out;
  for (const key of Object.keys(tree)) {
    const value = tree[key];
    const child = childNode(node, key);
    if (value === null || typeof value === 'number') out[child.id] = value;
    else flattenTree(value, child, out);
  }
  return out;
}

/** The cells of a walk, in order: ids, values and slots side by side. */
interface Walked {
  ids: string[];
  values: CellValue[];
  slots: number[];
}

/** The same walk as `flattenTree`, the cells listed rather than assigned. */
function listTree(tree: CellTree | undefined, node: IdNode, out: Walked): void {
  if (!tree) return;
  for (const key of Object.keys(tree)) {
    const value = tree[key];
    const child = childNode(node, key);
    if (value === null || typeof value === 'number') {
      out.ids.push(child.id);
      out.values.push(value);
      out.slots.push(child.slot);
    } else listTree(value, child, out);
  }
}

/** The first cell of the tables, in flattening order, whose id is not an official one. */
export function firstUnknownCell(tables: ReportRecord['tables']): string | undefined {
  return (
    firstUnknownIn(tables.active, idNode('active')) ??
    firstUnknownIn(tables.requests, idNode('requests')) ??
    firstUnknownIn(tables.reviews, idNode('reviews'))
  );
}

function firstUnknownIn(tree: CellTree | undefined, node: IdNode): string | undefined {
  if (!tree) return undefined;
  for (const key of Object.keys(tree)) {
    const value = tree[key];
    const child = childNode(node, key);
    if (value === null || typeof value === 'number') {
      if (!child.isCell) return child.id;
    } else {
      const unknown = firstUnknownIn(value, child);
      if (unknown !== undefined) return unknown;
    }
  }
  return undefined;
}

/** The flat cell map of a record's tables: cell id → value. */
export function flattenTables(tables: ReportRecord['tables']): Record<string, CellValue> {
  const known = NESTED.get(tables);
  if (known) return known.copy();
  const out: Record<string, CellValue> = {};
  flattenTree(tables.active, idNode('active'), out);
  flattenTree(tables.requests, idNode('requests'), out);
  flattenTree(tables.reviews, idNode('reviews'), out);
  return out;
}

/** Lists of tables read from elsewhere (JSON, storage), made when first asked for. */
const WALKED = new WeakMap<object, CellList>();

/**
 * The cells of a record's tables as a list (cell-list.ts): the one `nestCells` kept, or the tables walked in
 * the order `flattenTables` walks them.
 */
export function cellListOf(tables: ReportRecord['tables']): CellList {
  let list = NESTED.get(tables) ?? WALKED.get(tables);
  if (!list) {
    const walked: Walked = { ids: [], values: [], slots: [] };
    listTree(tables.active, idNode('active'), walked);
    listTree(tables.requests, idNode('requests'), walked);
    listTree(tables.reviews, idNode('reviews'), walked);
    list = new CellList(walked.ids, walked.values, walked.slots);
    WALKED.set(tables, list);
  }
  return list;
}

/**
 * Where each official cell hangs in the tables, by slot: the row node (an index into `ROW_PATHS`) and the
 * key under it. No official cell lies on the path to another, so a row node, once made, stays in place.
 */
const ROW_OF = new Int16Array(SLOT_IDS.length);
const LEAF_OF: string[] = [];
/** Keys from the tables down to each row node. */
const ROW_PATHS: string[][] = [];
{
  const rows = new Map<string, number>();
  SLOT_IDS.forEach((id, slot) => {
    const cut = id.lastIndexOf('.');
    const rowId = id.slice(0, cut);
    for (let at = rowId.length; at > 0; at = rowId.lastIndexOf('.', at - 1)) {
      if (ALL_CELL_IDS.has(rowId.slice(0, at))) throw new Error(`cell id ${id} hangs from a cell`);
    }
    let row = rows.get(rowId);
    if (row === undefined) {
      rows.set(rowId, (row = ROW_PATHS.length));
      ROW_PATHS.push(rowId.split('.'));
    }
    ROW_OF[slot] = row;
    LEAF_OF.push(id.slice(cut + 1));
  });
}

/** The node at `keys` under `root`, made (replacing any value in the way) where missing. */
function nodeAt(root: CellTree, keys: readonly string[]): CellTree {
  let node = root;
  for (const key of keys) {
    let next = node[key];
    if (next === undefined || next === null || typeof next === 'number') {
      next = {};
      node[key] = next;
    }
    node = next;
  }
  return node;
}

/** The format whose every cell the ids are, in the format's order (a whole report read in order), if any. */
function wholeFormat(ids: readonly string[]): FormatId | null {
  for (const format of FORMATS) {
    const official = FORMAT_IDS[format];
    if (ids.length !== official.length) continue;
    let k = 0;
    while (k < ids.length && ids[k] === official[k]) k++;
    if (k === ids.length) return format;
  }
  return null;
}

type Tables = ReportRecord['tables'];

/**
 * Each format's tables as one object literal, compiled once from the catalogue: nesting the cells of a whole
 * report read in order is then one call that makes objects of a ready shape, instead of some 250 stores that
 * add the properties one by one. The literal's keys come from the catalogue alone (quoted by JSON.stringify),
 * in the order nesting the format's cells in order gives them; `v` holds the values in that order.
 */
const WHOLE_TABLES: Record<FormatId, (v: readonly CellValue[]) => Tables> = {
  '2019': compileTables('2019'),
  '2021': compileTables('2021'),
};

function compileTables(format: FormatId): (v: readonly CellValue[]) => Tables {
  const positions: CellTree = { active: {}, requests: {}, reviews: {} };
  FORMAT_IDS[format].forEach((id, i) => {
    const keys = id.split('.');
    nodeAt(positions, keys.slice(0, -1))[keys[keys.length - 1]!] = i;
  });
  const literal = (node: CellTree): string =>
    `{${Object.entries(node)
      .map(
        ([key, value]) =>
          `${JSON.stringify(key)}:${typeof value === 'number' ? `v[${value}]` : literal(value as CellTree)}`,
      )
      .join(',')}}`;
  return new Function('v', `return ${literal(positions)};`) as (v: readonly CellValue[]) => Tables;
}

/** Nested tables from a flat cell map (an object or a Map). */
export function nestCells(cells: Record<string, CellValue> | ReadonlyMap<string, CellValue>): Tables {
  // Spreading a Map's keys and values is several times faster than walking its entries.
  const ids = cells instanceof Map ? [...cells.keys()] : Object.keys(cells);
  const values = cells instanceof Map ? [...cells.values()] : Object.values(cells);
  let tables: Tables;
  let list: CellList;
  const whole = wholeFormat(ids);
  if (whole) {
    tables = WHOLE_TABLES[whole](values);
    list = new CellList(FORMAT_IDS[whole], values, FORMAT_SLOTS[whole]);
  } else {
    const slots = ids.map(slotOf);
    list = new CellList(ids, values, slots);
    tables = list.unknown ? nestAny(list) : nestOfficial(list, slots);
  }
  NESTED.set(tables, list);
  return tables;
}

/** Official cells only: each row node is found once, by its index, and kept. */
function nestOfficial(list: CellList, slots: readonly number[]): Tables {
  const tables: Tables = { active: {}, requests: {}, reviews: {} };
  const root = tables as unknown as CellTree;
  const rows: Array<CellTree | undefined> = new Array<CellTree | undefined>(ROW_PATHS.length);
  const values = list.values;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const r = ROW_OF[slot]!;
    const node = (rows[r] ??= nodeAt(root, ROW_PATHS[r]!));
    node[LEAF_OF[slot]!] = values[i]!;
  }
  return tables;
}

/** Any ids: each cell's path is split from its id, and a later cell may replace a node in its way. */
function nestAny(list: CellList): Tables {
  const tables: Tables = { active: {}, requests: {}, reviews: {} };
  const root = tables as unknown as CellTree;
  const { ids, values } = list;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const cut = id.lastIndexOf('.');
    const node = nodeAt(root, cut < 0 ? [] : id.slice(0, cut).split('.'));
    node[id.slice(cut + 1)] = values[i]!;
  }
  return tables;
}
