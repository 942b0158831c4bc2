/**
 * The `--db` option and opening the database for a command. The store is loaded on demand, so `--help`
 * and usage errors never wait for it; database problems become one line and exit 2, never a stack trace.
 */
import type { OpenOptions, Store } from '../store/index.ts';
import { debugging, EXIT, UsageError } from './errors.ts';

export const DB_FLAGS = '--db <DB>';
export const DB_HELP =
  '数据库：SQLite 文件或 postgres:// 地址，默认取 XXGK_DB，否则 ./data/xxgk.db (database: SQLite file or postgres:// URL; default $XXGK_DB, else ./data/xxgk.db)';

function say(zh: string, en: string): void {
  process.stderr.write(`xxgk: ${zh} (${en})\n`);
}

/**
 * Opens the database, runs `work`, closes it. `readOnly`: the command only reads (a read-only file is
 * fine, a missing database is an error); `readers`: reading threads, for the server.
 */
export async function withStore(
  db: string | undefined,
  options: OpenOptions,
  work: (store: Store) => Promise<number>,
): Promise<number> {
  const { Store, StoreError, resolveLocation } = await import('../store/index.ts');
  let store: Store | null = null;
  try {
    store = await Store.open(resolveLocation(db), options);
    return await work(store);
  } catch (e) {
    if (e instanceof StoreError) {
      say(e.zh, e.en);
      if (debugging() && e.cause instanceof Error && e.cause.stack)
        process.stderr.write(`${e.cause.stack}\n`);
      return EXIT.usage;
    }
    throw e;
  } finally {
    await store?.close().catch(() => {});
  }
}

/** A `--year` value: a four-digit year. */
export function parseYear(text: string | undefined, command: string): number | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 1990 || year > 2100) {
    throw new UsageError(
      `--year 应为四位年份，如 2024，收到 ${text}`,
      `--year must be a year such as 2024, got ${text}`,
      command,
    );
  }
  return year;
}

/** A subtree given by `--under BODY_ID`: its path range, or a usage error for an unknown id. */
export async function underRange(
  store: Store,
  bodyId: string | undefined,
  command: string,
): Promise<[string, string] | null> {
  if (bodyId === undefined) return null;
  const range = await store.subtree(bodyId);
  if (!range) {
    throw new UsageError(
      `单位名录中没有编码 ${bodyId}`,
      `no body with id ${bodyId} in the registry`,
      command,
    );
  }
  return range;
}
