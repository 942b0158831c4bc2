/**
 * The schema's migrations, in order. Applied when a store is opened (`schema_migrations` records which
 * ran). Add a migration as a new file and a new entry; never edit one that has shipped.
 */
import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect.ts';
import { initial } from './001-initial.ts';

export function migrations(types: ColumnTypes): Record<string, Migration> {
  return {
    '001-initial': initial(types),
  };
}
