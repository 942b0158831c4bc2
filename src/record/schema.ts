/**
 * The report record (shared spec: report-record.md) as one runtime schema; every type is inferred from it.
 * The same schema validates recogniser output, `parse --json`, API payloads and rows read back from storage.
 */
import { z } from 'zod';
import { ALL_CELL_IDS } from './catalogue.ts';
import { firstUnknownCell, flattenTree, idNode, nestCells } from './cell-tree.ts';
import { plainObjectCheck } from './plain-object-check.ts';

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
const CellNumber = z.number().finite();
/** A node of the cell tree: cells, and nodes of `nested` where given. */
function cellNode(nested?: z.ZodType<CellTree>): z.ZodType<CellTree> {
  return z.record(
    z.string(),
    nested ? z.union([CellNumber, z.null(), nested]) : z.union([CellNumber, z.null()]),
  );
}
const CellTreeSchema: z.ZodType<CellTree> = z.lazy(() => cellNode(CellTreeSchema));
const tablesOf = (tree: z.ZodType<CellTree>) => z.object({ active: tree, requests: tree, reviews: tree });

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
  tables: tablesOf(CellTreeSchema),
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

/**
 * ReportRecord with its cell trees cut at the deepest nesting an official id has: zod cannot compile a
 * recursive schema, but compiles this one into a single function that parses a record in a third of the
 * time. It accepts only records ReportRecord accepts and returns the same value; any other input, and every
 * error message, is left to ReportRecord itself (an invalid record is parsed three times: fine for what
 * should not happen).
 */
const OfficialDepthRecord = z.compile(
  ReportRecord.extend({ tables: tablesOf(cellTreeOfDepth(officialDepth())) }),
);

function officialDepth(): number {
  return Math.max(...[...ALL_CELL_IDS].map((id) => id.split('.').length - 1));
}

function cellTreeOfDepth(depth: number): z.ZodType<CellTree> {
  let tree = cellNode();
  for (let level = 1; level < depth; level++) tree = cellNode(tree);
  return tree;
}

const isPlainOrigin = plainObjectCheck(CellOrigin);

/**
 * The record's `origins` when every one is a value CellOrigin returns unchanged (plain-object-check.ts),
 * else null. A record has a couple of hundred; checked this way they cost a few microseconds, not the
 * ~0.2 ms of zod's copy.
 */
function plainOrigins(input: unknown): Record<string, CellOrigin> | null {
  if (!input || typeof input !== 'object') return null;
  const origins = (input as { origins?: unknown }).origins;
  if (!origins || typeof origins !== 'object' || Object.getPrototypeOf(origins) !== Object.prototype)
    return null;
  for (const id in origins) if (!isPlainOrigin((origins as Record<string, unknown>)[id])) return null;
  return origins as Record<string, CellOrigin>;
}

/** Accepts the nested tables of the spec or the flat map (`"requests.received.naturalPerson": 2`). */
export function parseRecord(input: unknown): ReportRecord {
  const normalised = normaliseTables(input);
  // Plain origins are taken as they are, the rest of the record goes through zod; else all of it does.
  const origins = plainOrigins(normalised);
  const official = OfficialDepthRecord.safeParse(
    origins ? { ...(normalised as object), origins: {} } : normalised,
  );
  const record = official.success ? official.data : ReportRecord.parse(normalised);
  // The input's own origins object: nothing in it needed a change (no caller mutates a parsed record).
  if (official.success && origins) record.origins = origins;
  const unknown = firstUnknownCell(record.tables);
  if (unknown !== undefined) throw new Error(`unknown cell id: ${unknown}`);
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
        k.includes('.') ? [[k, v as CellValue]] : Object.entries(flattenTree(v as CellTree, idNode(k))),
      ),
    ),
  );
  return { ...obj, tables: nested };
}

export { flattenTables, nestCells } from './cell-tree.ts';
