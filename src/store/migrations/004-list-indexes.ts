/**
 * Indexes for the web app's report list at 100,000 reports: which versions have a finding of a severity
 * or rule, read from the index alone (the findings rows carry messages and quotes; scanning them cost
 * ~300 ms per list page).
 */
import type { Kysely, Migration } from 'kysely';

export function listIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('findings_severity_version')
        .on('findings')
        .columns(['severity', 'version_id'])
        .execute();
      await db.schema
        .createIndex('findings_rule_version')
        .on('findings')
        .columns(['rule', 'severity', 'version_id'])
        .execute();
    },
  };
}
