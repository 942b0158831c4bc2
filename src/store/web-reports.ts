/**
 * The reviewer's web app's reads of reports (issue 5): the report list with search, filters, sorting and
 * paging; one report with a version, its source and findings; a body's reports by year for comparison.
 * Every query takes the viewer's scope (a body path range, null for everything): a report outside it, or
 * without a body when the viewer is scoped, is not found.
 */
import type { Kysely, OrderByModifiersCallbackExpression, SelectQueryBuilder } from 'kysely';
import type { QuotedText, Severity } from '../diagnostics/index.ts';
import { parseRecord, type ReportRecord } from '../record/index.ts';
import { ancestorNames } from './bodies.ts';
import { CURRENT, sql } from './kysely.ts';
import { findingFields } from './queries.ts';
import { containsText, likePattern, textOrder } from './text-match.ts';
import type { BodyKind, Database, FindingScope } from './schema.ts';
import { subtreeRange } from './units.ts';

export type Scope = [string, string] | null;

export type ReportSort = 'year' | 'agency' | 'errors' | 'published';

export interface ReportListFilter {
  /** The viewer's scope. */
  range: Scope;
  /** Body name or pinyin initials at any level (every body under a match), or an unmatched report's agency. */
  query?: string;
  /** A body's subtree. */
  region?: Scope;
  year?: number;
  /** The body's kind, or for unmatched reports the agency kind the report gives itself. */
  kind?: BodyKind;
  /** Reports whose current version has a finding of this rule (and/or severity). */
  rule?: string;
  severity?: Severity;
  sort?: ReportSort;
  descending?: boolean;
  offset?: number;
  limit?: number;
}

export interface ReportListRow {
  reportId: number;
  versionId: number;
  agency: string | null;
  agencyKind: string | null;
  bodyId: string | null;
  bodyName: string | null;
  /** Names of the body's ancestors from the root (empty for an unmatched report). */
  bodyPath: string[];
  year: number | null;
  format: string;
  publishedOn: string | null;
  sourceKind: string;
  errors: number;
  warnings: number;
  infos: number;
}

export interface ReportList {
  total: number;
  rows: ReportListRow[];
}

/** Bodies matched by a search, at most this many subtrees (a one-letter search matches half the registry). */
const SEARCH_BODIES = 500;

/**
 * NULL as the smallest value, as SQLite has it (first ascending, last descending); PostgreSQL's NULL is
 * the largest.
 */
const nullsSmallest =
  (direction: 'asc' | 'desc'): OrderByModifiersCallbackExpression =>
  (ob) =>
    direction === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast();

/** The subtrees a search names: matched bodies, minus those inside another matched body. */
async function searchRanges(db: Kysely<Database>, query: string): Promise<[string, string][]> {
  const pattern = likePattern(query);
  const rows = await db
    .selectFrom('bodies')
    .select('path')
    .where((eb) =>
      eb.or([
        containsText(db, 'name', query),
        eb('initials', 'like', pattern.toLowerCase()),
        eb('id', '=', query),
      ]),
    )
    .orderBy('path')
    .limit(SEARCH_BODIES)
    .execute();
  const ranges: [string, string][] = [];
  for (const { path } of rows) {
    const last = ranges[ranges.length - 1];
    if (last && path >= last[0] && path < last[1]) continue;
    ranges.push(subtreeRange(path));
  }
  return ranges;
}

type ListQuery = SelectQueryBuilder<
  Database & { r: Database['reports']; v: Database['report_versions']; b: Database['bodies'] },
  'r' | 'v' | 'b',
  object
>;

const severityCount = (severity: Severity) =>
  sql<number>`(select count(*) from findings f where f.version_id = v.id and f.severity = ${severity})`;

