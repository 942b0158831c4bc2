/**
 * The first schema: bodies, sources, reports and their versions, one row of cells per version, findings,
 * unreadable files. Frozen: a later change is a new migration, never an edit here. The cell columns are
 * the official cells of both formats as of this migration (a test checks they match the catalogue).
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../dialect.ts';
import { sql } from '../kysely.ts';

const ACTIVE_CELLS = [
  // format 2021
  ...['issued', 'repealed', 'inForce'].flatMap((c) => [`regulations.${c}`, `normativeDocuments.${c}`]),
  'licensing.decisions',
  'punishment.decisions',
  'coercion.decisions',
  // format 2019
  ...['made', 'published', 'total'].flatMap((c) => [`regulations.${c}`, `normativeDocuments.${c}`]),
  'licensing.previous',
  'licensing.change',
  ...['previous', 'change', 'decisions'].map((c) => `otherServices.${c}`),
  'punishment.previous',
  'punishment.change',
  'coercion.previous',
  'coercion.change',
  'fees.previous',
  'fees.change',
  'procurement.projects',
].map((id) => `active.${id}`);

const MONEY_CELLS = ['active.fees.amountWan', 'active.procurement.amountWan'];

const REQUEST_ROWS = [
  'received',
  'carriedOver',
  'granted',
  'partiallyGranted',
  ...[
    'stateSecret',
    'prohibitedByLaw',
    'securityStability',
    'thirdPartyRights',
    'internalAffairs',
    'processInformation',
    'enforcementFiles',
    'queryMatters',
  ].map((r) => `withheld.${r}`),
  ...['notHeld', 'needsCreation', 'stillUnclear'].map((r) => `unavailable.${r}`),
  ...['complaint', 'repeated', 'publications', 'excessive', 'confirmation'].map((r) => `declined.${r}`),
  'other',
  'other.noCorrection',
  'other.unpaidFee',
  'other.otherReasons',
  'processedTotal',
  'carriedForward',
];
const REQUEST_COLUMNS = [
  'naturalPerson',
  'commercial',
  'research',
  'nonprofit',
  'legalService',
  'otherOrg',
  'total',
];
const REVIEW_GROUPS = ['reconsideration', 'lawsuitDirect', 'lawsuitAfterReconsideration'];
const REVIEW_OUTCOMES = ['upheld', 'corrected', 'other', 'pending', 'total'];

/** Whole-number cells of both formats, as of this migration. */
export const COUNT_CELLS_001: readonly string[] = [
  ...ACTIVE_CELLS,
  ...REQUEST_ROWS.flatMap((r) => REQUEST_COLUMNS.map((c) => `requests.${r}.${c}`)),
  ...REVIEW_GROUPS.flatMap((g) => REVIEW_OUTCOMES.map((o) => `reviews.${g}.${o}`)),
];
export const MONEY_CELLS_001: readonly string[] = MONEY_CELLS;

const column = (id: string) => id.replaceAll('.', '_');

export function initial(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('bodies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('parent_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('path', types.binaryText as 'text', (c) => c.notNull())
        .addColumn('initials', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('bodies_path').on('bodies').column('path').execute();
      await db.schema.createIndex('bodies_parent').on('bodies').column('parent_id').execute();

      await db.schema
        .createTable('body_aliases')
        .addColumn('alias', 'text', (c) => c.primaryKey())
        .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sources')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('parsed_with', 'integer', (c) => c.notNull())
        // Last: SQLite keeps the short columns before a large value on the row's first page.
        .addColumn('bytes', types.bytes, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sources_parsed_with')
        .on('sources')
        .columns(['parsed_with', 'sha256'])
        .execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', types.id, (c) => c.primaryKey())
        .addColumn('report_key', 'text', (c) => c.notNull().unique())
        .addColumn('agency', 'text')
        .addColumn('agency_key', 'text')
        .addColumn('agency_kind', 'text')
        .addColumn('year', 'integer')
        .addColumn('body_id', 'text', (c) => c.references('bodies.id').onDelete('set null'))
        .addColumn('match_confidence', types.real)
        .addColumn('match_method', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_body_year').on('reports').columns(['body_id', 'year']).execute();
      await db.schema.createIndex('reports_year').on('reports').columns(['year', 'id']).execute();
      await db.schema
        .createIndex('reports_agency_year')
        .on('reports')
        .columns(['agency_key', 'year'])
        .execute();

      await db.schema
        .createTable('report_versions')
        .addColumn('id', types.id, (c) => c.primaryKey())
        .addColumn('report_id', types.bigint, (c) => c.notNull().references('reports.id'))
        .addColumn('source_sha256', 'text', (c) => c.notNull().references('sources.sha256'))
        .addColumn('parser_version', 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('agency', 'text')
        .addColumn('year', 'integer')
        .addColumn('published_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('is_current', 'integer', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('report_versions_report')
        .on('report_versions')
        .column('report_id')
        .execute();
      await db.schema
        .createIndex('report_versions_current')
        .unique()
        .on('report_versions')
        .column('report_id')
        .where(sql.ref('is_current'), '=', sql.lit(1))
        .execute();
      await db.schema
        .createIndex('report_versions_source')
        .on('report_versions')
        .column('source_sha256')
        .execute();

      let cells = db.schema
        .createTable('version_cells')
        .addColumn('version_id', types.bigint, (c) => c.primaryKey().references('report_versions.id'));
      for (const id of COUNT_CELLS_001) cells = cells.addColumn(column(id), 'integer');
      for (const id of MONEY_CELLS_001) cells = cells.addColumn(column(id), types.real);
      await cells.execute();

      await db.schema
        .createTable('findings')
        .addColumn('id', types.id, (c) => c.primaryKey())
        .addColumn('version_id', types.bigint, (c) => c.notNull().references('report_versions.id'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('cells', 'text', (c) => c.notNull())
        .addColumn('text', 'text')
        .addColumn('expected', types.real)
        .addColumn('actual', types.real)
        .addColumn('related_version_id', types.bigint, (c) => c.references('report_versions.id'))
        .execute();
      await db.schema
        .createIndex('findings_version')
        .on('findings')
        .columns(['version_id', 'scope'])
        .execute();
      await db.schema
        .createIndex('findings_rule')
        .on('findings')
        .columns(['rule', 'severity', 'id'])
        .execute();
      await db.schema.createIndex('findings_severity').on('findings').columns(['severity', 'id']).execute();

      await db.schema
        .createTable('unreadable')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('sha256', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('reason_zh', 'text', (c) => c.notNull())
        .addColumn('reason_en', 'text', (c) => c.notNull())
        .addColumn('parser_version', 'integer', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
