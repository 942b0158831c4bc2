/**
 * The schema's migrations, in order. Applied when a store is opened (`schema_migrations` records which
 * ran). Add a migration as a new file and a new entry; never edit one that has shipped.
 */
import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect.ts';
import { initial } from './001-initial.ts';
import { similarity } from './002-similarity.ts';
import { accounts } from './003-accounts.ts';
import { listIndexes } from './004-list-indexes.ts';
import { reportOrder } from './005-report-order.ts';
import { postgresLz4 } from './006-postgres-lz4.ts';

export function migrations(types: ColumnTypes): Record<string, Migration> {
  return {
    '001-initial': initial(types),
    '002-similarity': similarity(types),
    '003-accounts': accounts(types),
    '004-list-indexes': listIndexes(),
    '005-report-order': reportOrder(),
    '006-postgres-lz4': postgresLz4(types),
  };
}