export async function listReports(db: Kysely<Database>, filter: ReportListFilter): Promise<ReportList> {
  const query = filter.query?.trim() ?? '';
  const ranges = query ? await searchRanges(db, query) : [];
  const inRange = (q: ListQuery, range: [string, string]) =>
    q.where('b.path', '>=', range[0]).where('b.path', '<', range[1]);
  // Bodies are joined only when a filter needs them (a join per report costs more than the rest of
  // the count at 100,000 reports); the page's bodies are read afterwards.
  const needsBodies = Boolean(filter.range || filter.region || filter.kind || query);
  let base = db
    .selectFrom('reports as r')
    .innerJoin('report_versions as v', (j) =>
      j.onRef('v.report_id', '=', 'r.id').on('v.is_current', '=', CURRENT),
    )
    .$if(needsBodies, (qb) => qb.leftJoin('bodies as b', 'b.id', 'r.body_id')) as unknown as ListQuery;
  if (filter.range) base = inRange(base, filter.range);
  if (filter.region) base = inRange(base, filter.region);
  if (filter.year !== undefined) base = base.where('r.year', '=', filter.year);
  if (filter.kind)
    base = base.where((eb) =>
      eb.or([
        eb('b.kind', '=', filter.kind!),
        eb.and([eb('b.id', 'is', null), eb('r.agency_kind', '=', filter.kind!)]),
      ]),
    );
  if (query) {
    base = base.where((eb) =>
      eb.or([
        ...ranges.map(([from, to]) => eb.and([eb('b.path', '>=', from), eb('b.path', '<', to)])),
        eb.and([eb('b.id', 'is', null), containsText(db, 'r.agency', query)]),
      ]),
    );
  }
  if (filter.rule !== undefined || filter.severity !== undefined) {
    // `in` rather than a correlated `exists`: the findings of a rule or severity are read once through
    // their index (migration 004) instead of probed once per report. The unary `+` (valid on both
    // databases) keeps SQLite from driving the join from that list into the version rows, which hold
    // whole records: a page read per finding.
    base = base.where(sql<number>`+${sql.ref('v.id')}`, 'in', (eb) =>
      eb
        .selectFrom('findings as f')
        .select('f.version_id')
        .$if(filter.rule !== undefined, (qb) => qb.where('f.rule', '=', filter.rule!))
        .$if(filter.severity !== undefined, (qb) => qb.where('f.severity', '=', filter.severity!)),
    );
  }
  const unfiltered = !needsBodies && filter.year === undefined && !filter.rule && !filter.severity;
  const total = unfiltered
    ? await db
        .selectFrom('report_versions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_current', '=', CURRENT)
        .executeTakeFirstOrThrow()
    : await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const direction = filter.descending ? 'desc' : 'asc';
  // The page is chosen first on plain columns; counts and source kinds are then read for its rows only.
  // Counting every report's findings inside the sort costs seconds at 100,000 reports.
  let rowsQuery = base.select([
    'r.id as report_id',
    'v.id as version_id',
    'r.agency',
    'r.agency_kind',
    'r.body_id',
    'r.year',
  ]);
  // Year, agency and date may be unknown (NULL), and agencies are Chinese: nullsSmallest and textOrder
  // make PostgreSQL order them as SQLite does. The report id breaks every remaining tie.
  const agency = textOrder(db, 'r.agency');
  switch (filter.sort ?? 'year') {
    case 'year':
      rowsQuery = rowsQuery.orderBy('r.year', nullsSmallest(direction)).orderBy(agency, nullsSmallest('asc'));
      break;
    case 'agency':
      rowsQuery = rowsQuery
        .orderBy(agency, nullsSmallest(direction))
        .orderBy('r.year', nullsSmallest('desc'));
      break;
    case 'errors':
      rowsQuery = rowsQuery
        .orderBy(severityCount('error'), direction)
        .orderBy(severityCount('warning'), direction);
      break;
    case 'published':
      rowsQuery = rowsQuery.orderBy(textOrder(db, 'v.published_on'), nullsSmallest(direction));
      break;
  }
  const rows = await rowsQuery
    .orderBy('r.id')
    .offset(filter.offset ?? 0)
    .limit(filter.limit ?? 50)
    .execute();
  const bodies = await bodiesOf(
    db,
    rows.flatMap((r) => (r.body_id ? [r.body_id] : [])),
  );
  const names = await ancestorNames(
    db,
    [...bodies.values()].map((b) => b.path),
  );
  const counts = await severityCounts(
    db,
    rows.map((r) => Number(r.version_id)),
  );
  const versions = await versionsOf(
    db,
    rows.map((r) => Number(r.version_id)),
  );
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      reportId: Number(r.report_id),
      versionId: Number(r.version_id),
      agency: r.agency,
      agencyKind: r.agency_kind,
      bodyId: r.body_id,
      bodyName: r.body_id ? (bodies.get(r.body_id)?.name ?? null) : null,
      bodyPath: pathNames(r.body_id ? (bodies.get(r.body_id)?.path ?? null) : null, names),
      year: r.year,
      format: versions.get(Number(r.version_id))?.format ?? '',
      publishedOn: versions.get(Number(r.version_id))?.publishedOn ?? null,
      sourceKind: versions.get(Number(r.version_id))?.sourceKind ?? '',
      errors: counts.get(`${r.version_id}:error`) ?? 0,
      warnings: counts.get(`${r.version_id}:warning`) ?? 0,
      infos: counts.get(`${r.version_id}:info`) ?? 0,
    })),
  };
}

/** Findings per version and severity, keyed `versionId:severity`, for a page of versions. */
async function severityCounts(db: Kysely<Database>, versionIds: number[]): Promise<Map<string, number>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('findings')
    .select(['version_id', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('version_id', 'in', versionIds)
    .groupBy(['version_id', 'severity'])
    .execute();
  return new Map(rows.map((r) => [`${r.version_id}:${r.severity}`, Number(r.n)]));
}

async function bodiesOf(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, { name: string; path: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('bodies').select(['id', 'name', 'path']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, path: r.path }]));
}

