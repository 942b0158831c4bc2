/**
 * What the corpus checks (src/corpus: cross-year rules, similarity) need from storage, and where their
 * findings go. Findings of scope `corpus` belong to the version they are about; saving replaces that
 * version's corpus findings, so re-running the checks when a neighbouring year arrives keeps them current.
 */
import type { Kysely } from 'kysely';
import { parseRecord, type ReportRecord } from '../record/index.ts';
import { PreparedQuery } from './prepared.ts';
import type { Database } from './schema.ts';
import { insertFindings, type FindingToStore } from './versions.ts';
import { CURRENT } from './kysely.ts';

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
    .where('v.is_current', '=', CURRENT)
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
    .where('v.is_current', '=', CURRENT)
    .where('r.year', '=', year)
    .where('v.id', '>', page.afterVersionId ?? 0)
    .orderBy('v.id')
    .limit(page.limit ?? 500)
    .execute();
  return rows.map(asCorpusReport);
}

// ---------------------------------------------------------------- corpus checks at ingest (decision 015)

/** What the corpus checks need to know of a version besides its record and profile. */
export interface CorpusSubject {
  versionId: number;
  reportId: number;
  bodyId: string | null;
  agencyKey: string | null;
  agency: string | null;
  year: number | null;
  isCurrent: boolean;
}

/** A current version's similarity profile with its subject, for rebuilding the index. */
export interface StoredProfile extends Omit<CorpusSubject, 'isCurrent'> {
  profile: Uint8Array;
}

/** One version's corpus findings, replacing what it had: all of them, or only the similarity ones. */
export interface CorpusCheck {
  versionId: number;
  findings: readonly FindingToStore[];
  only?: 'similarity';
}

export interface CorpusChecksDone {
  checks: readonly CorpusCheck[];
  /** Profiles made for versions stored without one. */
  profiles: readonly { versionId: number; profile: Uint8Array }[];
  /** Versions whose checks are complete: their pending marks go. */
  done: readonly number[];
}

const SIMILARITY_RULES = 'similarity.%';

// The queries run per report of an ingest, compiled once per dialect (prepared.ts).
const Q = {
  subject: new PreparedQuery((db, versionId: number) =>
    db
      .selectFrom('report_versions as v')
      .innerJoin('reports as r', 'r.id', 'v.report_id')
      .select(['v.id', 'v.report_id', 'r.body_id', 'r.agency_key', 'v.agency', 'r.year', 'v.is_current'])
      .where('v.id', '=', versionId),
  ),
  neighboursOfBody: new PreparedQuery((db, bodyId: string, before: number, after: number) =>
    db
      .selectFrom('report_versions as v')
      .innerJoin('reports as r', 'r.id', 'v.report_id')
      .select(['v.id', 'r.year'])
      .where('v.is_current', '=', CURRENT)
      .where('r.body_id', '=', bodyId)
      .where('r.year', 'in', [before, after])
      .orderBy('v.id'),
  ),
  neighboursOfAgency: new PreparedQuery((db, agencyKey: string, before: number, after: number) =>
    db
      .selectFrom('report_versions as v')
      .innerJoin('reports as r', 'r.id', 'v.report_id')
      .select(['v.id', 'r.year'])
      .where('v.is_current', '=', CURRENT)
      .where('r.agency_key', '=', agencyKey)
      .where('r.year', 'in', [before, after])
      .orderBy('v.id'),
  ),
  record: new PreparedQuery((db, versionId: number) =>
    db.selectFrom('report_versions').select(['record', 'parser_version']).where('id', '=', versionId),
  ),
  deleteAll: new PreparedQuery((db, versionId: number) =>
    db.deleteFrom('findings').where('version_id', '=', versionId).where('scope', '=', 'corpus'),
  ),
  deleteSimilarity: new PreparedQuery((db, versionId: number, rules: string) =>
    db
      .deleteFrom('findings')
      .where('version_id', '=', versionId)
      .where('scope', '=', 'corpus')
      .where('rule', 'like', rules),
  ),
  saveProfile: new PreparedQuery((db, versionId: number, profile: Uint8Array) =>
    db
      .insertInto('similarity_profiles')
      .values({ version_id: versionId, profile })
      .onConflict((oc) => oc.column('version_id').doNothing()),
  ),
  unmark: new PreparedQuery((db, versionId: number) =>
    db.deleteFrom('corpus_pending').where('version_id', '=', versionId),
  ),
};

export async function corpusSubject(db: Kysely<Database>, versionId: number): Promise<CorpusSubject | null> {
  const r = (await Q.subject.run(db, versionId)).rows[0];
  if (!r) return null;
  return {
    versionId: Number(r.id),
    reportId: Number(r.report_id),
    bodyId: r.body_id,
    agencyKey: r.agency_key,
    agency: r.agency,
    year: r.year,
    isCurrent: r.is_current === 1,
  };
}

