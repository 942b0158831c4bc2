/**
 * The registry of bodies (单位名录): importing it, finding bodies, and keeping reports matched to them.
 */
import type { Kysely, Transaction } from 'kysely';
import { pinyinInitials } from './initials.ts';
import { agencyKey, buildMatcher, type BodyForMatching, type Candidate, type Matcher } from './matching.ts';
import type { BodyKind, BodyLevel, Database } from './schema.ts';
import { containsText, likePattern } from './text-match.ts';
import { subtreeRange, type ValidBody } from './units.ts';

export interface Body {
  id: string;
  parentId: string | null;
  name: string;
  kind: BodyKind;
  level: BodyLevel;
  path: string;
}

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const now = () => new Date().toISOString();

export async function loadBodies(db: Kysely<Database> | Transaction<Database>): Promise<Body[]> {
  const rows = await db
    .selectFrom('bodies')
    .select(['id', 'parent_id', 'name', 'kind', 'level', 'path'])
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind,
    level: r.level,
    path: r.path,
  }));
}

export async function loadAliases(
  db: Kysely<Database> | Transaction<Database>,
): Promise<Map<string, string>> {
  const rows = await db.selectFrom('body_aliases').select(['alias', 'body_id']).execute();
  return new Map(rows.map((r) => [r.alias, r.body_id]));
}

export async function loadMatcher(db: Kysely<Database> | Transaction<Database>): Promise<Matcher> {
  const bodies: BodyForMatching[] = await loadBodies(db);
  return buildMatcher(bodies, await loadAliases(db));
}

