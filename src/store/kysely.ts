/**
 * Kysely's runtime, loaded from its CommonJS build. Through tsx's ESM hooks the 279 files of the ESM
 * build take 0.6–1 s to load, which every database command would pay before doing anything; the
 * CommonJS build loads in about 0.1 s. Types still come from `import type … from 'kysely'`.
 */
import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';

const kysely = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

export const { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, sql } = kysely;
