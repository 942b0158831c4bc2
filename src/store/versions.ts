/**
 * Writing a report version: its source bytes, the report it belongs to, the record, one row of cells and
 * the findings, inside one transaction (alone, or with other whole reports: decision 006), so a crash
 * leaves either all of it or none.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Finding } from '../diagnostics/index.ts';
import { CELL_COLUMNS } from './cell-columns.ts';
import { PreparedQuery } from './prepared.ts';
import type { Candidate } from './matching.ts';
import { agencyKey } from './matching.ts';
import type { Database, FindingScope } from './schema.ts';
import { CURRENT } from './kysely.ts';

export interface NewVersion {
  source: { sha256: string; bytes: Uint8Array; name: string; kind: string };
  parserVersion: number;
  record: {
    /** The record as JSON, already validated with the record schema. */
    json: string;
    agency: string | null;
    agencyKind: string | null;
    year: number | null;
    format: string;
    publishedOn: string | null;
    /** Hash of what the report says (content.ts `contentHash`). */
    contentHash: string;
  };
  /** The cells in `CELL_COLUMNS` order (`cellValues(record.tables)`). */
  cells: readonly (number | null)[];
  findings: readonly Finding[];
  /**
   * The report's similarity profile (src/corpus `encodeProfile`), kept so the similarity index is rebuilt
   * without reading records. Absent: the corpus checks profile the record when they run.
   */
  profile?: Uint8Array;
  /** The body the agency name was matched to, if any. */
  body: Candidate | null;
  /** `reparse`: the version this one re-reads; it stops being current. */
  replaces?: number;
  /** These bytes are recorded as unreadable (by an older parser): the record goes. */
  wasUnreadable?: boolean;
}

/**
 * - `newReport`: the first version of a report; `newVersion`: a later version, now current;
 * - `sameContent`: the report already says exactly this (the same report from another source): the
 *   source is kept, no version is added;
 * - `known`: these bytes were already read by this parser version (a retried write, a duplicate file).
 */
export type SaveStatus = 'newReport' | 'newVersion' | 'sameContent' | 'known';

export interface Saved {
  status: SaveStatus;
  versionId: number | null;
  reportId: number | null;
  /** The version that stopped being current (a new version or a reparse replaced it). */
  replaced: number | null;
}

const now = () => new Date().toISOString();

/** A report is one (agency, year); a report that names neither is known by its source alone. */
export function reportKey(agency: string | null, year: number | null, sha256: string): string {
  const key = agency ? agencyKey(agency) : '';
  return key && year !== null ? `${key}|${year}` : `source:${sha256}`;
}

export interface FindingToStore extends Finding {
  relatedVersionId?: number | null;
}

const insertFinding = new PreparedQuery(
  (
    db,
    versionId: number,
    scope: FindingScope,
    rule: string,
    severity: string,
    message: string,
    cells: string,
    text: string | null,
    expected: number | null,
    actual: number | null,
    related: number | null,
  ) =>
    db.insertInto('findings').values({
      version_id: versionId,
      scope,
      rule,
      severity,
      message,
      cells,
      text,
      expected,
      actual,
      related_version_id: related,
    }),
);

/** One prepared insert per finding: a report has a few, and compiling a multi-row insert cost more. */
export async function insertFindings(
  trx: Transaction<Database> | Kysely<Database>,
  versionId: number,
  scope: FindingScope,
  findings: readonly FindingToStore[],
): Promise<void> {
  for (const f of findings) {
    await insertFinding.run(
      trx,
      versionId,
      scope,
      f.rule,
      f.severity,
      f.message,
      JSON.stringify(f.cells ?? []),
      f.text ? JSON.stringify(f.text) : null,
      f.expected ?? null,
      f.actual ?? null,
      f.relatedVersionId ?? null,
    );
  }
}

