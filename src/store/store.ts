/**
 * The store: one object per open database, the same methods on SQLite and PostgreSQL. Every database
 * error a user must hear about (locked, read-only, server gone) comes out as a `StoreError`.
 */
import type { Kysely } from 'kysely';
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
  corpusReport,
  neighbourReport,
  reportsOfYear,
  saveCorpusFindings,
  type CorpusReport,
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
import type { Database } from './schema.ts';
import type { ValidBody } from './units.ts';
import {
  knownUnreadable,
  listUnreadable,
  recordUnreadable,
  type StoredUnreadable,
  type UnreadableReason,
  type UnreadableFile,
} from './unreadable.ts';
import { saveVersion, saveVersions, type FindingToStore, type NewVersion, type Saved } from './versions.ts';

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
  ): Promise<{ versionId: number; sha256: string; name: string }[]> {
    return this.guard(async () => {
      const rows = await this.db
        .selectFrom('report_versions as v')
        .innerJoin('sources as s', 's.sha256', 'v.source_sha256')
        .select(['v.id', 'v.source_sha256', 's.name'])
        .where('v.is_current', '=', 1)
        .where('v.parser_version', '<', parserVersion)
        .where('v.id', '>', afterVersionId)
        .orderBy('v.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ versionId: Number(r.id), sha256: r.source_sha256, name: r.name }));
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
    return this.guard(() => saveCorpusFindings(this.db, versionId, findings));
  }
}

export { StoreError };
