/**
 * SQLite for a server: reads in worker threads, writes on the main connection.
 *
 * better-sqlite3 runs a query synchronously, so through Kysely's own SQLite driver every query of every
 * request waits for the one before it, on the thread that also renders pages. With twenty reviewers a
 * slow answer (a coverage count over 20,000 bodies) held up everyone's next page. Here each SELECT made
 * outside a transaction goes to one of a few reading threads, each with its own read-only connection to
 * the file (write-ahead logging lets them read while the main connection writes); writes and whole
 * transactions stay on the main connection, one at a time. A read sees everything committed before it
 * starts, so a request that writes and then reads sees its own write.
 */
import { cpus } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';
import { startWorker } from '../threads/index.ts';
import { CompiledQuery as Compiled, SqliteDialect } from './kysely.ts';
import type { ReaderSetup, ReadRequest, ReadResponse } from './sqlite-reader.ts';

/** Reading threads a server opens by default: one per core, at least two, at most four. */
export function defaultReaders(): number {
  return Math.min(4, Math.max(2, cpus().length));
}

interface Pending {
  request: ReadRequest;
  resolve: (result: QueryResult<unknown>) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  pending: Pending | null;
  /** It has answered a query: it opened the database. */
  answered: boolean;
}

/** A query's error from a reading thread, with SQLite's code kept for `classify` (dialect.ts). */
function readError(error: { message: string; code: string | undefined }): Error {
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

/**
 * Blobs cross threads as plain Uint8Arrays; the rest of the store reads them as Buffers, as the main
 * connection gives them.
 */
function withBuffers(rows: unknown[]): unknown[] {
  for (const row of rows as Record<string, unknown>[]) {
    for (const key in row) {
      const value = row[key];
      if (value instanceof Uint8Array && !Buffer.isBuffer(value))
        row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return rows;
}

/** A fixed set of reading threads, each answering one query at a time; a thread that dies is replaced. */
export class ReaderPool {
  private readonly readers: Reader[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Why a reading thread could not start (the file cannot be opened): every read fails with it. */
  private broken: Error | null = null;

  constructor(
    private readonly setup: ReaderSetup,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.readers.push(this.spawn());
  }

  private spawn(): Reader {
    const worker = startWorker(new URL('./sqlite-reader.ts', import.meta.url), this.setup);
    // An idle reader does not keep the process alive; one answering a query does (see dispatch).
    worker.unref();
    const reader: Reader = { worker, pending: null, answered: false };
    worker.on('message', (response: ReadResponse) => {
      const pending = reader.pending;
      reader.pending = null;
      reader.answered = true;
      worker.unref();
      if (pending) {
        if ('error' in response) pending.reject(readError(response.error));
        else pending.resolve({ rows: withBuffers(response.rows) });
      }
      this.dispatch();
    });
    const died = (reason: string, error?: Error) => {
      const pending = reader.pending;
      reader.pending = null;
      if (!reader.answered && !this.closed) {
        // It never opened the database: another would fail the same way, again and again. Every read
        // fails with the first reason, whichever thread gave it.
        this.broken ??= error ?? new Error(`SQLite reading thread could not start: ${reason}`);
        pending?.reject(this.broken);
        for (const waiting of this.queue.splice(0)) waiting.reject(this.broken);
        return;
      }
      pending?.reject(error ?? new Error(`SQLite reading thread stopped: ${reason}`));
      if (this.closed) return;
      const index = this.readers.indexOf(reader);
      if (index >= 0) this.readers[index] = this.spawn();
      this.dispatch();
    };
    worker.on('error', (e) =>
      died(e instanceof Error ? e.message : String(e), e instanceof Error ? e : undefined),
    );
    worker.on('exit', (code) => died(`exit code ${code}`));
    return reader;
  }

  private dispatch(): void {
    for (const reader of this.readers) {
      if (this.queue.length === 0) return;
      if (reader.pending) continue;
      const pending = this.queue.shift()!;
      reader.pending = pending;
      reader.worker.ref();
      reader.worker.postMessage(pending.request);
    }
  }

  read(sql: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (this.closed) return Promise.reject(new Error('the SQLite reading threads are closed'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, sql, parameters }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(new Error('the SQLite reading threads are closed'));
    await Promise.all(this.readers.map((reader) => reader.worker.terminate()));
  }
}

/** One holder at a time, in the order they asked. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves, once the lock is held, to the function that releases it. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const granted = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return granted;
  }
}

class RoutedConnection implements DatabaseConnection {
  /** Set while this connection holds a transaction: its queries then all run on the main connection. */
  release: (() => void) | null = null;

  constructor(private readonly driver: ReadersDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(this, query) as Promise<QueryResult<R>>;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on the SQLite reading threads');
  }
}

class ReadersDriver implements Driver {
  private readonly writing = new Mutex();

  constructor(
    private readonly database: SqliteDatabase.Database,
    private readonly readers: ReaderPool,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async releaseConnection(): Promise<void> {}

  async execute(connection: RoutedConnection, query: CompiledQuery): Promise<QueryResult<unknown>> {
    if (connection.release) return this.onMain(query);
    if (this.isRead(query)) return this.readers.read(query.sql, query.parameters);
    // A write outside a transaction waits for any open transaction to end.
    const release = await this.writing.acquire();
    try {
      return this.onMain(query);
    } finally {
      release();
    }
  }

  /**
   * A query that returns rows and writes nothing, as SQLite itself judges it (the statement is prepared,
   * and cached, on the main connection): safe to answer from another connection. Pragmas stay here: they
   * read or set this connection's own state.
   */
  private isRead(query: CompiledQuery): boolean {
    const statement = this.database.prepare(query.sql);
    return statement.reader && statement.readonly && !/^\s*pragma\b/i.test(query.sql);
  }

  /** As Kysely's SQLite connection runs a query. */
  private onMain(query: CompiledQuery): QueryResult<unknown> {
    const statement = this.database.prepare(query.sql);
    if (statement.reader) return { rows: statement.all(query.parameters) };
    const { changes, lastInsertRowid } = statement.run(query.parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const routed = connection as RoutedConnection;
    const release = await this.writing.acquire();
    try {
      this.onMain(Compiled.raw('begin'));
    } catch (e) {
      release();
      throw e;
    }
    routed.release = release;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed commit keeps the lock: Kysely rolls back next.
    this.onMain(Compiled.raw('commit'));
    this.endTransaction(connection as RoutedConnection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      if (this.database.inTransaction) this.onMain(Compiled.raw('rollback'));
    } finally {
      this.endTransaction(connection as RoutedConnection);
    }
  }

  private endTransaction(connection: RoutedConnection): void {
    const release = connection.release;
    connection.release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.readers.close();
    this.database.close();
  }
}

/** Kysely's SQLite dialect with the driver above. */
export class SqliteReadersDialect extends SqliteDialect {
  constructor(
    private readonly database: SqliteDatabase.Database,
    private readonly readers: ReaderPool,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    return new ReadersDriver(this.database, this.readers);
  }
}
