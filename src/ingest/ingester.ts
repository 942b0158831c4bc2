/**
 * Ingest: files → parsed and checked in worker threads → stored, one transaction per report version.
 *
 * Bytes already read by this parser version are skipped before parsing (their sha256 is known), which is
 * what makes re-ingesting an unchanged corpus cheap and changes nothing. Files that cannot be read are
 * recorded with the reason, never stored as reports (decision 006).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UnusableInputError } from '../diagnostics/index.ts';
import { PARSER_VERSION } from '../pipeline/version.ts';
import {
  StoreError,
  type Matcher,
  type SaveStatus,
  type Store,
  type UnreadableReason,
} from '../store/index.ts';
import { decodeProfile } from '../corpus/index.ts';
import { CORPUS_ROUND, CorpusChecks, CorpusIndex, type CorpusTally } from './corpus-checks.ts';
import type { ParsedReport, ParseResponse } from './messages.ts';
import { ByteBudget } from './byte-budget.ts';
import { PARSER_DEPTH, ParserPool } from './pool.ts';
import { MAX_INPUT_BYTES, readInputFile } from '../pipeline/index.ts';
import { MAX_GROUP, Writer, type WriterOptions } from './writer.ts';

/**
 * - a `SaveStatus` when the report was parsed and written;
 * - `unchanged`: the bytes were already stored by this parser version, not read again;
 * - `duplicate`: the same bytes as another file of this run;
 * - `aborted`: not attempted, the database failed (see `Ingester.fatal`);
 * - `rechecked`: a stored version read again by the parser that wrote it, its findings replaced.
 */
export type IngestStatus = SaveStatus | 'unchanged' | 'duplicate' | 'aborted' | 'rechecked';

export interface Ingested {
  ok: true;
  file: string;
  status: IngestStatus;
  versionId: number | null;
  findings: number;
  /** The report found no body in the registry (only said when a registry exists). */
  unmatched: boolean;
}

export interface IngestFailure {
  ok: false;
  file: string;
  error: { zh: string; en: string };
  internal?: boolean;
}

export type IngestItem = Ingested | IngestFailure;

/** A stored version's source, to read again. */
export interface StoredSource {
  versionId: number;
  sha256: string;
  name: string;
  /** The source's size in bytes, when known: it waits for room in the byte budget before it is read. */
  size?: number;
}

export interface IngesterOptions extends WriterOptions {
  /** Worker threads (default: one per core). */
  jobs: number;
  /** A pool shared with other ingesters (the web app keeps one per server): used, never closed here. */
  pool?: ParserPool;
  /** Default PARSER_VERSION; tests raise it to simulate a parser upgrade. */
  parserVersion?: number;
  /** A similarity index shared with other ingesters over the same store (the web app keeps one). */
  corpusIndex?: CorpusIndex;
  /** The registry's name matcher, kept by the caller (the web app); default: built from the store. */
  matcher?: Matcher;
  /**
   * Ask the store about each file's hash instead of loading every known hash first: for a few files into a
   * large store (an upload: 100,000 hashes take ~0.4 s to load, a lookup microseconds).
   */
  lookUpKnown?: boolean;
  /**
   * Bytes of files read and not yet stored, at most (default BYTES_IN_FLIGHT; a file counts at least
   * LEAST_BYTES_A_FILE, for what it holds once parsed); see ByteBudget.
   */
  bytesInFlight?: number;
  /** Stored reports waiting for their corpus checks, at most, before stored files wait (default CORPUS_BACKLOG). */
  corpusBacklog?: number;
}

/** Default bound on the bytes of files an ingest holds at once. */
const BYTES_IN_FLIGHT = 256 * 1024 * 1024;

/**
 * What a file counts in the budget at least: once parsed, a file of a few kilobytes still holds its record,
 * findings and profile (≈150 KB for a report page) until it is stored. This bounds the files in flight
 * (2,048 at most) whatever `--jobs` asks.
 */
const LEAST_BYTES_A_FILE = 128 * 1024;

