/**
 * The corpus checks at ingest (decision 015): each current version's similarity profile, from which the
 * similarity index is rebuilt without reading records, and the versions whose corpus checks are still to
 * run. Versions stored before this migration are all marked pending, so the next ingest or reparse
 * profiles and checks them once. Frozen once shipped, like every migration.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../dialect.ts';
import { sql } from '../kysely.ts';

export function similarity(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('similarity_profiles')
        .addColumn('version_id', types.bigint, (c) => c.primaryKey().references('report_versions.id'))
        .addColumn('profile', types.bytes, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('corpus_pending')
        .addColumn('version_id', types.bigint, (c) => c.primaryKey().references('report_versions.id'))
        .execute();
      await sql`insert into corpus_pending (version_id) select id from report_versions where is_current = 1`.execute(
        db,
      );

      // The reports whose corpus findings name a version that was just replaced.
      await db.schema
        .createIndex('findings_related')
        .on('findings')
        .column('related_version_id')
        .where(sql.ref('related_version_id'), 'is not', null)
        .execute();
    },
  };
}
