/**
 * A reading thread of the web server's SQLite store (sqlite-readers.ts): its own read-only connection to
 * the file, answering one SELECT at a time with the rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

export interface ReaderSetup {
  file: string;
  /** Milliseconds to wait on a lock (a checkpoint), as the main connection does. */
  busyTimeoutMs: number;
}

export interface ReadRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export type ReadResponse =
  { id: number; rows: unknown[] } | { id: number; error: { message: string; code: string | undefined } };

const { file, busyTimeoutMs } = workerData as ReaderSetup;
const database = new SqliteDatabase(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
database.pragma('cache_size = -65536');
database.pragma('temp_store = MEMORY');

/** Statements prepared once per SQL text, as on the main connection (dialect.ts). */
const statements = new Map<string, SqliteDatabase.Statement>();

function statementOf(sql: string): SqliteDatabase.Statement {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= 500) statements.clear();
    statement = database.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

parentPort!.on('message', ({ id, sql, parameters }: ReadRequest) => {
  let response: ReadResponse;
  try {
    response = { id, rows: statementOf(sql).all(parameters) };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    response = {
      id,
      error: {
        message: e instanceof Error ? e.message : String(e),
        code: typeof code === 'string' ? code : undefined,
      },
    };
  }
  parentPort!.postMessage(response);
});
