/**
 * Everything that differs between SQLite and PostgreSQL, in one file: opening a connection, the column
 * types the migrations need, how to tell a lock, a read-only file or a lost server from a bug, and the
 * database's size. Every query is written once, in Kysely, for both.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { ColumnDataType, Expression, Kysely as KyselyDb, RawBuilder } from 'kysely';
import type pg from 'pg';
import { StoreError } from './errors.ts';
import { Kysely, PostgresDialect, sql, SqliteDialect } from './kysely.ts';
import { describeLocation, type StoreLocation } from './location.ts';
import type { Database } from './schema.ts';
import { ReaderPool, SqliteReadersDialect } from './sqlite-readers.ts';

export type DialectName = 'sqlite' | 'postgres';

/** Column types whose SQL differs; everything else is `text`, `integer` or `real` on both. */
export interface ColumnTypes {
  dialect: DialectName;
  /** Auto-assigned integer primary key. */
  id: ColumnDataType;
  /** Raw bytes. */
  bytes: ColumnDataType;
  /** Text compared byte by byte (materialised paths: a subtree is a prefix range). */
  binaryText: ColumnDataType | Expression<unknown>;
  /** Floating-point numbers (money in 万元, confidences). */
  real: ColumnDataType;
  /** Integers that may exceed 2^31 (ids referencing `id` columns). */
  bigint: ColumnDataType;
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  return dialect === 'sqlite'
    ? { dialect, id: 'integer', bytes: 'blob', binaryText: 'text', real: 'real', bigint: 'integer' }
    : {
        dialect,
        id: 'bigserial',
        bytes: 'bytea',
        binaryText: sql`text collate "C"`,
        real: 'double precision',
        bigint: 'bigint',
      };
}

/**
 * A column's sum over many rows: SQLite's `total()` (a float sum without integer overflow checks) is ~15%
 * faster than `sum()` over the ~230 cell columns of a region sum; PostgreSQL has only `sum()`.
 */
export function sumOf(dialect: DialectName, column: string): RawBuilder<number | null> {
  return dialect === 'sqlite'
    ? sql<number | null>`total(${sql.ref(column)})`
    : sql<number | null>`sum(${sql.ref(column)})`;
}

export interface Connection {
  dialect: DialectName;
  db: KyselyDb<Database>;
  /** Bytes the database takes on disk. */
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

/** Milliseconds a write waits for another program's lock on the SQLite file (XXGK_BUSY_TIMEOUT). */
function busyTimeout(): number {
  const ms = Number(process.env.XXGK_BUSY_TIMEOUT);
  return Number.isFinite(ms) && ms >= 0 ? ms : 10_000;
}

export interface OpenOptions {
  /** Only reading: a read-only file is fine, a missing one is an error, migrations are not applied. */
  readOnly?: boolean;
  /**
   * SQLite only: answer SELECTs in this many worker threads, each with its own read-only connection, and
   * keep the main connection for writes (sqlite-readers.ts). For servers, where requests overlap.
   */
  readers?: number;
}

export async function connect(location: StoreLocation, options: OpenOptions = {}): Promise<Connection> {
  return location.kind === 'sqlite' ? connectSqlite(location.file, options) : connectPostgres(location.url);
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * better-sqlite3 statements prepared once per SQL text: Kysely prepares on every call, and a report's
 * insert of ~230 cell columns costs more to prepare than to run.
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, key, receiver) {
      if (key !== 'prepare') return Reflect.get(target, key, receiver) as unknown;
      return (text: string) => {
        let statement = cache.get(text);
        if (!statement) {
          if (cache.size >= 500) cache.clear();
          statement = prepare(text);
          cache.set(text, statement);
        }
        return statement;
      };
    },
  });
}

function connectSqlite(file: string, options: OpenOptions): Connection {
  const where = describeLocation({ kind: 'sqlite', file });
  const exists = existsSync(file);
  if (exists && statSync(file).isDirectory()) {
    throw new StoreError(
      'cannotOpen',
      `数据库路径是一个目录：${where}`,
      `database path is a directory: ${where}`,
    );
  }
  if (options.readOnly && !exists) {
    throw new StoreError(
      'cannotOpen',
      `数据库不存在：${where}；请先用 xxgk ingest 导入报告`,
      `no database at ${where}; ingest reports first`,
    );
  }
  let readOnly = Boolean(options.readOnly);
  if (!readOnly) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (e) {
      throw new StoreError(
        'cannotOpen',
        `无法创建数据库所在目录：${dirname(file)}`,
        `cannot create the database folder ${dirname(file)}`,
        e,
      );
    }
    // A write needs the file and its folder (the write-ahead log lives beside it).
    if ((exists && !writable(file)) || !writable(dirname(file))) {
      throw new StoreError(
        'readOnly',
        `数据库文件只读，无法写入：${where}`,
        `database file is read-only: ${where}`,
      );
    }
  } else if (!writable(file) || !writable(dirname(file))) {
    readOnly = true;
  } else {
    readOnly = false;
  }
  let database: SqliteDatabase.Database;
  try {
    database = new SqliteDatabase(file, {
      readonly: readOnly,
      fileMustExist: readOnly,
      timeout: busyTimeout(),
    });
    // Fails on a file that is not an SQLite database.
    database.pragma('schema_version');
    if (!readOnly) database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('cache_size = -65536');
    database.pragma('temp_store = MEMORY');
    // Planner statistics: without them SQLite may count a report's findings through the severity index
    // (every error in the corpus) instead of the version's own findings — seconds instead of milliseconds
    // for a page of the report list. 0x10002 analyses, with a bounded sample, the tables that need it.
    if (!readOnly) database.pragma('optimize = 0x10002');
  } catch (e) {
    throw classify('sqlite', e, where) ?? e;
  }
  const cached = withStatementCache(database);
  // Another connection to an in-memory database would be another, empty database.
  const readers =
    options.readers && options.readers > 0 && !database.memory
      ? new ReaderPool({ file, busyTimeoutMs: busyTimeout() }, options.readers)
      : null;
  const dialect = readers
    ? new SqliteReadersDialect(cached, readers)
    : new SqliteDialect({ database: cached });
  const db = new Kysely<Database>({ dialect });
  return {
    dialect: 'sqlite',
    db,
    sizeBytes: async () =>
      [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0),
    close: async () => {
      // The reading threads' connections first: the journal mode changes only with no other connection.
      await readers?.close();
      // At rest the file is in rollback-journal mode: a user who may only read it (no -shm file can be
      // made beside it) can still open it. The next writer turns write-ahead logging on again.
      if (!readOnly) {
        try {
          database.pragma('optimize');
          database.pragma('journal_mode = DELETE');
        } catch {
          // Another connection is open: it will leave the mode as it finds it.
        }
      }
      await db.destroy();
    },
  };
}

