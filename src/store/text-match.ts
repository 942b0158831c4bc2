/**
 * Text matching and ordering that give the same answer on SQLite and PostgreSQL (decision 005): a search
 * that folds ASCII case only, and code-point order for Chinese text whatever the server's collation.
 */
import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';
import type { Expression, Kysely, SqlBool } from 'kysely';
import { sql } from './kysely.ts';
import type { Database } from './schema.ts';

export function likePattern(query: string): string {
  // LIKE's wildcards are dropped rather than escaped: escaping differs between dialects.
  return `%${query.replace(/[%_\\]/g, '')}%`;
}

// The same (CommonJS) Kysely build as ./kysely.ts, whose PostgresDialect made the connection's adapter.
const { PostgresAdapter } = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

/** On PostgreSQL: the few expressions below are spelled differently there to give SQLite's answer. */
export function onPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * `column` contains `query`, ASCII letters in either case, every other character exactly (「abc」 finds
 * 「ABC园区」). SQLite's LIKE folds ASCII case and nothing else; PostgreSQL's LIKE is case-sensitive, and
 * its lower() folds by the database's locale (ｘ, Я …), but only ASCII under the "C" collation.
 */
export function containsText(db: Kysely<Database>, column: string, query: string): Expression<SqlBool> {
  const pattern = likePattern(query);
  return onPostgres(db)
    ? sql<SqlBool>`lower(${sql.ref(column)} collate "C") like ${pattern.replace(/[A-Z]+/g, (s) => s.toLowerCase())}`
    : sql<SqlBool>`${sql.ref(column)} like ${pattern}`;
}

/**
 * Text in code-point order on both: SQLite compares bytes (BINARY), PostgreSQL by the database's
 * collation, which on a Chinese server is pinyin (「大」「松」「孝」, not 「大」「孝」「松」).
 */
export function textOrder(db: Kysely<Database>, column: string): Expression<string | null> {
  return onPostgres(db) ? sql<string | null>`${sql.ref(column)} collate "C"` : sql.ref<string | null>(column);
}