// The queries of one save, compiled once per dialect (prepared.ts).
const Q = {
  source: new PreparedQuery((db, sha: string) =>
    db.selectFrom('sources').select('parsed_with').where('sha256', '=', sha),
  ),
  markSource: new PreparedQuery((db, sha: string, parserVersion: number) =>
    db.updateTable('sources').set({ parsed_with: parserVersion }).where('sha256', '=', sha),
  ),
  insertSource: new PreparedQuery(
    (
      db,
      sha: string,
      name: string,
      kind: string,
      size: number,
      at: string,
      parserVersion: number,
      bytes: Uint8Array,
    ) =>
      db
        .insertInto('sources')
        .values({ sha256: sha, name, kind, size, first_seen: at, parsed_with: parserVersion, bytes }),
  ),
  forgetUnreadable: new PreparedQuery((db, sha: string) =>
    db.deleteFrom('unreadable').where('key', '=', sha),
  ),
  /**
   * A body's reports of every year, a handful: the caller picks the year. Asking for the year in SQL let
   * PostgreSQL walk the year being ingested through `reports_year`, its statistics not yet knowing that
   * year has rows: one lookup read every report of that year stored so far, and at 100,000 reports the
   * lookup's mean grew from 0.13 to 0.55 ms. Without the year (and without an ORDER BY) the body's index
   * is the only plan.
   */
  reportsOfBody: new PreparedQuery((db, bodyId: string) =>
    db.selectFrom('reports').select(['id', 'year', 'body_id', 'match_method']).where('body_id', '=', bodyId),
  ),
  reportByKey: new PreparedQuery((db, key: string) =>
    db.selectFrom('reports').select(['id', 'body_id', 'match_method']).where('report_key', '=', key),
  ),
  insertReport: new PreparedQuery(
    (
      db,
      key: string,
      agency: string | null,
      agencyKey: string | null,
      kind: string | null,
      year: number | null,
      bodyId: string | null,
      confidence: number | null,
      method: string | null,
      at: string,
    ) =>
      db
        .insertInto('reports')
        .values({
          report_key: key,
          agency,
          agency_key: agencyKey,
          agency_kind: kind,
          year,
          body_id: bodyId,
          match_confidence: confidence,
          match_method: method,
          created_at: at,
        })
        .returning('id'),
  ),
  setBody: new PreparedQuery((db, id: number, bodyId: string, confidence: number, method: string) =>
    db
      .updateTable('reports')
      .set({ body_id: bodyId, match_confidence: confidence, match_method: method })
      .where('id', '=', id),
  ),
  current: new PreparedQuery((db, reportId: number) =>
    db
      .selectFrom('report_versions')
      .select(['id', 'content_hash', 'parser_version'])
      .where('report_id', '=', reportId)
      .where('is_current', '=', CURRENT),
  ),
  retire: new PreparedQuery((db, id: number) =>
    db.updateTable('report_versions').set({ is_current: 0 }).where('id', '=', id),
  ),
  insertVersion: new PreparedQuery(
    (
      db,
      reportId: number,
      sha: string,
      parserVersion: number,
      hash: string,
      format: string,
      agency: string | null,
      year: number | null,
      publishedOn: string | null,
      at: string,
      record: string,
    ) =>
      db
        .insertInto('report_versions')
        .values({
          report_id: reportId,
          source_sha256: sha,
          parser_version: parserVersion,
          content_hash: hash,
          format,
          agency,
          year,
          published_on: publishedOn,
          created_at: at,
          is_current: 1,
          record,
        })
        .returning('id'),
  ),
  insertProfile: new PreparedQuery((db, versionId: number, profile: Uint8Array) =>
    db.insertInto('similarity_profiles').values({ version_id: versionId, profile }),
  ),
  markPending: new PreparedQuery((db, versionId: number) =>
    db.insertInto('corpus_pending').values({ version_id: versionId }),
  ),
  insertCells: new PreparedQuery((db, versionId: number, ...values: (number | null)[]) =>
    db.insertInto('version_cells').values({
      version_id: versionId,
      ...Object.fromEntries(CELL_COLUMNS.map((column, i) => [column, values[i]])),
    }),
  ),
};

/** Bytes as the drivers take them, without a copy. */
const toBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Saves one version in its own transaction. */
export async function saveVersion(db: Kysely<Database>, v: NewVersion): Promise<Saved> {
  return db.transaction().execute((trx) => saveIn(trx, v));
}

/**
 * Saves several versions in one transaction, one after the other (group commit): each report is still
 * whole or absent, and a commit, which on a durable server waits for the disk, is paid once per group.
 */
