/** Files that gave no report: kept with the reason, listed after ingest, never stored as empty reports. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, UnreadableTable } from './schema.ts';

export interface UnreadableFile {
  sha256: string | null;
  name: string;
  path: string;
  code: string;
  zh: string;
  en: string;
  parserVersion: number;
}

export interface StoredUnreadable extends UnreadableFile {
  seenAt: string;
}

/** Records an unreadable file; false when it was already recorded (same bytes, or same missing path). */
export async function recordUnreadable(db: Kysely<Database>, file: UnreadableFile): Promise<boolean> {
  const key = file.sha256 ?? `path:${file.path}`;
  const r = await db
    .insertInto('unreadable')
    .values({
      key,
      sha256: file.sha256,
      name: file.name,
      path: file.path,
      code: file.code,
      reason_zh: file.zh,
      reason_en: file.en,
      parser_version: file.parserVersion,
      seen_at: new Date().toISOString(),
    })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          code: file.code,
          reason_zh: file.zh,
          reason_en: file.en,
          parser_version: file.parserVersion,
        })
        .where('unreadable.parser_version', '<>', file.parserVersion),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export type UnreadableReason = Pick<UnreadableFile, 'code' | 'zh' | 'en' | 'parserVersion'>;

/** Unreadable bytes on record: sha256 → the reason and the parser version that found it. */
export async function knownUnreadable(db: Kysely<Database>): Promise<Map<string, UnreadableReason>> {
  const rows = await db
    .selectFrom('unreadable')
    .select(['sha256', 'code', 'reason_zh', 'reason_en', 'parser_version'])
    .where('sha256', 'is not', null)
    .execute();
  return new Map(
    rows.map((r) => [
      r.sha256!,
      { code: r.code, zh: r.reason_zh, en: r.reason_en, parserVersion: r.parser_version },
    ]),
  );
}

function asStored(r: Selectable<UnreadableTable>): StoredUnreadable {
  return {
    sha256: r.sha256,
    name: r.name,
    path: r.path,
    code: r.code,
    zh: r.reason_zh,
    en: r.reason_en,
    parserVersion: r.parser_version,
    seenAt: r.seen_at,
  };
}

export async function listUnreadable(db: Kysely<Database>): Promise<StoredUnreadable[]> {
  const rows = await db.selectFrom('unreadable').selectAll().orderBy('path').execute();
  return rows.map(asStored);
}

/** The latest unreadable files, newest first: the failures the upload page lists. */
export async function recentUnreadable(db: Kysely<Database>, limit: number): Promise<StoredUnreadable[]> {
  const rows = await db
    .selectFrom('unreadable')
    .selectAll()
    .orderBy('seen_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(asStored);
}
