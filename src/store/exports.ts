/**
 * Current reports read back page by page (keyset paging on the version id), for exports and for the
 * corpus checks: never the whole corpus in memory.
 */
import type { Kysely } from 'kysely';
import { parseRecord, type ReportRecord } from '../record/index.ts';
import { CELL_COLUMNS, cellOfColumn } from './cell-columns.ts';
import { findingsPage, type FindingFilter, type StoredFinding } from './queries.ts';
import type { Database } from './schema.ts';
import { CURRENT } from './kysely.ts';

export interface ReportFilter {
  year?: number;
  range?: [string, string] | null;
}

export interface ReportMeta {
  versionId: number;
  reportId: number;
  bodyId: string | null;
  bodyName: string | null;
  agency: string | null;
  agencyKind: string | null;
  year: number | null;
  format: string;
  publishedOn: string | null;
  source: string;
  sha256: string;
  parserVersion: number;
}

export interface ReportRow extends ReportMeta {
  /** Per cell id; null when blank or absent. */
  cells: Record<string, number | null>;
}

export interface StoredRecord extends ReportMeta {
  record: ReportRecord;
}

function currentVersions(db: Kysely<Database>, filter: ReportFilter, after: number, limit: number) {
  const range = filter.range;
  return db
    .selectFrom('report_versions as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .innerJoin('sources as s', 's.sha256', 'v.source_sha256')
    .leftJoin('bodies as b', 'b.id', 'r.body_id')
    .where('v.is_current', '=', CURRENT)
    .where('v.id', '>', after)
    .$if(filter.year !== undefined, (qb) => qb.where('r.year', '=', filter.year!))
    .$if(Boolean(range), (qb) => qb.where('b.path', '>=', range![0]).where('b.path', '<', range![1]))
    .select([
      'v.id as version_id',
      'v.report_id',
      'r.body_id',
      'b.name as body_name',
      'r.agency',
      'r.agency_kind',
      'r.year',
      'v.format',
      'v.published_on',
      's.name as source',
      'v.source_sha256',
      'v.parser_version',
    ])
    .orderBy('v.id')
    .limit(limit);
}

type MetaRow = {
  version_id: number;
  report_id: number;
  body_id: string | null;
  body_name: string | null;
  agency: string | null;
  agency_kind: string | null;
  year: number | null;
  format: string;
  published_on: string | null;
  source: string;
  source_sha256: string;
  parser_version: number;
};

function meta(r: MetaRow): ReportMeta {
  return {
    versionId: Number(r.version_id),
    reportId: Number(r.report_id),
    bodyId: r.body_id,
    bodyName: r.body_name,
    agency: r.agency,
    agencyKind: r.agency_kind,
    year: r.year,
    format: r.format,
    publishedOn: r.published_on,
    source: r.source,
    sha256: r.source_sha256,
    parserVersion: r.parser_version,
  };
}

/** Current reports with their cells, for a spreadsheet. */
export async function* reportRows(
  db: Kysely<Database>,
  filter: ReportFilter,
  pageSize = 500,
): AsyncGenerator<ReportRow> {
  for (let after = 0; ;) {
    const rows = (await currentVersions(db, filter, after, pageSize)
      .innerJoin('version_cells as c', 'c.version_id', 'v.id')
      .selectAll('c')
      .execute()) as unknown as (MetaRow & Record<string, number | null>)[];
    for (const r of rows) {
      const cells: Record<string, number | null> = {};
      for (const col of CELL_COLUMNS) cells[cellOfColumn(col)!] = r[col] ?? null;
      yield { ...meta(r), cells };
    }
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.version_id);
  }
}

/** Current reports' records, validated with the record schema as they are read. */
export async function* currentRecords(
  db: Kysely<Database>,
  filter: ReportFilter,
  pageSize = 200,
): AsyncGenerator<StoredRecord> {
  for (let after = 0; ;) {
    const rows = (await currentVersions(db, filter, after, pageSize)
      .select('v.record')
      .execute()) as unknown as (MetaRow & { record: string })[];
    for (const r of rows) yield { ...meta(r), record: parseRecord(JSON.parse(r.record)) };
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.version_id);
  }
}

/** The formats of the current reports a filter selects (an export prints only their columns). */
export async function formatsOf(db: Kysely<Database>, filter: ReportFilter): Promise<string[]> {
  const range = filter.range;
  const rows = await db
    .selectFrom('report_versions as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .leftJoin('bodies as b', 'b.id', 'r.body_id')
    .where('v.is_current', '=', CURRENT)
    .$if(filter.year !== undefined, (qb) => qb.where('r.year', '=', filter.year!))
    .$if(Boolean(range), (qb) => qb.where('b.path', '>=', range![0]).where('b.path', '<', range![1]))
    .select('v.format')
    .distinct()
    .execute();
  return rows.map((r) => r.format).sort();
}

/** Every finding of current reports matching the filter, in id order. */
export async function* allFindings(
  db: Kysely<Database>,
  filter: FindingFilter,
): AsyncGenerator<StoredFinding> {
  for (let afterId = 0; ;) {
    const page = await findingsPage(db, { ...filter, afterId, limit: 1000 });
    yield* page;
    if (page.length < 1000) return;
    afterId = page[page.length - 1]!.id;
  }
}
