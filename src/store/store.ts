/**
 * The store: one object per open database, the same methods on SQLite and PostgreSQL. Every database
 * error a user must hear about (locked, read-only, server gone) comes out as a `StoreError`.
 */
import type { Kysely } from 'kysely';
import type { ReportRecord } from '../record/index.ts';
import {
  acceptMatch,
  bodyById,
  importBodies,
  loadMatcher,
  searchBodies,
  subtreeOf,
  unmatchedReports,
  type AcceptTarget,
  type Body,
  type ImportResult,
  type UnmatchedReport,
} from './bodies.ts';
import {
  addUser,
  audit,
  auditLog,
  countUsers,
  createSession,
  credentials,
  deleteExpiredSessions,
  deleteSession,
  listUsers,
  sessionOf,
  setPassword,
  userById,
  type AuditEntry,
  type NewUser,
  type SessionRow,
  type User,
} from './accounts.ts';
import { decide, decisionsOf, undecide, type FindingDecision } from './decisions.ts';
import {
  corpusReport,
  corpusSubject,
  currentProfiles,
  neighbourReport,
  neighbourVersions,
  markCorpusPending,
  pendingCorpusChecks,
  reportsOfYear,
  saveCorpusChecks,
  versionRecord,
  versionsRelatedTo,
  type CorpusChecksDone,
  type CorpusReport,
  type CorpusSubject,
  type StoredProfile,
} from './corpus.ts';
import { classify, connect, type Connection, type DialectName, type OpenOptions } from './dialect.ts';
import { StoreError } from './errors.ts';
import {
  allFindings,
  currentRecords,
  formatsOf,
  reportRows,
  type ReportFilter,
  type ReportRow,
  type StoredRecord,
} from './exports.ts';
import { describeLocation, type StoreLocation } from './location.ts';
import type { Matcher } from './matching.ts';
import { migrate } from './migrate.ts';
import {
  coverage,
  findingsPage,
  regionTotals,
  type Coverage,
  type CoverageFilter,
  type FindingFilter,
  type RegionTotals,
  type StoredFinding,
  type TotalsFilter,
} from './queries.ts';
import type { Database, Decision } from './schema.ts';
import type { ValidBody } from './units.ts';
import {
  knownUnreadable,
  listUnreadable,
  recentUnreadable,
  recordUnreadable,
  type StoredUnreadable,
  type UnreadableReason,
  type UnreadableFile,
} from './unreadable.ts';
import {
  replaceFindings,
  saveVersion,
  saveVersions,
  type FindingToStore,
  type NewVersion,
  type Saved,
} from './versions.ts';
import {
  bodyYears,
  comparableBodies,
  listReports,
  reportHeader,
  reportVersion,
  regionChoices,
  reportYears,
  versionFindings,
  type BodyWithReports,
  type BodyYear,
  type ReportHeader,
  type ReportList,
  type ReportListFilter,
  type RegionChoice,
  type ReportVersion,
  type VersionFinding,
} from './web-reports.ts';
import {
  activityByBody,
  activityByYear,
  bodyCounts,
  registryIn,
  reportedBodies,
  childBodies,
  searchBodiesIn,
  withAncestors,
  yearsOnRecord,
  type BodyCount,
  type FoundBody,
  type YearActivity,
} from './web-bodies.ts';
import { CURRENT } from './kysely.ts';

export interface StoreCounts {
  bodies: number;
  sources: number;
  reports: number;
  versions: number;
  currentVersions: number;
  cells: number;
  findings: number;
  unreadable: number;
}

export interface VersionHistoryEntry {
  versionId: number;
  sha256: string;
  parserVersion: number;
  isCurrent: boolean;
  createdAt: string;
}

export class Store {
  private constructor(
    private readonly connection: Connection,
    readonly location: StoreLocation,
  ) {}

  /** Opens (creating if need be) the database and brings its schema up to date. */
  static async open(location: StoreLocation, options: OpenOptions = {}): Promise<Store> {
    const connection = await connect(location, options);
    const store = new Store(connection, location);
    try {
      await store.guard(() => migrate(connection.db, connection.dialect, !options.readOnly));
    } catch (e) {
      await connection.close().catch(() => {});
      throw e;
    }
    return store;
  }