export async function bodyById(db: Kysely<Database>, id: string): Promise<Body | null> {
  const r = await db
    .selectFrom('bodies')
    .select(['id', 'parent_id', 'name', 'kind', 'level', 'path'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? { id: r.id, parentId: r.parent_id, name: r.name, kind: r.kind, level: r.level, path: r.path }
    : null;
}

/** Names of the bodies from the root down to (and without) `path`'s last id: 「黑龙江省/哈尔滨市/松北区人民政府」. */
export async function ancestorNames(
  db: Kysely<Database>,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const p of paths) for (const id of p.split('/').slice(1, -2)) ids.add(id);
  const names = new Map<string, string>();
  for (const part of chunks([...ids])) {
    const rows = await db.selectFrom('bodies').select(['id', 'name']).where('id', 'in', part).execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

export interface ImportResult {
  bodies: number;
  removed: number;
  matched: number;
  unmatched: number;
}

/**
 * Replaces the registry with `bodies` (already validated) and re-matches every report not matched by
 * hand, in one transaction: a failure leaves the previous registry and matches untouched.
 */
export async function importBodies(
  db: Kysely<Database>,
  bodies: readonly ValidBody[],
): Promise<ImportResult> {
  return db.transaction().execute(async (trx) => {
    const incoming = new Set(bodies.map((b) => b.id));
    const existing = await trx.selectFrom('bodies').select('id').execute();
    const gone = existing.map((r) => r.id).filter((id) => !incoming.has(id));
    for (const part of chunks(gone)) {
      await trx
        .updateTable('reports')
        .set({ body_id: null, match_confidence: null, match_method: null })
        .where('body_id', 'in', part)
        .execute();
      await trx.deleteFrom('body_aliases').where('body_id', 'in', part).execute();
      await trx.deleteFrom('bodies').where('id', 'in', part).execute();
    }
    for (const part of chunks(bodies, 200)) {
      await trx
        .insertInto('bodies')
        .values(
          part.map((b) => ({
            id: b.id,
            parent_id: b.parentId,
            name: b.name,
            kind: b.kind,
            level: b.level,
            path: b.path,
            initials: pinyinInitials(b.name),
            position: b.position,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            parent_id: eb.ref('excluded.parent_id'),
            name: eb.ref('excluded.name'),
            kind: eb.ref('excluded.kind'),
            level: eb.ref('excluded.level'),
            path: eb.ref('excluded.path'),
            initials: eb.ref('excluded.initials'),
            position: eb.ref('excluded.position'),
          })),
        )
        .execute();
    }
    const { matched, unmatched } = await rematchReports(trx, await loadMatcher(trx));
    return { bodies: bodies.length, removed: gone.length, matched, unmatched };
  });
}

/** Matches every report that was not matched by hand again; returns how many now have a body. */
export async function rematchReports(
  trx: Transaction<Database>,
  matcher: Matcher,
): Promise<{ matched: number; unmatched: number }> {
  const reports = await trx
    .selectFrom('reports')
    .select(['id', 'agency', 'agency_kind', 'body_id', 'match_method', 'match_confidence'])
    .execute();
  let matched = 0;
  let unmatched = 0;
  for (const r of reports) {
    if (r.match_method === 'manual') {
      matched++;
      continue;
    }
    const best = r.agency ? matcher.match(r.agency, r.agency_kind).best : null;
    if (best) matched++;
    else unmatched++;
    const bodyId = best?.bodyId ?? null;
    if (bodyId === r.body_id && (best?.method ?? null) === r.match_method) continue;
    await trx
      .updateTable('reports')
      .set({
        body_id: bodyId,
        match_confidence: best?.confidence ?? null,
        match_method: best?.method ?? null,
      })
      .where('id', '=', Number(r.id))
      .execute();
  }
  return { matched, unmatched };
}

export interface UnmatchedReport {
  reportId: number;
  agency: string | null;
  agencyKind: string | null;
  year: number | null;
  candidates: (Candidate & { name: string; path: string })[];
}

/** Reports without a body, each with the bodies its name could mean. */
export async function unmatchedReports(db: Kysely<Database>, year?: number): Promise<UnmatchedReport[]> {
  let q = db
    .selectFrom('reports')
    .select(['id', 'agency', 'agency_kind', 'year'])
    .where('body_id', 'is', null)
    .orderBy('agency')
    .orderBy('year')
    .orderBy('id');
  if (year !== undefined) q = q.where('year', '=', year);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const bodies = await loadBodies(db);
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const matcher = buildMatcher(bodies, await loadAliases(db));
  return rows.map((r) => ({
    reportId: Number(r.id),
    agency: r.agency,
    agencyKind: r.agency_kind,
    year: r.year,
    candidates: (r.agency ? matcher.match(r.agency, r.agency_kind).candidates : []).map((c) => ({
      ...c,
      name: byId.get(c.bodyId)?.name ?? c.bodyId,
      path: byId.get(c.bodyId)?.path ?? '',
    })),
  }));
}

export type AcceptTarget = { reportId: number } | { agency: string };

/**
 * A reviewer's decision: this report (or every report printed under this agency name, now and in
 * later ingests) belongs to `bodyId`. Returns how many reports changed, or null when the body is unknown.
 */
export async function acceptMatch(
  db: Kysely<Database>,
  target: AcceptTarget,
  bodyId: string,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const body = await trx.selectFrom('bodies').select('id').where('id', '=', bodyId).executeTakeFirst();
    if (!body) return null;
    const set = { body_id: bodyId, match_confidence: 1, match_method: 'manual' };
    if ('reportId' in target) {
      const r = await trx
        .updateTable('reports')
        .set(set)
        .where('id', '=', target.reportId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    }
    const alias = agencyKey(target.agency);
    await trx
      .insertInto('body_aliases')
      .values({ alias, body_id: bodyId, created_at: now() })
      .onConflict((oc) => oc.column('alias').doUpdateSet({ body_id: bodyId, created_at: now() }))
      .execute();
    const r = await trx.updateTable('reports').set(set).where('agency_key', '=', alias).executeTakeFirst();
    return Number(r.numUpdatedRows);
  });
}

/** Bodies whose name or pinyin initials contain `query` (「教育」, 「jyj」), in registry order. */
export async function searchBodies(db: Kysely<Database>, query: string, limit = 20): Promise<Body[]> {
  const q = query.trim();
  if (!q) return [];
  const pattern = likePattern(q);
  const rows = await db
    .selectFrom('bodies')
    .select(['id', 'parent_id', 'name', 'kind', 'level', 'path'])
    .where((eb) =>
      eb.or([containsText(db, 'name', q), eb('initials', 'like', pattern.toLowerCase()), eb('id', '=', q)]),
    )
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind,
    level: r.level,
    path: r.path,
  }));
}

/** The `[from, to)` path range of a body's subtree, or null when the body is unknown. */
export async function subtreeOf(db: Kysely<Database>, bodyId: string): Promise<[string, string] | null> {
  const body = await bodyById(db, bodyId);
  return body ? subtreeRange(body.path) : null;
}
