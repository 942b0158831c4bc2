/**
 * The reviewer's questions, answered from indexes at any corpus size: which bodies have not reported
 * (checks.md `coverage.missing`), a region's tables summed, and findings page by page.
 */
import type { Kysely } from 'kysely';
import type { QuotedText, Severity } from '../diagnostics/index.ts';
import { ancestorNames, type Body } from './bodies.ts';
import { CELL_COLUMNS, cellOfColumn } from './cell-columns.ts';
import { sumOf, type DialectName } from './dialect.ts';
import { CURRENT, sql } from './kysely.ts';
import type { Database, FindingScope } from './schema.ts';

export interface CoverageFilter {
  year: number;
  /** Path range of a subtree (bodies.ts `subtreeOf`); the whole registry when absent. */
  range?: [string, string] | null;
}

export interface MissingBody extends Body {
  /** Ancestors' names from the root: 「黑龙江省」「哈尔滨市」「松北区人民政府」. */
  ancestors: string[];
}

export interface Coverage {
  year: number;
  bodies: number;
  reported: number;
  missing: MissingBody[];
}

export async function coverage(db: Kysely<Database>, filter: CoverageFilter): Promise<Coverage> {
  let bodies = db.selectFrom('bodies as b');
  if (filter.range)
    bodies = bodies.where('b.path', '>=', filter.range[0]).where('b.path', '<', filter.range[1]);
  const total = await bodies.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await bodies
    .select(['b.id', 'b.parent_id', 'b.name', 'b.kind', 'b.level', 'b.path'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reports as r')
            .innerJoin('report_versions as v', (j) =>
              j.onRef('v.report_id', '=', 'r.id').on('v.is_current', '=', CURRENT),
            )
            .select(sql.lit(1).as('one'))
            .whereRef('r.body_id', '=', 'b.id')
            .where('r.year', '=', filter.year),
        ),
      ),
    )
    .orderBy('b.position')
    .execute();
  const names = await ancestorNames(
    db,
    rows.map((r) => r.path),
  );
  const missing = rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind,
    level: r.level,
    path: r.path,
    ancestors: r.path
      .split('/')
      .slice(1, -2)
      .map((id) => names.get(id) ?? id),
  }));
  const n = Number(total.n);
  return { year: filter.year, bodies: n, reported: n - missing.length, missing };
}

export interface TotalsFilter {
  year: number;
  range?: [string, string] | null;
}

export interface RegionTotals {
  year: number;
  /** Current reports summed. */
  reports: number;
  /** Per cell id: the sum over those reports (blank cells count as 0, as the identities do). */
  cells: Record<string, number>;
}

/** Every official cell summed over the current reports of a year, in a subtree or everywhere. */
export async function regionTotals(
  db: Kysely<Database>,
  dialect: DialectName,
  filter: TotalsFilter,
): Promise<RegionTotals> {
  const range = filter.range;
  const row = (await db
    .selectFrom('reports as r')
    .innerJoin('report_versions as v', (j) =>
      j.onRef('v.report_id', '=', 'r.id').on('v.is_current', '=', CURRENT),
    )
    .innerJoin('version_cells as c', 'c.version_id', 'v.id')
    .where('r.year', '=', filter.year)
    .$if(Boolean(range), (qb) =>
      qb
        .innerJoin('bodies as b', 'b.id', 'r.body_id')
        .where('b.path', '>=', range![0])
        .where('b.path', '<', range![1]),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('reports'),
      ...CELL_COLUMNS.map((col) => sumOf(dialect, `c.${col}`).as(col)),
    ])
    .executeTakeFirstOrThrow()) as Record<string, number | string | null>;
  const cells: Record<string, number> = {};
  for (const col of CELL_COLUMNS) cells[cellOfColumn(col)!] = Number(row[col] ?? 0);
  return { year: filter.year, reports: Number(row.reports ?? 0), cells };
}

export interface FindingFilter {
  rule?: string;
  severity?: Severity;
  scope?: FindingScope;
  year?: number;
  range?: [string, string] | null;
  /** Keyset paging: findings after this id. */
  afterId?: number;
  limit?: number;
}

export interface StoredFinding {
  id: number;
  versionId: number;
  reportId: number;
  bodyId: string | null;
  agency: string | null;
  year: number | null;
  format: string;
  source: string;
  scope: FindingScope;
  rule: string;
  severity: Severity;
  message: string;
  cells: string[];
  text: QuotedText | null;
  expected: number | null;
  actual: number | null;
  relatedVersionId: number | null;
}

type FindingColumns = Pick<
  Database['findings'],
  'scope' | 'rule' | 'severity' | 'message' | 'cells' | 'text' | 'expected' | 'actual'
>;

/** What a stored finding says, read back from its row (cells and quoted text are JSON). */
export function findingFields(r: FindingColumns) {
  return {
    scope: r.scope,
    rule: r.rule,
    severity: r.severity as Severity,
    message: r.message,
    cells: JSON.parse(r.cells) as string[],
    text: r.text ? (JSON.parse(r.text) as QuotedText) : null,
    expected: r.expected,
    actual: r.actual,
  };
}

/** Current reports' findings, oldest first, one page (default 50) at a time. */
export async function findingsPage(db: Kysely<Database>, filter: FindingFilter): Promise<StoredFinding[]> {
  const range = filter.range;
  const rows = await db
    .selectFrom('findings as f')
    .innerJoin('report_versions as v', (j) =>
      j.onRef('v.id', '=', 'f.version_id').on('v.is_current', '=', CURRENT),
    )
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .innerJoin('sources as s', 's.sha256', 'v.source_sha256')
    .$if(filter.rule !== undefined, (qb) => qb.where('f.rule', '=', filter.rule!))
    .$if(filter.severity !== undefined, (qb) => qb.where('f.severity', '=', filter.severity!))
    .$if(filter.scope !== undefined, (qb) => qb.where('f.scope', '=', filter.scope!))
    .$if(filter.year !== undefined, (qb) => qb.where('r.year', '=', filter.year!))
    .$if(filter.afterId !== undefined, (qb) => qb.where('f.id', '>', filter.afterId!))
    .$if(Boolean(range), (qb) =>
      qb
        .innerJoin('bodies as b', 'b.id', 'r.body_id')
        .where('b.path', '>=', range![0])
        .where('b.path', '<', range![1]),
    )
    .select([
      'f.id',
      'f.version_id',
      'v.report_id',
      'r.body_id',
      'r.agency',
      'r.year',
      'v.format',
      's.name as source',
      'f.scope',
      'f.rule',
      'f.severity',
      'f.message',
      'f.cells',
      'f.text',
      'f.expected',
      'f.actual',
      'f.related_version_id',
    ])
    .orderBy('f.id')
    .limit(filter.limit ?? 50)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    versionId: Number(r.version_id),
    reportId: Number(r.report_id),
    bodyId: r.body_id,
    agency: r.agency,
    year: r.year,
    format: r.format,
    source: r.source,
    ...findingFields(r),
    relatedVersionId: r.related_version_id === null ? null : Number(r.related_version_id),
  }));
}
