/** Brings a database's schema up to date on open (Kysely's migrator, `schema_migrations` table). */
import type { Kysely, Migrator as MigratorType } from 'kysely';
import { columnTypes, type DialectName } from './dialect.ts';
import { StoreError } from './errors.ts';
import { Migrator, sql } from './kysely.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

const TABLE = 'schema_migrations';

function migrator(db: Kysely<Database>, dialect: DialectName): MigratorType {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations(columnTypes(dialect)) },
    migrationTableName: TABLE,
    migrationLockTableName: `${TABLE}_lock`,
  });
}

/** Names of applied migrations; empty for a new database. */
async function applied(db: Kysely<Database>): Promise<string[]> {
  try {
    const r = await sql<{ name: string }>`select name from ${sql.table(TABLE)}`.execute(db);
    return r.rows.map((row) => row.name);
  } catch {
    return [];
  }
}

/**
 * Applies pending migrations (when `write`), or checks that none is pending (read-only opening).
 * A database migrated by a newer xxgk is refused: this version does not know its tables.
 */
export async function migrate(db: Kysely<Database>, dialect: DialectName, write: boolean): Promise<void> {
  const known = Object.keys(migrations(columnTypes(dialect)));
  const done = await applied(db);
  const unknown = done.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new StoreError(
      'newerSchema',
      `数据库由更新版本的 xxgk 创建（迁移 ${unknown.join('、')}），请升级 xxgk`,
      `the database was created by a newer xxgk (migrations ${unknown.join(', ')}); upgrade xxgk`,
    );
  }
  if (known.every((name) => done.includes(name))) return;
  if (!write) {
    throw new StoreError(
      'readOnly',
      '数据库结构需要升级，但数据库只读或尚未创建；请用可写的数据库运行 xxgk ingest',
      'the database schema needs an upgrade but the database is read-only or new; run xxgk ingest on a writable database',
    );
  }
  const { error } = await migrator(db, dialect).migrateToLatest();
  if (error) throw error;
}