/**
 * Format, date and source kind of a page of versions. Read apart from the page query: a version row holds
 * the whole record, so touching it for every report the sort passes over costs a page read each.
 */
async function versionsOf(
  db: Kysely<Database>,
  ids: number[],
): Promise<Map<number, { format: string; publishedOn: string | null; sourceKind: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('report_versions as v')
    .innerJoin('sources as s', 's.sha256', 'v.source_sha256')
    .select(['v.id', 'v.format', 'v.published_on', 's.kind'])
    .where('v.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [Number(r.id), { format: r.format, publishedOn: r.published_on, sourceKind: r.kind }]),
  );
}

function pathNames(path: string | null, names: Map<string, string>): string[] {
  if (!path) return [];
  return path
    .split('/')
    .slice(1, -2)
    .map((id) => names.get(id) ?? id);
}

export interface ReportHeader {
  reportId: number;
  agency: string | null;
  agencyKind: string | null;
  year: number | null;
  bodyId: string | null;
  bodyName: string | null;
  bodyPath: string[];
  matchMethod: string | null;
  currentVersionId: number | null;
}

/** A report the viewer may see, or null (unknown, outside the scope, or unmatched for a scoped viewer). */
export async function reportHeader(
  db: Kysely<Database>,
  reportId: number,
  range: Scope,
): Promise<ReportHeader | null> {
  const r = await db
    .selectFrom('reports as r')
    .leftJoin('bodies as b', 'b.id', 'r.body_id')
    .leftJoin('report_versions as v', (j) =>
      j.onRef('v.report_id', '=', 'r.id').on('v.is_current', '=', CURRENT),
    )
    .select([
      'r.id',
      'r.agency',
      'r.agency_kind',
      'r.year',
      'r.body_id',
      'r.match_method',
      'b.name as body_name',
      'b.path as body_path',
      'v.id as version_id',
    ])
    .where('r.id', '=', reportId)
    .$if(range !== null, (qb) => qb.where('b.path', '>=', range![0]).where('b.path', '<', range![1]))
    .executeTakeFirst();
  if (!r) return null;
  const names = await ancestorNames(db, r.body_path ? [r.body_path] : []);
  return {
    reportId: Number(r.id),
    agency: r.agency,
    agencyKind: r.agency_kind,
    year: r.year,
    bodyId: r.body_id,
    bodyName: r.body_name,
    bodyPath: pathNames(r.body_path, names),
    matchMethod: r.match_method,
    currentVersionId: r.version_id === null ? null : Number(r.version_id),
  };
}

export interface ReportVersion {
  versionId: number;
  reportId: number;
  isCurrent: boolean;
  parserVersion: number;
  createdAt: string;
  format: string;
  publishedOn: string | null;
  record: ReportRecord;
  source: { sha256: string; name: string; kind: string; size: number };
}

/** One version of a report (the report's scope is checked by `reportHeader`). */
export async function reportVersion(
  db: Kysely<Database>,
  reportId: number,
  versionId: number,
): Promise<ReportVersion | null> {
  const r = await db
    .selectFrom('report_versions as v')
    .innerJoin('sources as s', 's.sha256', 'v.source_sha256')
    .select([
      'v.id',
      'v.report_id',
      'v.is_current',
      'v.parser_version',
      'v.created_at',
      'v.format',
      'v.published_on',
      'v.record',
      's.sha256',
      's.name',
      's.kind',
      's.size',
    ])
    .where('v.id', '=', versionId)
    .where('v.report_id', '=', reportId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    versionId: Number(r.id),
    reportId: Number(r.report_id),
    isCurrent: r.is_current === 1,
    parserVersion: r.parser_version,
    createdAt: r.created_at,
    format: r.format,
    publishedOn: r.published_on,
    record: parseRecord(JSON.parse(r.record)),
    source: { sha256: r.sha256, name: r.name, kind: r.kind, size: Number(r.size) },
  };
}

export interface VersionFinding {
  id: number;
  scope: FindingScope;
  rule: string;
  severity: Severity;
  message: string;
  cells: string[];
  text: QuotedText | null;
  expected: number | null;
  actual: number | null;
  /** Corpus findings: the other report (last year's, or the peer with the same text), when still stored. */
  related: { versionId: number; reportId: number; agency: string | null; year: number | null } | null;
}

