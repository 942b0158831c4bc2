/**
 * What the corpus checks (src/corpus: cross-year rules, similarity) need from storage, and where their
 * findings go. Findings of scope `corpus` belong to the version they are about; saving replaces that
 * version's corpus findings, so re-running the checks when a neighbouring year arrives keeps them current.
 */
import type { Kysely } from 'kysely';
import { parseRecord, type ReportRecord } from '../record/index.ts';
import type { Database } from './schema.ts';
import { insertFindings, type FindingToStore } from './versions.ts';

export interface CorpusReport {
  versionId: number;
  reportId: number;
  bodyId: string | null;
  agencyKey: string | null;
  year: number | null;
  record: ReportRecord;
}

async function reportOfVersion(db: Kysely<Database>, versionId: number) {
  return db
    .selectFrom('report_versions as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .select(['v.id', 'v.report_id', 'r.body_id', 'r.agency_key', 'r.year', 'v.record'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
}

function asCorpusReport(r: NonNullable<Awaited<ReturnType<typeof reportOfVersion>>>): CorpusReport {
  return {
    versionId: Number(r.id),
    reportId: Number(r.report_id),
    bodyId: r.body_id,
    agencyKey: r.agency_key,
    year: r.year,
    record: parseRecord(JSON.parse(r.record)),
  };
}

export async function corpusReport(db: Kysely<Database>, versionId: number): Promise<CorpusReport | null> {
  const r = await reportOfVersion(db, versionId);
  return r ? asCorpusReport(r) : null;
}

/**
 * The current report of the same body (or, unmatched, the same agency name) for `year + offset`:
 * -1 is last year's report (crossYear.*, similarity.ownPast), +1 next year's (to re-check when an
 * earlier year arrives late). Null when there is none or the report has no year.
 */
export async function neighbourReport(
  db: Kysely<Database>,
  versionId: number,
  offset: -1 | 1,
): Promise<CorpusReport | null> {
  const self = await reportOfVersion(db, versionId);
  if (!self || self.year === null || (self.body_id === null && self.agency_key === null)) return null;
  const year = self.year + offset;
  const r = await db
    .selectFrom('report_versions as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .select(['v.id', 'v.report_id', 'r.body_id', 'r.agency_key', 'r.year', 'v.record'])
    .where('v.is_current', '=', 1)
    .where('r.year', '=', year)
    .where((eb) =>
      self.body_id !== null ? eb('r.body_id', '=', self.body_id) : eb('r.agency_key', '=', self.agency_key!),
    )
    .orderBy('v.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? asCorpusReport(r) : null;
}

/** Current reports of a year, one page at a time in version order (`afterVersionId` for the next page). */
export async function reportsOfYear(
  db: Kysely<Database>,
  year: number,
  page: { afterVersionId?: number; limit?: number } = {},
): Promise<CorpusReport[]> {
  const rows = await db
    .selectFrom('report_versions as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .select(['v.id', 'v.report_id', 'r.body_id', 'r.agency_key', 'r.year', 'v.record'])
    .where('v.is_current', '=', 1)
    .where('r.year', '=', year)
    .where('v.id', '>', page.afterVersionId ?? 0)
    .orderBy('v.id')
    .limit(page.limit ?? 500)
    .execute();
  return rows.map(asCorpusReport);
}

/** Replaces the corpus findings of one version, in one transaction. */
export async function saveCorpusFindings(
  db: Kysely<Database>,
  versionId: number,
  findings: readonly FindingToStore[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('findings')
      .where('version_id', '=', versionId)
      .where('scope', '=', 'corpus')
      .execute();
    if (findings.length > 0) await insertFindings(trx, versionId, 'corpus', findings);
  });
}