/** int8 (counts, ids) and numeric (sums of bigint) as JS numbers: our counts stay far below 2^53. */
function numberTypes(types: typeof pg.types) {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      (oid === 20 || oid === 1700) && format !== 'binary'
        ? (value: string) => Number(value)
        : types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
}

async function connectPostgres(url: string): Promise<Connection> {
  const where = describeLocation({ kind: 'postgres', url });
  // Loaded only for PostgreSQL: SQLite users never pay for it.
  const { default: pgModule } = await import('pg');
  const pool = new pgModule.Pool({
    connectionString: url,
    max: 4,
    types: numberTypes(pgModule.types),
    connectionTimeoutMillis: 10_000,
  });
  // A connection the server drops is not a crash: the query on it fails (and is retried on a fresh
  // connection by whoever retries); the error event itself, idle or checked out, is only noted here.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
    // No JIT: a region sum is ~230 aggregates, which LLVM takes seconds to compile once the planner's cost
    // passes jit_above_cost (≈ 100,000 current reports of one year): 2.1 s instead of 0.1 s measured with JIT
    // forced on 20,000 reports. Queued before any other query on the connection; servers without JIT
    // (before PostgreSQL 11) reject the setting, which changes nothing.
    client.query('SET jit = off').catch(() => {});
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => {});
    const error = classify('postgres', e, where);
    if (error?.code === 'connectionLost') {
      throw new StoreError(
        'unavailable',
        `无法连接 PostgreSQL：${where}`,
        `cannot connect to PostgreSQL: ${where}`,
        e,
      );
    }
    throw error ?? e;
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    sizeBytes: async () => {
      const r = await sql<{ size: number }>`select pg_database_size(current_database()) as size`.execute(db);
      return Number(r.rows[0]?.size ?? 0);
    },
    close: async () => {
      await db.destroy();
    },
  };
}

const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

const PG_CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** A database error a user must be told about, as a StoreError; null for anything else (a bug). */
export function classify(dialect: DialectName, e: unknown, where: string): StoreError | null {
  if (e instanceof StoreError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = e instanceof Error ? e.message : String(e);
  if (dialect === 'sqlite') {
    if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
      return new StoreError(
        'locked',
        `数据库正被其他程序使用，等待 ${seconds(busyTimeout())} 秒后仍未释放：${where}`,
        `database is locked by another program: ${where}`,
        e,
      );
    }
    if (code.startsWith('SQLITE_READONLY')) {
      return new StoreError(
        'readOnly',
        `数据库文件只读，无法写入：${where}`,
        `database file is read-only: ${where}`,
        e,
      );
    }
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return new StoreError(
        'notDatabase',
        `不是 xxgk 数据库或文件已损坏：${where}`,
        `not an xxgk database, or the file is damaged: ${where}`,
        e,
      );
    }
    if (code === 'SQLITE_CANTOPEN') {
      return new StoreError(
        'cannotOpen',
        `无法打开数据库：${where}`,
        `cannot open the database: ${where}`,
        e,
      );
    }
    return null;
  }
  if (code === '28P01' || code === '28000') {
    return new StoreError(
      'unavailable',
      `PostgreSQL 拒绝登录：${where}`,
      `PostgreSQL refused the login: ${where}`,
      e,
    );
  }
  if (code === '3D000') {
    return new StoreError(
      'cannotOpen',
      `PostgreSQL 数据库不存在：${where}`,
      `no such PostgreSQL database: ${where}`,
      e,
    );
  }
  if (code === '25006') {
    return new StoreError(
      'readOnly',
      `PostgreSQL 数据库只读：${where}`,
      `PostgreSQL database is read-only: ${where}`,
      e,
    );
  }
  if (
    PG_CONNECTION_CODES.has(code) ||
    NET_CODES.has(code) ||
    /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i.test(
      message,
    )
  ) {
    return new StoreError(
      'connectionLost',
      `与 PostgreSQL 的连接中断：${where}`,
      `lost the connection to PostgreSQL: ${where}`,
      e,
    );
  }
  return null;
}
