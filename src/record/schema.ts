/**
 * The report record (shared spec: report-record.md) as one runtime schema; every type is inferred from it.
 * The same schema validates recogniser output, `parse --json`, API payloads and rows read back from storage.
 */
import { z } from 'zod';
import { ALL_CELL_IDS } from './catalogue.ts';
import { FLAT } from './flat-cache.ts';

export const SCHEMA_ID = 'xxgk/report@1';

export const AgencyKind = z.enum(['government', 'department', 'township', 'subdistrict', 'other']);
export const ReportFormat = z.enum(['2019', '2021', 'legacy', 'unknown']);
export const SourceKind = z.enum(['text', 'html', 'docx', 'pdf', 'form']);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');

export const Section = z.object({
  number: z.number().int().min(1).max(6),
  /** The heading as printed, number stripped. */
  title: z.string(),
  /** The numeral the report printed (一…六), or null when it printed none: misnumbering shows here. */
  printedNumber: z.string().nullable().optional(),
  text: z.string(),
});

export type CellValue = number | null;
export interface CellTree {
  [key: string]: CellValue | CellTree;
}
const CellTreeSchema: z.ZodType<CellTree> = z.lazy(() =>
  z.record(z.string(), z.union([z.number().finite(), z.null(), CellTreeSchema])),
);

/** Where a cell's value came from, so a finding can point at what the reviewer must look at. */
export const CellOrigin = z.object({
  /** The cell text exactly as printed (trimmed), e.g. 「22（其中修订16件）」 or 「251000元」. */
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  line: z.number().int().positive().optional(),
  page: z.number().int().positive().optional(),
  /** The value was not determined: short row, or digits that split several ways. The value is null. */
  undetermined: z.enum(['shortRow', 'ambiguousSplit']).optional(),
  /** Money: the unit the value was read in; `assumed` when none was printed. */
  unit: z.enum(['元', '万元', 'assumed']).optional(),
  /** Read by OCR: lower confidence. */
  ocr: z.boolean().optional(),
});

export const Source = z.object({
  name: z.string(),
  kind: SourceKind,
  sha256: z.string(),
  url: z.string().nullable(),
});

export const ReportRecord = z.object({
  schema: z.literal(SCHEMA_ID),
  title: z.string().nullable().optional(),
  agency: z.string().nullable(),
  agencyKind: AgencyKind.nullable(),
  year: z.number().int().min(1990).max(2100).nullable(),
  period: z.object({ from: IsoDate, to: IsoDate }).nullable(),
  format: ReportFormat,
  publishedOn: IsoDate.nullable(),
  sections: z.array(Section),
  tables: z.object({ active: CellTreeSchema, requests: CellTreeSchema, reviews: CellTreeSchema }),
  source: Source,
  /** Per cell id: the printed text and its place in the source. */
  origins: z.record(z.string(), CellOrigin).optional(),
  /** What recognition saw of the tables' shape beyond the cells: empty headers, non-official rows/columns. */
  structure: z
    .object({
      /** Cell ids whose column header the report left out or empty. */
      missingColumns: z.array(z.string()),
      /** Printed rows/columns that are not official cells (小计, 法人或其他组织合计, local rows). */
      extras: z.array(z.object({ table: z.enum(['active', 'requests', 'reviews']), label: z.string() })),
    })
    .optional(),
});

export type ReportRecord = z.infer<typeof ReportRecord>;
export type AgencyKind = z.infer<typeof AgencyKind>;
export type ReportFormat = z.infer<typeof ReportFormat>;
export type SourceKind = z.infer<typeof SourceKind>;
export type Section = z.infer<typeof Section>;
export type CellOrigin = z.infer<typeof CellOrigin>;
export type Source = z.infer<typeof Source>;