  get dialect(): DialectName {
    return this.connection.dialect;
  }

  /** The query builder, for store modules that add queries (src/store is the only user). */
  get db(): Kysely<Database> {
    return this.connection.db;
  }

  get where(): string {
    return describeLocation(this.location);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Runs a database call, turning what a user must be told about into a StoreError. */
  async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw classify(this.dialect, e, this.where) ?? e;
    }
  }

  private async *guardAll<T>(items: AsyncGenerator<T>): AsyncGenerator<T> {
    try {
      yield* items;
    } catch (e) {
      throw classify(this.dialect, e, this.where) ?? e;
    }
  }

  sizeBytes(): Promise<number> {
    return this.guard(() => this.connection.sizeBytes());
  }

  counts(): Promise<StoreCounts> {
    return this.guard(async () => {
      const count = async (table: keyof Database, where?: [string, number]) => {
        let q = this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
        if (where) q = q.where(where[0] as never, '=', where[1] as never);
        return Number((await q.executeTakeFirstOrThrow()).n);
      };
      return {
        bodies: await count('bodies'),
        sources: await count('sources'),
        reports: await count('reports'),
        versions: await count('report_versions'),
        currentVersions: await count('report_versions', ['is_current', 1]),
        cells: await count('version_cells'),
        findings: await count('findings'),
        unreadable: await count('unreadable'),
      };
    });
  }

  // ---------------------------------------------------------------- ingest

  /** sha256 of every source already read by `parserVersion`: such files are skipped unread. */
  /** Whether these bytes were already read by this parser version. */
  isKnownSource(sha256: string, parserVersion: number): Promise<boolean> {
    return this.guard(async () => {
      const row = await this.db
        .selectFrom('sources')
        .select('sha256')
        .where('sha256', '=', sha256)
        .where('parsed_with', '=', parserVersion)
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  knownSources(parserVersion: number): Promise<Set<string>> {
    return this.guard(async () => {
      const rows = await this.db
        .selectFrom('sources')
        .select('sha256')
        .where('parsed_with', '=', parserVersion)
        .execute();
      return new Set(rows.map((r) => r.sha256));
    });
  }

  /** Unreadable bytes on record, with the parser version that could not read them. */
  knownUnreadable(): Promise<Map<string, UnreadableReason>> {
    return this.guard(() => knownUnreadable(this.db));
  }

  /** Saves one report version in one transaction (decision 006). */
  saveVersion(version: NewVersion): Promise<Saved> {
    return this.guard(() => saveVersion(this.db, version));
  }

  /** Saves report versions in one transaction: each is whole or absent, and the commit is paid once. */
  saveVersions(versions: readonly NewVersion[]): Promise<Saved[]> {
    return this.guard(() => saveVersions(this.db, versions));
  }

  recordUnreadable(file: UnreadableFile): Promise<boolean> {
    return this.guard(() => recordUnreadable(this.db, file));
  }

  listUnreadable(): Promise<StoredUnreadable[]> {
    return this.guard(() => listUnreadable(this.db));
  }

  /** Current versions read by an older parser, one page at a time (for `xxgk reparse`). */
  staleVersions(
    parserVersion: number,
    afterVersionId = 0,
    limit = 500,
  ): Promise<{ versionId: number; sha256: string; name: string; size: number }[]> {
    return this.guard(async () => {
      const rows = await this.db
        .selectFrom('report_versions as v')
        .innerJoin('sources as s', 's.sha256', 'v.source_sha256')
        .select(['v.id', 'v.source_sha256', 's.name', 's.size'])
        .where('v.is_current', '=', CURRENT)
        .where('v.parser_version', '<', parserVersion)
        .where('v.id', '>', afterVersionId)
        .orderBy('v.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        versionId: Number(r.id),
        sha256: r.source_sha256,
        name: r.name,
        size: Number(r.size),
      }));
    });
  }

  sourceBytes(sha256: string): Promise<Uint8Array | null> {
    return this.guard(async () => {
      const r = await this.db
        .selectFrom('sources')
        .select('bytes')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return r ? new Uint8Array(r.bytes) : null;
    });
  }

  /** Every version of a report, oldest first. */
  history(reportId: number): Promise<VersionHistoryEntry[]> {
    return this.guard(async () => {
      const rows = await this.db
        .selectFrom('report_versions')
        .select(['id', 'source_sha256', 'parser_version', 'is_current', 'created_at'])
        .where('report_id', '=', reportId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        versionId: Number(r.id),
        sha256: r.source_sha256,
        parserVersion: r.parser_version,
        isCurrent: r.is_current === 1,
        createdAt: r.created_at,
      }));
    });
  }

  // ---------------------------------------------------------------- bodies

  importUnits(bodies: readonly ValidBody[]): Promise<ImportResult> {
    return this.guard(() => importBodies(this.db, bodies));
  }

  matcher(): Promise<Matcher> {
    return this.guard(() => loadMatcher(this.db));
  }

  body(id: string): Promise<Body | null> {
    return this.guard(() => bodyById(this.db, id));
  }

  /** The path range of a body's subtree; a StoreError-free null when the id is unknown. */
  subtree(bodyId: string): Promise<[string, string] | null> {
    return this.guard(() => subtreeOf(this.db, bodyId));
  }

  searchBodies(query: string, limit?: number): Promise<Body[]> {
    return this.guard(() => searchBodies(this.db, query, limit));
  }

  unmatchedReports(year?: number): Promise<UnmatchedReport[]> {
    return this.guard(() => unmatchedReports(this.db, year));
  }

  acceptMatch(target: AcceptTarget, bodyId: string): Promise<number | null> {
    return this.guard(() => acceptMatch(this.db, target, bodyId));
  }

  // ---------------------------------------------------------------- queries

  coverage(filter: CoverageFilter): Promise<Coverage> {
    return this.guard(() => coverage(this.db, filter));
  }

  regionTotals(filter: TotalsFilter): Promise<RegionTotals> {
    return this.guard(() => regionTotals(this.db, this.dialect, filter));
  }

  findingsPage(filter: FindingFilter): Promise<StoredFinding[]> {
    return this.guard(() => findingsPage(this.db, filter));
  }

  // ---------------------------------------------------------------- exports

  reportRows(filter: ReportFilter): AsyncGenerator<ReportRow> {
    return this.guardAll(reportRows(this.db, filter));
  }

  currentRecords(filter: ReportFilter): AsyncGenerator<StoredRecord> {
    return this.guardAll(currentRecords(this.db, filter));
  }

  formatsOf(filter: ReportFilter): Promise<string[]> {
    return this.guard(() => formatsOf(this.db, filter));
  }

  allFindings(filter: FindingFilter): AsyncGenerator<StoredFinding> {
    return this.guardAll(allFindings(this.db, filter));
  }

  // ---------------------------------------------------------------- corpus checks (src/corpus)

  corpusReport(versionId: number): Promise<CorpusReport | null> {
    return this.guard(() => corpusReport(this.db, versionId));
  }

  /** The same body's current report of last year (-1) or next year (+1). */
  neighbourReport(versionId: number, offset: -1 | 1): Promise<CorpusReport | null> {
    return this.guard(() => neighbourReport(this.db, versionId, offset));
  }

  reportsOfYear(year: number, page?: { afterVersionId?: number; limit?: number }): Promise<CorpusReport[]> {
    return this.guard(() => reportsOfYear(this.db, year, page));
  }

  /** The integration point of the corpus checks: replaces one version's `corpus` findings. */
  saveCorpusFindings(versionId: number, findings: readonly FindingToStore[]): Promise<void> {
    return this.guard(() => replaceFindings(this.db, versionId, 'corpus', findings));
  }

  // The corpus checks at ingest (src/ingest/corpus-checks.ts, decision 015).

  corpusSubject(versionId: number): Promise<CorpusSubject | null> {
    return this.guard(() => corpusSubject(this.db, versionId));
  }

  /** The current versions of the same body's reports of the year before and after. */
  neighbourVersions(subject: CorpusSubject): Promise<{ previous: number | null; next: number | null }> {
    return this.guard(() => neighbourVersions(this.db, subject));
  }

  /** A version's record; validated again unless `trustedParser` (this run's parser version) wrote it. */
  versionRecord(versionId: number, trustedParser?: number): Promise<ReportRecord | null> {
    return this.guard(() => versionRecord(this.db, versionId, trustedParser));
  }

  /** Current versions whose corpus findings name this version (to re-check when it is replaced). */
  versionsRelatedTo(versionId: number): Promise<number[]> {
    return this.guard(() => versionsRelatedTo(this.db, versionId));
  }

  /** Versions whose corpus checks have not run (a crash, or stored before decision 015). */
  pendingCorpusChecks(): Promise<number[]> {
    return this.guard(() => pendingCorpusChecks(this.db));
  }

  /** Marks versions for their corpus checks again (`pendingCorpusChecks` then returns them). */
  markCorpusPending(versionIds: readonly number[]): Promise<void> {
    return this.guard(() => markCorpusPending(this.db, versionIds));
  }

  currentProfiles(afterVersionId: number, limit = 2000): Promise<StoredProfile[]> {
    return this.guard(() => currentProfiles(this.db, afterVersionId, limit));
  }

  /** A round of corpus checks, in one transaction: findings replaced, pending marks cleared. */
  saveCorpusChecks(round: CorpusChecksDone): Promise<void> {
    return this.guard(() => saveCorpusChecks(this.db, round));
  }

  // ---------------------------------------------------------------- web app: accounts, decisions, audit

  countUsers(): Promise<number> {
    return this.guard(() => countUsers(this.db));
  }

  /** Adds a user; null when the login is taken. */
  addUser(user: NewUser): Promise<User | null> {
    return this.guard(() => addUser(this.db, user, new Date().toISOString()));
  }

  user(id: number): Promise<User | null> {
    return this.guard(() => userById(this.db, id));
  }

  credentials(login: string): Promise<{ user: User; passwordHash: string } | null> {
    return this.guard(() => credentials(this.db, login));
  }

  listUsers(): Promise<User[]> {
    return this.guard(() => listUsers(this.db));
  }

  /** Sets a user's password hash and ends the user's sessions. */
  setPassword(userId: number, passwordHash: string): Promise<void> {
    return this.guard(() => setPassword(this.db, userId, passwordHash));
  }

  createSession(session: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    return this.guard(() => createSession(this.db, session));
  }

  session(tokenHash: string, now: string): Promise<SessionRow | null> {
    return this.guard(() => sessionOf(this.db, tokenHash, now));
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.guard(() => deleteSession(this.db, tokenHash));
  }

  deleteExpiredSessions(now: string): Promise<void> {
    return this.guard(() => deleteExpiredSessions(this.db, now));
  }

  audit(entry: {
    userId: number | null;
    action: string;
    target: string | null;
    detail: object;
  }): Promise<void> {
    return this.guard(() => audit(this.db, { at: new Date().toISOString(), ...entry }));
  }

  auditLog(page?: { beforeId?: number; limit?: number }): Promise<AuditEntry[]> {
    return this.guard(() => auditLog(this.db, page));
  }

  decide(d: {
    reportId: number;
    findingKey: string;
    decision: Decision;
    comment: string;
    userId: number;
  }): Promise<void> {
    return this.guard(() => decide(this.db, { ...d, at: new Date().toISOString() }));
  }

  undecide(reportId: number, findingKey: string): Promise<void> {
    return this.guard(() => undecide(this.db, reportId, findingKey));
  }

  decisions(reportId: number): Promise<Map<string, FindingDecision>> {
    return this.guard(() => decisionsOf(this.db, reportId));
  }

  // ---------------------------------------------------------------- web app: reports and comparison (web-reports.ts)

  /** The report list: search, filters, sorting and a page, within the viewer's scope. */
  listReports(filter: ReportListFilter): Promise<ReportList> {
    return this.guard(() => listReports(this.db, filter));
  }

  /** A report the viewer may see, or null. */
  reportHeader(reportId: number, range: [string, string] | null): Promise<ReportHeader | null> {
    return this.guard(() => reportHeader(this.db, reportId, range));
  }

  reportVersion(reportId: number, versionId: number): Promise<ReportVersion | null> {
    return this.guard(() => reportVersion(this.db, reportId, versionId));
  }

  versionFindings(versionId: number): Promise<VersionFinding[]> {
    return this.guard(() => versionFindings(this.db, versionId));
  }

  /** Re-check: replaces one version's `report` findings (its `corpus` findings stay). */
  replaceReportFindings(versionId: number, findings: readonly FindingToStore[]): Promise<void> {
    return this.guard(() => replaceFindings(this.db, versionId, 'report', findings));
  }

  bodyYears(bodyId: string, range: [string, string] | null): Promise<BodyYear[]> {
    return this.guard(() => bodyYears(this.db, bodyId, range));
  }

  comparableBodies(
    query: string,
    range: [string, string] | null,
    limit?: number,
  ): Promise<BodyWithReports[]> {
    return this.guard(() => comparableBodies(this.db, query, range, limit));
  }

  reportYears(): Promise<number[]> {
    return this.guard(() => reportYears(this.db));
  }

  regionChoices(range: [string, string] | null): Promise<RegionChoice[]> {
    return this.guard(() => regionChoices(this.db, range));
  }

  // ---------------------------------------------------------------- web app: bodies, coverage, overview

  /** Bodies in a range with their own and their subtree's reporting for `year` (单位与覆盖). */
  bodyCounts(filter: { year: number; range?: [string, string] | null }): Promise<BodyCount[]> {
    return this.guard(() => bodyCounts(this.db, filter));
  }

  /** Every body in the range, in registry order. */
  registry(range: [string, string] | null): Promise<Body[]> {
    return this.guard(() => registryIn(this.db, range));
  }

  /** Ids of the bodies in the range with a current report for `year`. */
  reportedBodies(year: number, range: [string, string] | null): Promise<string[]> {
    return this.guard(() => reportedBodies(this.db, year, range));
  }

  /** Years with a current report in the range, newest first. */
  yearsOnRecord(range: [string, string] | null): Promise<number[]> {
    return this.guard(() => yearsOnRecord(this.db, range));
  }

  activityByYear(range: [string, string] | null): Promise<YearActivity[]> {
    return this.guard(() => activityByYear(this.db, range));
  }

  activityByBody(filter: {
    year: number;
    range?: [string, string] | null;
  }): Promise<Map<string, { reports: number; findings: number }>> {
    return this.guard(() => activityByBody(this.db, filter));
  }

  /** A body's children, or the top of the registry for null. */
  childBodies(parentId: string | null): Promise<Body[]> {
    return this.guard(() => childBodies(this.db, parentId));
  }

  searchBodiesIn(query: string, range: [string, string] | null, limit?: number): Promise<FoundBody[]> {
    return this.guard(() => searchBodiesIn(this.db, query, range, limit));
  }

  withAncestors(bodies: readonly Body[]): Promise<FoundBody[]> {
    return this.guard(() => withAncestors(this.db, bodies));
  }

  // ---------------------------------------------------------------- web app: uploads

  /** The latest unreadable files, newest first: the failures the upload page lists. */
  recentUnreadable(limit: number): Promise<StoredUnreadable[]> {
    return this.guard(() => recentUnreadable(this.db, limit));
  }

  /** The report stored from these bytes, when its body lies in `range` (null: any report). */
  reportOfSource(sha256: string, range: [string, string] | null): Promise<number | null> {
    return this.guard(async () => {
      let q = this.db
        .selectFrom('report_versions as v')
        .innerJoin('reports as r', 'r.id', 'v.report_id')
        .select('r.id')
        .where('v.source_sha256', '=', sha256);
      if (range)
        q = q
          .innerJoin('bodies as b', 'b.id', 'r.body_id')
          .where('b.path', '>=', range[0])
          .where('b.path', '<', range[1]);
      const row = await q.orderBy('v.id', 'desc').limit(1).executeTakeFirst();
      return row ? Number(row.id) : null;
    });
  }
}

export { StoreError };
