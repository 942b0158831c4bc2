/**
 * The web app's tables: users with a role and a data scope, login sessions, reviewers' decisions on
 * findings, and the audit log. Frozen once shipped, like every migration.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../dialect.ts';

export function accounts(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', types.id, (c) => c.primaryKey())
        .addColumn('login', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        // A body id: the user sees that body's subtree only. Null: everything.
        .addColumn('scope_body_id', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        // sha256 of the cookie's token: a leaked table does not give working cookies.
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', types.bigint, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('finding_decisions')
        .addColumn('report_id', types.bigint, (c) => c.notNull().references('reports.id'))
        // findingKey(): rule + cells + quoted passage, not the finding's row or position.
        .addColumn('finding_key', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('user_id', types.bigint, (c) => c.notNull().references('users.id'))
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('finding_decisions_pk', ['report_id', 'finding_key'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', types.id, (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', types.bigint)
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    },
  };
}
