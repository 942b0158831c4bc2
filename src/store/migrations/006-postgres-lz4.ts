/**
 * PostgreSQL compresses a large value (a record's JSON, a source file's bytes) when it stores it, with pglz
 * unless told otherwise. pglz took ≈1.2 ms of the server's CPU per 25 KB record, most of the database's work
 * at ingest (≈75 reports/s at 100,000 reports, the server process the busiest on the machine); lz4 compresses
 * the same value in ≈0.2 ms to a similar size. Servers built with lz4 (PostgreSQL 14 on; Debian's is) use it
 * for these two columns from now on; values already stored keep theirs, and both read back the same. Other
 * servers, and SQLite, are left as they are.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../dialect.ts';
import { sql } from '../kysely.ts';

export function postgresLz4(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (types.dialect !== 'postgres') return;
      const { rows } = await sql<{ lz4: boolean }>`
        select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'
      `.execute(db);
      if (rows[0]?.lz4 !== true) return;
      await sql`alter table report_versions alter column record set compression lz4`.execute(db);
      await sql`alter table sources alter column bytes set compression lz4`.execute(db);
    },
  };
}