/**
 * How many files a batch should keep in flight (read, parsing or waiting to be stored) for `jobs` parsing
 * threads: enough for every thread to hold a full queue (PARSER_DEPTH) while a group of saves is written and
 * the next one gathers. With fewer, the files waiting for the writer hold every place, the threads run dry
 * while the main thread writes, and the machine stands partly idle (decision 006).
 */
export function filesInFlight(jobs: number): number {
  return jobs * PARSER_DEPTH + 2 * MAX_GROUP;
}

/**
 * Stored reports waiting for their corpus checks, at most, before a stored file's answer waits for them. Each
 * holds its similarity profile with its printed sentences (≈13 KB). Where the checks run slower than the saves
 * (PostgreSQL: a few round trips a report), the backlog would otherwise grow with the corpus (1.4 GB of heap at
 * 100,000 reports); held answers keep their places in flight, so no new file is read until the checks catch up.
 */
const CORPUS_BACKLOG = 4 * CORPUS_ROUND;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class Ingester {
  /** The database error that stopped the run (locked, read-only, server gone for good), if any. */
  fatal: StoreError | null = null;

  private readonly inFlight = new Map<string, Promise<IngestItem>>();
  private readonly corpus: CorpusChecks;
  /** The corpus checks running in turn with the saves, while there are arrivals to check. */
  private corpusRun: Promise<void> | null = null;
  /** A fault of the corpus checks other than the database's: the stored reports stay marked pending. */
  private corpusFault: unknown = null;
  /** Stored files waiting for the corpus checks to catch up (`keepPaceWithCorpusChecks`), woken after each round. */
  private corpusWaiters: (() => void)[] = [];

  private constructor(
    private readonly store: Store,
    private readonly pool: ParserPool,
    private readonly writer: Writer,
    /** Hashes already read by this parser version; null: asked of the store file by file. */
    private readonly known: Set<string> | null,
    private readonly unreadable: Map<string, UnreadableReason>,
    private readonly matcher: Matcher,
    readonly parserVersion: number,
    corpusIndex: CorpusIndex | undefined,
  ) {
    this.corpus = new CorpusChecks(store, parserVersion, corpusIndex);
  }

  /** What the corpus checks did this run. */
  get corpusTally(): CorpusTally {
    return this.corpus.tally;
  }

  /** Stored reports of this run waiting for their corpus checks. */
  get corpusWaiting(): number {
    return this.corpus.waiting;
  }

  private sharedPool: ParserPool | undefined;
  private budget = new ByteBudget(BYTES_IN_FLIGHT);
  private corpusBacklog = CORPUS_BACKLOG;

  static async create(store: Store, options: IngesterOptions): Promise<Ingester> {
    const parserVersion = options.parserVersion ?? PARSER_VERSION;
    const [known, unreadable, matcher] = [
      options.lookUpKnown ? null : await store.knownSources(parserVersion),
      await store.knownUnreadable(),
      options.matcher ?? (await store.matcher()),
    ];
    const ingester = new Ingester(
      store,
      options.pool ?? new ParserPool(Math.max(1, options.jobs)),
      new Writer(store, options),
      known,
      unreadable,
      matcher,
      parserVersion,
      options.corpusIndex,
    );
    ingester.sharedPool = options.pool;
    if (options.bytesInFlight !== undefined) ingester.budget = new ByteBudget(options.bytesInFlight);
    if (options.corpusBacklog !== undefined) ingester.corpusBacklog = options.corpusBacklog;
    return ingester;
  }

  async close(): Promise<void> {
    if (this.pool !== this.sharedPool) await this.pool.close();
  }

  private aborted(file: string): Ingested {
    return { ok: true, file, status: 'aborted', versionId: null, findings: 0, unmatched: false };
  }

  /** Writes through the writer; a database failure that retrying cannot cure stops the run. */
  private async write<T>(file: string, run: (writer: Writer) => Promise<T>): Promise<T | Ingested> {
    if (this.fatal) return this.aborted(file);
    try {
      return await run(this.writer);
    } catch (e) {
      if (e instanceof StoreError) {
        this.fatal ??= e;
        return this.aborted(file);
      }
      throw e;
    }
  }

  private async unusable(
    file: string,
    error: { code: string; zh: string; en: string },
    hash: string | null,
    record: boolean,
  ): Promise<IngestItem> {
    if (record) {
      const written = await this.write(file, (writer) =>
        writer.run(() =>
          this.store.recordUnreadable({
            sha256: hash,
            name: basename(file),
            path: resolve(file),
            code: error.code,
            zh: error.zh,
            en: error.en,
            parserVersion: this.parserVersion,
          }),
        ),
      );
      if (typeof written === 'object') return written;
      if (hash) this.unreadable.set(hash, { ...error, parserVersion: this.parserVersion });
    }
    return { ok: false, file, error: { zh: error.zh, en: error.en } };
  }

  /**
   * Ingests one file. `probe`: found in a directory under an unknown extension; if it is not a report it
   * is dropped quietly instead of being recorded as unreadable.
   */
  async ingestFile(file: string, probe = false): Promise<IngestItem> {
    if (this.fatal) return this.aborted(file);
    const size = sizeBeforeReading(file);
    await this.budget.take(size);
    try {
      let bytes: Uint8Array;
      try {
        bytes = readInputFile(file);
      } catch (e) {
        if (e instanceof UnusableInputError) return await this.unusable(file, e, null, !probe);
        throw e;
      }
      return await this.ingestBytes(file, bytes, probe);
    } finally {
      this.budget.give(size);
    }
  }

  /** Ingests bytes already in memory (an upload); `file` names them, its base name is the source's name. */
  async ingestBytes(file: string, bytes: Uint8Array, probe = false): Promise<IngestItem> {
    if (this.fatal) return this.aborted(file);
    const hash = sha256(bytes);
    if (this.known ? this.known.has(hash) : await this.store.isKnownSource(hash, this.parserVersion)) {
      return { ok: true, file, status: 'unchanged', versionId: null, findings: 0, unmatched: false };
    }
    const seen = this.unreadable.get(hash);
    if (seen?.parserVersion === this.parserVersion)
      return { ok: false, file, error: { zh: seen.zh, en: seen.en } };
    const twin = this.inFlight.get(hash);
    if (twin) {
      const first = await twin;
      return first.ok ? { ...first, file, status: 'duplicate', versionId: null } : { ...first, file };
    }
    const work = this.parseAndStore(file, bytes, hash, probe);
    this.inFlight.set(hash, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(hash);
    }
  }

  private async parseAndStore(
    file: string,
    bytes: Uint8Array,
    hash: string,
    probe: boolean,
  ): Promise<IngestItem> {
    const response: ParseResponse = await this.pool.parse(bytes, file);
    if (!response.ok) {
      if ('internal' in response) {
        return {
          ok: false,
          file,
          internal: true,
          error: {
            zh: `内部错误：${firstLine(response.internal)}`,
            en: `internal error: ${firstLine(response.internal)}`,
          },
        };
      }
      return this.unusable(file, response.unusable, hash, !probe);
    }
    return this.save(file, bytes, hash, response.report);
  }

  private async save(
    file: string,
    bytes: Uint8Array,
    hash: string,
    report: ParsedReport,
    replaces?: number,
  ): Promise<IngestItem> {
    const match =
      report.agency && this.matcher.size > 0 ? this.matcher.match(report.agency, report.agencyKind) : null;
    const saved = await this.write(file, (writer) =>
      writer.save({
        source: { sha256: hash, bytes, name: basename(file), kind: report.sourceKind },
        parserVersion: this.parserVersion,
        record: {
          json: report.json,
          agency: report.agency,
          agencyKind: report.agencyKind,
          year: report.year,
          format: report.format,
          publishedOn: report.publishedOn,
          contentHash: report.contentHash,
        },
        cells: report.cells,
        findings: report.findings,
        profile: report.profileBytes,
        body: match?.best ?? null,
        wasUnreadable: this.unreadable.has(hash),
        ...(replaces === undefined ? {} : { replaces }),
      }),
    );
    if ('ok' in saved) return saved;
    this.known?.add(hash);
    this.unreadable.delete(hash);
    if (saved.versionId !== null && (saved.status === 'newReport' || saved.status === 'newVersion')) {
      this.corpus.arrive({
        versionId: saved.versionId,
        replaced: saved.replaced,
        profile: decodeProfile(report.profileBytes, report.sentenceTexts),
        facts: report.facts,
      });
      this.runCorpusChecks(true);
      await this.keepPaceWithCorpusChecks();
    }
    return {
      ok: true,
      file,
      status: saved.status,
      versionId: saved.versionId,
      findings: report.findings.length,
      unmatched: this.matcher.size > 0 && !match?.best,
    };
  }

  /**
   * Runs the corpus checks of what has arrived, a round per write, in turn with the saves. While files are
   * still coming (`fullRounds`) only full rounds run: each round is a transaction and a look at the stored
   * profiles, worth paying once per hundred reports, not once per report. `settleCorpusChecks` runs the rest.
   */
  private runCorpusChecks(fullRounds = false): void {
    if (this.corpusRun || this.corpus.waiting === 0) return;
    if (fullRounds && !this.corpus.roundFull) return;
    // With arrivals waiting, the loop reaches its first write before it can reset `corpusRun`.
    this.corpusRun = this.corpusLoop(fullRounds);
  }

  private async corpusLoop(fullRounds: boolean): Promise<void> {
    try {
      while (
        (fullRounds ? this.corpus.roundFull : this.corpus.waiting > 0) &&
        !this.fatal &&
        !this.corpusFault
      ) {
        await this.write('', (writer) => writer.run(() => this.corpus.runRound()));
        this.wakeCorpusWaiters();
      }
    } catch (e) {
      this.corpusFault ??= e;
    }
    // Reset right after the last look at the queue: an arrival from now on starts a new loop.
    this.corpusRun = null;
    this.wakeCorpusWaiters();
  }

  /**
   * Holds a stored file's answer while more than `corpusBacklog` stored reports wait for their corpus checks and
   * a loop of rounds is running (which runs while a whole round waits: without one, fewer than a round wait).
   */
  private async keepPaceWithCorpusChecks(): Promise<void> {
    while (this.corpus.waiting > this.corpusBacklog && this.corpusRun && !this.fatal && !this.corpusFault) {
      await new Promise<void>((wake) => this.corpusWaiters.push(wake));
    }
  }

  private wakeCorpusWaiters(): void {
    const waiters = this.corpusWaiters;
    this.corpusWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Runs every waiting arrival's corpus checks, including a last round that is not full. */
  private async settleCorpusChecks(): Promise<void> {
    for (;;) {
      // A loop running full rounds may stop with a partial round left.
      await this.corpusRun;
      if (this.corpus.waiting === 0 || this.fatal || this.corpusFault) return;
      this.runCorpusChecks();
    }
  }

  /**
   * Waits for the corpus checks of this run, then runs those an earlier run left pending (a crash, or
   * versions stored before the checks ran at ingest) and those made before the corpus was large enough to
   * tell its boilerplate, a round at a time.
   */
  async finishCorpusChecks(): Promise<void> {
    await this.settleCorpusChecks();
    if (!this.fatal && !this.corpusFault) {
      try {
        // Checking the leftovers can take the corpus past the size where boilerplate is told: once more then.
        while (!this.fatal && !this.corpusFault) {
          await this.corpus.requeueUndiscounted();
          const leftovers = await this.corpus.leftovers();
          if (leftovers.length === 0) break;
          for (let i = 0; i < leftovers.length && !this.fatal && !this.corpusFault; i += 100) {
            await this.corpus.arriveFromStore(leftovers.slice(i, i + 100));
            await this.settleCorpusChecks();
          }
        }
      } catch (e) {
        if (!(e instanceof StoreError)) throw e;
        this.fatal ??= e;
      }
    }
    if (this.corpusFault) throw this.corpusFault;
  }

  /** `xxgk reparse`: reads a stored version's source again with this parser and stores the result. */
  async reparse(stored: StoredSource, label: string): Promise<IngestItem> {
    if (this.fatal) return this.aborted(label);
    const size = budgetShare(stored.size ?? 0);
    await this.budget.take(size);
    try {
      const read = await this.readAgain(stored, label);
      if ('ok' in read) return read;
      const item = await this.save(stored.name, read.bytes, stored.sha256, read.report, stored.versionId);
      return { ...item, file: label };
    } finally {
      this.budget.give(size);
    }
  }

  /**
   * 重新检查 (the web app): a stored version read and checked again in a parsing thread. Read by an older
   * parser, it becomes a new version, as `reparse` makes it; read by this one, its record stands and its
   * findings are replaced (the checks may have changed); read by a newer one, it is refused. The corpus
   * checks of the report's current version run again before this returns.
   */
  async recheck(stored: StoredSource & { parserVersion: number }): Promise<IngestItem> {
    if (stored.parserVersion > this.parserVersion) {
      // This parser would read it differently from the record on file: only a newer xxgk may re-check it.
      return {
        ok: false,
        file: stored.name,
        error: {
          zh: `这份报告由更新版本的解析器（版本 ${stored.parserVersion}）读取，请升级 xxgk 后再重新检查`,
          en: `read by a newer parser (version ${stored.parserVersion}); upgrade xxgk to re-check it`,
        },
      };
    }
    if (stored.parserVersion < this.parserVersion) {
      const item = await this.reparse(stored, stored.name);
      await this.corpusChecksOfThisRun();
      return item;
    }
    if (this.fatal) return this.aborted(stored.name);
    const read = await this.readAgain(stored, stored.name);
    if ('ok' in read) return read;
    const { findings } = read.report;
    const written = await this.write(stored.name, (writer) =>
      writer.run(() => this.store.replaceReportFindings(stored.versionId, findings)),
    );
    if (typeof written === 'object') return written;
    await this.corpus.arriveFromStore([stored.versionId]);
    await this.corpusChecksOfThisRun();
    return {
      ok: true,
      file: stored.name,
      status: 'rechecked',
      versionId: stored.versionId,
      findings: findings.length,
      unmatched: false,
    };
  }

  /** A stored source parsed again, or why it could not be. */
  private async readAgain(
    stored: StoredSource,
    label: string,
  ): Promise<{ bytes: Uint8Array; report: ParsedReport } | IngestFailure> {
    const bytes = await this.store.sourceBytes(stored.sha256);
    if (!bytes) {
      return {
        ok: false,
        file: label,
        error: { zh: '数据库中缺少原始文件', en: 'source bytes missing from the database' },
      };
    }
    const response = await this.pool.parse(bytes, stored.name);
    if (response.ok) return { bytes, report: response.report };
    if ('internal' in response) {
      return {
        ok: false,
        file: label,
        internal: true,
        error: {
          zh: `内部错误：${firstLine(response.internal)}`,
          en: `internal error: ${firstLine(response.internal)}`,
        },
      };
    }
    return { ok: false, file: label, error: { zh: response.unusable.zh, en: response.unusable.en } };
  }

  /** Waits for the corpus checks of what this run stored (not those earlier runs left pending). */
  private async corpusChecksOfThisRun(): Promise<void> {
    await this.settleCorpusChecks();
    if (this.corpusFault) throw this.corpusFault;
  }
}

/**
 * A file's share of the byte budget, told before reading it (when its size cannot be told, readInputFile then
 * says why the file cannot be read).
 */
function sizeBeforeReading(file: string): number {
  try {
    return budgetShare(statSync(file).size);
  } catch {
    return LEAST_BYTES_A_FILE;
  }
}

/** What a file of `size` bytes counts in the byte budget: at least LEAST_BYTES_A_FILE, at most what is read. */
function budgetShare(size: number): number {
  return Math.max(LEAST_BYTES_A_FILE, Math.min(size, MAX_INPUT_BYTES));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