export async function saveVersions(db: Kysely<Database>, versions: readonly NewVersion[]): Promise<Saved[]> {
  return db.transaction().execute(async (trx) => {
    const saved: Saved[] = [];
    for (const v of versions) saved.push(await saveIn(trx, v));
    return saved;
  });
}

/** The body's first report (lowest id) of `year`, if it has one. */
function firstOfYear<R extends { id: number; year: number | null }>(
  rows: readonly R[],
  year: number,
): R | undefined {
  let first: R | undefined;
  for (const row of rows) if (row.year === year && (!first || row.id < first.id)) first = row;
  return first;
}

async function saveIn(trx: Transaction<Database>, v: NewVersion): Promise<Saved> {
  const at = now();
  const sha = v.source.sha256;
  const source = (await Q.source.run(trx, sha)).rows[0];
  if (source && source.parsed_with === v.parserVersion && v.replaces === undefined) {
    return { status: 'known', versionId: null, reportId: null, replaced: null };
  }
  if (source) await Q.markSource.run(trx, sha, v.parserVersion);
  else {
    const b = v.source.bytes;
    await Q.insertSource.run(
      trx,
      sha,
      v.source.name,
      v.source.kind,
      b.byteLength,
      at,
      v.parserVersion,
      toBuffer(b),
    );
    // Bytes a former parser could not read, read now.
    if (v.wasUnreadable) await Q.forgetUnreadable.run(trx, sha);
  }

  const r = v.record;
  const key = reportKey(r.agency, r.year, sha);
  let report: { id: number; body_id: string | null; match_method: string | null } | undefined =
    v.body && r.year !== null
      ? firstOfYear((await Q.reportsOfBody.run(trx, v.body.bodyId)).rows, r.year)
      : undefined;
  report ??= (await Q.reportByKey.run(trx, key)).rows[0];
  let reportId: number;
  if (!report) {
    const inserted = await Q.insertReport.run(
      trx,
      key,
      r.agency,
      r.agency ? agencyKey(r.agency) : null,
      r.agencyKind,
      r.year,
      v.body?.bodyId ?? null,
      v.body?.confidence ?? null,
      v.body?.method ?? null,
      at,
    );
    reportId = Number(inserted.rows[0]!.id);
  } else {
    reportId = Number(report.id);
    if (v.body && report.body_id === null && report.match_method !== 'manual') {
      await Q.setBody.run(trx, reportId, v.body.bodyId, v.body.confidence, v.body.method);
    }
  }

  const current = (await Q.current.run(trx, reportId)).rows[0];
  if (
    current &&
    current.content_hash === r.contentHash &&
    current.parser_version === v.parserVersion &&
    v.replaces === undefined
  ) {
    return { status: 'sameContent', versionId: Number(current.id), reportId, replaced: null };
  }
  if (current) await Q.retire.run(trx, Number(current.id));
  if (v.replaces !== undefined && v.replaces !== Number(current?.id)) await Q.retire.run(trx, v.replaces);
  const replaced = current ? Number(current.id) : (v.replaces ?? null);

  const version = await Q.insertVersion.run(
    trx,
    reportId,
    sha,
    v.parserVersion,
    r.contentHash,
    r.format,
    r.agency,
    r.year,
    r.publishedOn,
    at,
    r.json,
  );
  const versionId = Number(version.rows[0]!.id);
  await Q.insertCells.run(trx, versionId, ...v.cells);
  if (v.findings.length > 0) await insertFindings(trx, versionId, 'report', v.findings);
  // The corpus checks run after the commit; until they have, the version is marked (decision 015).
  if (v.profile) await Q.insertProfile.run(trx, versionId, toBuffer(v.profile));
  await Q.markPending.run(trx, versionId);
  return { status: current || report ? 'newVersion' : 'newReport', versionId, reportId, replaced };
}

/**
 * Replaces one version's findings of a scope in one transaction: `report` on a re-check, `corpus` when
 * the corpus checks run again.
 */
export async function replaceFindings(
  db: Kysely<Database>,
  versionId: number,
  scope: FindingScope,
  findings: readonly FindingToStore[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('findings').where('version_id', '=', versionId).where('scope', '=', scope).execute();
    if (findings.length > 0) await insertFindings(trx, versionId, scope, findings);
  });
}
