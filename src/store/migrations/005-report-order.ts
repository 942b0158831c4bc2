/**
 * The report list's default order (newest year first, then agency) read from an index: at 100,000 reports
 * sorting them all for each page cost ~60 ms. NULL years sort last descending and NULL agencies first
 * ascending, as the list orders them (web-reports.ts `nullsSmallest`).
 */
import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.ts';

export function reportOrder(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('reports_year_agency')
        .on('reports')
        .expression(sql`year desc, agency, id`)
        .execute();
    },
  };
}