/**
 * The current versions of the same body's (or, unmatched, the same agency name's) reports of the year
 * before and the year after, as `neighbourReport` finds them, without reading their records.
 */
export async function neighbourVersions(
  db: Kysely<Database>,
  subject: CorpusSubject,
): Promise<{ previous: number | null; next: number | null }> {
  const none = { previous: null, next: null };
  const year = subject.year;
  if (year === null) return none;
  const rows = subject.bodyId
    ? await Q.neighboursOfBody.run(db, subject.bodyId, year - 1, year + 1)
    : subject.agencyKey
      ? await Q.neighboursOfAgency.run(db, subject.agencyKey, year - 1, year + 1)
      : null;
  if (!rows) return none;
  // Rows come in version order: the last of a year is the one neighbourReport takes.
  const found: { previous: number | null; next: number | null } = { ...none };
  for (const r of rows.rows) found[r.year === year - 1 ? 'previous' : 'next'] = Number(r.id);
  return found;
}

/**
 * A version's record, validated like every record read back (decision 005) — unless it was written by
 * `trustedParser`: this parser version validated it with this schema before storing it, and validating it
 * again cost more than the corpus checks that read it (decision 015).
 */
export async function versionRecord(
  db: Kysely<Database>,
  versionId: number,
  trustedParser?: number,
): Promise<ReportRecord | null> {
  const r = (await Q.record.run(db, versionId)).rows[0];
  if (!r) return null;
  const json: unknown = JSON.parse(r.record);
  return r.parser_version === trustedParser ? (json as ReportRecord) : parseRecord(json);
}

/** Current versions whose corpus findings name `versionId` as the other report. */
export async function versionsRelatedTo(db: Kysely<Database>, versionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('findings as f')
    .innerJoin('report_versions as v', 'v.id', 'f.version_id')
    .select('f.version_id')
    .distinct()
    .where('f.related_version_id', '=', versionId)
    .where('f.scope', '=', 'corpus')
    .where('v.is_current', '=', CURRENT)
    .execute();
  return rows.map((r) => Number(r.version_id));
}

/**
 * Marks current versions for their corpus checks again (their findings were made against a corpus whose
 * boilerplate has changed since): the next `pendingCorpusChecks` returns them, in this process or the next.
 */
export async function markCorpusPending(db: Kysely<Database>, versionIds: readonly number[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < versionIds.length; i += 500) {
      const values = versionIds.slice(i, i + 500).map((id) => ({ version_id: id }));
      await trx
        .insertInto('corpus_pending')
        .values(values)
        .onConflict((oc) => oc.column('version_id').doNothing())
        .execute();
    }
  });
}

/** Every version still waiting for its corpus checks, oldest first. */
export async function pendingCorpusChecks(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('corpus_pending').select('version_id').orderBy('version_id').execute();
  return rows.map((r) => Number(r.version_id));
}

/** Current versions' similarity profiles, one page at a time in version order. */
export async function currentProfiles(
  db: Kysely<Database>,
  afterVersionId: number,
  limit: number,
): Promise<StoredProfile[]> {
  const rows = await db
    .selectFrom('similarity_profiles as p')
    .innerJoin('report_versions as v', 'v.id', 'p.version_id')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .select(['p.version_id', 'v.report_id', 'r.body_id', 'r.agency_key', 'v.agency', 'r.year', 'p.profile'])
    .where('v.is_current', '=', CURRENT)
    // By the versions' own key, which both databases walk in order and stop at the limit: ordered by the
    // profiles' key instead, SQLite sorted every later row for each page (7 s to load 100,000 profiles).
    .where('v.id', '>', afterVersionId)
    .orderBy('v.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    versionId: Number(r.version_id),
    reportId: Number(r.report_id),
    bodyId: r.body_id,
    agencyKey: r.agency_key,
    agency: r.agency,
    year: r.year,
    profile: new Uint8Array(r.profile),
  }));
}

/**
 * Writes the outcome of a round of corpus checks in one transaction: each checked version's findings are
 * replaced, and the versions checked lose their pending mark together with them, so a crash leaves a
 * version either checked with every report it affects updated, or still marked.
 */
export async function saveCorpusChecks(db: Kysely<Database>, round: CorpusChecksDone): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const check of round.checks) {
      if (check.only === 'similarity') await Q.deleteSimilarity.run(trx, check.versionId, SIMILARITY_RULES);
      else await Q.deleteAll.run(trx, check.versionId);
      if (check.findings.length > 0) await insertFindings(trx, check.versionId, 'corpus', check.findings);
    }
    for (const p of round.profiles) {
      await Q.saveProfile.run(
        trx,
        p.versionId,
        Buffer.from(p.profile.buffer, p.profile.byteOffset, p.profile.byteLength),
      );
    }
    for (const versionId of round.done) await Q.unmark.run(trx, versionId);
  });
}