/** Accepts the nested tables of the spec or the flat map (`"requests.received.naturalPerson": 2`). */
export function parseRecord(input: unknown): ReportRecord {
  const normalised = normaliseTables(input);
  const record = ReportRecord.parse(normalised);
  for (const id of Object.keys(flattenTables(record.tables))) {
    if (!ALL_CELL_IDS.has(id)) throw new Error(`unknown cell id: ${id}`);
  }
  return record;
}

export function safeParseRecord(
  input: unknown,
): { ok: true; record: ReportRecord } | { ok: false; error: string } {
  try {
    return { ok: true, record: parseRecord(input) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function normaliseTables(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const obj = input as Record<string, unknown>;
  const tables = obj.tables;
  if (!tables || typeof tables !== 'object') return input;
  const flat = Object.entries(tables as Record<string, unknown>).filter(([k]) => k.includes('.'));
  if (flat.length === 0) return input;
  const nested = nestCells(
    Object.fromEntries(
      Object.entries(tables as Record<string, unknown>).flatMap(([k, v]) =>
        k.includes('.') ? [[k, v as CellValue]] : Object.entries(flattenTree(v as CellTree, k)),
      ),
    ),
  );
  return { ...obj, tables: nested };
}

function flattenTree(tree: CellTree | undefined, prefix: string, out: Record<string, CellValue> = {}) {
  if (!tree) return out;
  for (const [k, v] of Object.entries(tree)) {
    const id = `${prefix}.${k}`;
    if (v === null || typeof v === 'number') out[id] = v;
    else flattenTree(v, id, out);
  }
  return out;
}

/** The flat cell map of a record's tables: cell id → value. */
export function flattenTables(tables: ReportRecord['tables']): Record<string, CellValue> {
  const known = FLAT.get(tables);
  if (known) return { ...known };
  const out: Record<string, CellValue> = {};
  flattenTree(tables.active, 'active', out);
  flattenTree(tables.requests, 'requests', out);
  flattenTree(tables.reviews, 'reviews', out);
  return out;
}

/** The node a row's cells hang from, shared by every cell id of the row. */
interface CellParent {
  /** Keys from the tables down to the node. */
  keys: string[];
}

interface CellPath {
  /** Shared by the cells of one row: consecutive cells of a row are told by identity, not by comparing ids. */
  parent: CellParent;
  leaf: string;
}

const PARENTS = new Map<string, CellParent>();
const PATHS = new Map<string, CellPath>();
function pathOf(id: string): CellPath {
  let path = PATHS.get(id);
  if (!path) {
    const cut = id.lastIndexOf('.');
    const parentId = cut < 0 ? '' : id.slice(0, cut);
    // Only official ids are kept: ids read from arbitrary input must not grow the caches.
    const official = ALL_CELL_IDS.has(id);
    let parent = PARENTS.get(parentId);
    if (!parent) {
      parent = { keys: cut < 0 ? [] : parentId.split('.') };
      if (official) PARENTS.set(parentId, parent);
    }
    path = { parent, leaf: id.slice(cut + 1) };
    if (official) PATHS.set(id, path);
  }
  return path;
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

/** Nested tables from a flat cell map (an object or a Map). */
export function nestCells(
  cells: Record<string, CellValue> | ReadonlyMap<string, CellValue>,
): ReportRecord['tables'] {
  const tables: ReportRecord['tables'] = { active: {}, requests: {}, reviews: {} };
  const root = tables as unknown as CellTree;
  const entries = cells instanceof Map ? cells : Object.entries(cells);
  const flat: Record<string, CellValue> = {};
  // Cells come row by row: the node of the previous cell is usually this one's too.
  let parent: CellParent | null = null;
  let node = root;
  for (const [id, value] of entries) {
    flat[id] = value;
    const path = pathOf(id);
    if (path.parent !== parent) {
      node = nodeAt(root, path.parent.keys);
      parent = path.parent;
    }
    node[path.leaf] = value;
  }
  FLAT.set(tables, flat);
  return tables;
}