/** A version's findings, errors first. */
export async function versionFindings(db: Kysely<Database>, versionId: number): Promise<VersionFinding[]> {
  const rows = await db
    .selectFrom('findings as f')
    .leftJoin('report_versions as rv', 'rv.id', 'f.related_version_id')
    .leftJoin('reports as rr', 'rr.id', 'rv.report_id')
    .select([
      'f.id',
      'f.scope',
      'f.rule',
      'f.severity',
      'f.message',
      'f.cells',
      'f.text',
      'f.expected',
      'f.actual',
      'f.related_version_id',
      'rv.report_id as related_report_id',
      'rr.agency as related_agency',
      'rr.year as related_year',
    ])
    .where('f.version_id', '=', versionId)
    .orderBy('f.id')
    .execute();
  const order: Record<string, number> = { error: 0, warning: 1, info: 2 };
  return rows
    .map((r) => ({
      id: Number(r.id),
      ...findingFields(r),
      related:
        r.related_version_id !== null && r.related_report_id !== null
          ? {
              versionId: Number(r.related_version_id),
              reportId: Number(r.related_report_id),
              agency: r.related_agency,
              year: r.related_year,
            }
          : null,
    }))
    .sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3) || a.id - b.id);
}

export interface BodyYear {
  year: number;
  reportId: number;
  versionId: number;
}

/** A body's current reports by year, latest first (empty when the body is outside the scope). */
export async function bodyYears(db: Kysely<Database>, bodyId: string, range: Scope): Promise<BodyYear[]> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('bodies as b', 'b.id', 'r.body_id')
    .innerJoin('report_versions as v', (j) =>
      j.onRef('v.report_id', '=', 'r.id').on('v.is_current', '=', CURRENT),
    )
    .select(['r.year', 'r.id', 'v.id as version_id'])
    .where('r.body_id', '=', bodyId)
    .where('r.year', 'is not', null)
    .$if(range !== null, (qb) => qb.where('b.path', '>=', range![0]).where('b.path', '<', range![1]))
    .orderBy('r.year', 'desc')
    .orderBy('r.id')
    .execute();
  const seen = new Set<number>();
  const out: BodyYear[] = [];
  for (const r of rows) {
    if (seen.has(r.year!)) continue;
    seen.add(r.year!);
    out.push({ year: r.year!, reportId: Number(r.id), versionId: Number(r.version_id) });
  }
  return out;
}

export interface BodyWithReports {
  id: string;
  name: string;
  path: string[];
  years: number;
}

/** Bodies in the scope with reports of at least two years, matching a search (name or initials). */
export async function comparableBodies(
  db: Kysely<Database>,
  query: string,
  range: Scope,
  limit = 30,
): Promise<BodyWithReports[]> {
  const q = query.trim();
  const pattern = likePattern(q);
  const rows = await db
    .selectFrom('bodies as b')
    .innerJoin('reports as r', 'r.body_id', 'b.id')
    .innerJoin('report_versions as v', (j) =>
      j.onRef('v.report_id', '=', 'r.id').on('v.is_current', '=', CURRENT),
    )
    .select(['b.id', 'b.name', 'b.path', 'b.position'])
    .select(sql<number>`count(distinct r.year)`.as('years'))
    .$if(range !== null, (qb) => qb.where('b.path', '>=', range![0]).where('b.path', '<', range![1]))
    .$if(q !== '', (qb) =>
      qb.where((eb) =>
        eb.or([
          containsText(db, 'b.name', q),
          eb('b.initials', 'like', pattern.toLowerCase()),
          eb('b.id', '=', q),
        ]),
      ),
    )
    .groupBy(['b.id', 'b.name', 'b.path', 'b.position'])
    .having(sql`count(distinct r.year)`, '>=', 2)
    .orderBy('b.position')
    .limit(limit)
    .execute();
  const names = await ancestorNames(
    db,
    rows.map((r) => r.path),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    path: pathNames(r.path, names),
    years: Number(r.years),
  }));
}

/** Distinct years of stored reports, latest first, for the list's year menu. */
export async function reportYears(db: Kysely<Database>): Promise<number[]> {
  const years = await db
    .selectFrom('reports')
    .select('year')
    .distinct()
    .where('year', 'is not', null)
    .orderBy('year', 'desc')
    .execute();
  return years.map((y) => y.year!);
}

export interface RegionChoice {
  id: string;
  name: string;
  level: string;
  /** Depth below the registry's root (0 for a province), for indenting a menu. */
  depth: number;
}

/** Bodies that head a region (province, city, county) within the scope, in path order, for the region menu. */
export async function regionChoices(
  db: Kysely<Database>,
  range: Scope,
  limit = 1000,
): Promise<RegionChoice[]> {
  const rows = await db
    .selectFrom('bodies')
    .select(['id', 'name', 'level', 'path'])
    .where('level', 'in', ['province', 'city', 'county'])
    .$if(range !== null, (qb) => qb.where('path', '>=', range![0]).where('path', '<', range![1]))
    .orderBy('path')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, depth: r.path.split('/').length - 3 }));
}
