/**
 * The web app's questions about bodies and activity (单位与覆盖, 总览): the registry with each body's
 * reporting for a year rolled up over its subtree, the years on record, reports and findings counted by
 * year and by body, and a search restricted to a subtree. Every query takes the viewer's path range.
 */
import type { Kysely } from 'kysely';
import { ancestorNames, type Body } from './bodies.ts';
import type { Database } from './schema.ts';
import { containsText, likePattern } from './text-match.ts';
import { CURRENT } from './kysely.ts';

type Range = [string, string] | null | undefined;

export interface BodyCount extends Body {
  /** The body itself has a current report for the year. */
  reported: boolean;
  /** Bodies in its subtree, itself included. */
  bodies: number;
  /** Of those, the ones with a current report for the year. */
  reportedBodies: number;
}

const BODY_COLUMNS = ['b.id', 'b.parent_id', 'b.name', 'b.kind', 'b.level', 'b.path'] as const;

type BodyRow = Pick<Database['bodies'], 'id' | 'parent_id' | 'name' | 'kind' | 'level' | 'path'>;

const toBody = (r: BodyRow): Body => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  kind: r.kind,
  level: r.level,
  path: r.path,
});

/** Ids on a path, root first: `/23/2301/` → 23, 2301. */
const pathIds = (path: string): string[] => path.split('/').filter(Boolean);

function currentReports(db: Kysely<Database>, range: Range) {
  return db
    .selectFrom('reports as r')
    .innerJoin('report_versions as v', (j) =>
      j.onRef('v.report_id', '=', 'r.id').on('v.is_current', '=', CURRENT),
    )
    .$if(Boolean(range), (qb) =>
      qb
        .innerJoin('bodies as b', 'b.id', 'r.body_id')
        .where('b.path', '>=', range![0])
        .where('b.path', '<', range![1]),
    );
}

/** Every body in the range, in registry order. */
export async function registryIn(db: Kysely<Database>, range: Range): Promise<Body[]> {
  let q = db.selectFrom('bodies as b');
  if (range) q = q.where('b.path', '>=', range[0]).where('b.path', '<', range[1]);
  return (await q.select(BODY_COLUMNS).orderBy('b.position').execute()).map(toBody);
}

/** Ids of the bodies in the range with a current report for `year`. */
export async function reportedBodies(db: Kysely<Database>, year: number, range: Range): Promise<string[]> {
  const rows = await currentReports(db, range)
    .where('r.year', '=', year)
    .where('r.body_id', 'is not', null)
    .select('r.body_id')
    .distinct()
    .execute();
  return rows.map((r) => r.body_id!);
}

/**
 * Each body with whether it reported and how many of its subtree did, rolled up along the materialised
 * paths in one pass. Pure, so the web app can keep the registry and the reported set apart (the registry
 * of 20,000 bodies changes far less often than who has reported).
 */
export function rollUp(bodies: readonly Body[], reported: ReadonlySet<string>): BodyCount[] {
  const counts: BodyCount[] = [];
  const byId = new Map<string, BodyCount>();
  for (const b of bodies) {
    const has = reported.has(b.id);
    const count: BodyCount = {
      id: b.id,
      parentId: b.parentId,
      name: b.name,
      kind: b.kind,
      level: b.level,
      path: b.path,
      reported: has,
      bodies: 1,
      reportedBodies: has ? 1 : 0,
    };
    counts.push(count);
    byId.set(b.id, count);
  }
  // A child's path extends its parent's: longest paths first, each body's subtree is complete when it is
  // added to its parent. One lookup per body, not one per ancestor.
  const deepestFirst = counts.slice().sort((a, b) => b.path.length - a.path.length);
  for (const body of deepestFirst) {
    const parent = body.parentId === null ? undefined : byId.get(body.parentId);
    if (!parent) continue;
    parent.bodies += body.bodies;
    parent.reportedBodies += body.reportedBodies;
  }
  return counts;
}

/** Every body in the range, in registry order, with whether it reported for `year` and how many of its subtree did. */
export async function bodyCounts(
  db: Kysely<Database>,
  filter: { year: number; range?: Range },
): Promise<BodyCount[]> {
  const [bodies, reported] = [
    await registryIn(db, filter.range),
    await reportedBodies(db, filter.year, filter.range),
  ];
  return rollUp(bodies, new Set(reported));
}

/** Years with at least one current report in the range, newest first. */
export async function yearsOnRecord(db: Kysely<Database>, range: Range): Promise<number[]> {
  const rows = await currentReports(db, range)
    .where('r.year', 'is not', null)
    .select('r.year')
    .distinct()
    .execute();
  return rows.map((r) => Number(r.year)).sort((a, b) => b - a);
}

export interface YearActivity {
  year: number;
  reports: number;
  findings: number;
  /** Findings of severity `error`. */
  errors: number;
}

/** Current reports and their findings, counted per report year. */
export async function activityByYear(db: Kysely<Database>, range: Range): Promise<YearActivity[]> {
  const reports = await currentReports(db, range)
    .where('r.year', 'is not', null)
    .select((eb) => ['r.year', eb.fn.countAll<number>().as('n')])
    .groupBy('r.year')
    .execute();
  const findings = await currentReports(db, range)
    .innerJoin('findings as f', 'f.version_id', 'v.id')
    .where('r.year', 'is not', null)
    .select((eb) => ['r.year', 'f.severity', eb.fn.countAll<number>().as('n')])
    .groupBy(['r.year', 'f.severity'])
    .execute();
  const years = new Map<number, YearActivity>();
  const of = (year: number) => {
    let y = years.get(year);
    if (!y) years.set(year, (y = { year, reports: 0, findings: 0, errors: 0 }));
    return y;
  };
  for (const r of reports) of(Number(r.year)).reports = Number(r.n);
  for (const f of findings) {
    const y = of(Number(f.year));
    y.findings += Number(f.n);
    if (f.severity === 'error') y.errors += Number(f.n);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/** Per body (matched reports only): current reports of `year` and their findings. */
export async function activityByBody(
  db: Kysely<Database>,
  filter: { year: number; range?: Range },
): Promise<Map<string, { reports: number; findings: number }>> {
  const base = () =>
    currentReports(db, filter.range).where('r.year', '=', filter.year).where('r.body_id', 'is not', null);
  const reports = await base()
    .select((eb) => ['r.body_id', eb.fn.countAll<number>().as('n')])
    .groupBy('r.body_id')
    .execute();
  const findings = await base()
    .innerJoin('findings as f', 'f.version_id', 'v.id')
    .select((eb) => ['r.body_id', eb.fn.countAll<number>().as('n')])
    .groupBy('r.body_id')
    .execute();
  const out = new Map<string, { reports: number; findings: number }>();
  for (const r of reports) out.set(r.body_id!, { reports: Number(r.n), findings: 0 });
  for (const f of findings) {
    const entry = out.get(f.body_id!) ?? { reports: 0, findings: 0 };
    entry.findings = Number(f.n);
    out.set(f.body_id!, entry);
  }
  return out;
}

/** The children of a body (the top of the registry for null), in registry order. */
export async function childBodies(db: Kysely<Database>, parentId: string | null): Promise<Body[]> {
  const rows = await db
    .selectFrom('bodies as b')
    .select(BODY_COLUMNS)
    .$if(parentId === null, (qb) => qb.where('b.parent_id', 'is', null))
    .$if(parentId !== null, (qb) => qb.where('b.parent_id', '=', parentId!))
    .orderBy('b.position')
    .execute();
  return rows.map(toBody);
}

export interface FoundBody extends Body {
  /** Ancestors' names from the root, the body itself left out. */
  ancestors: string[];
}

/**
 * Bodies in the range whose name or pinyin initials contain `query` (「教育」, 「jyj」), or whose id is
 * `query`, in registry order — the registry-wide search (bodies.ts `searchBodies`) narrowed to a scope.
 */
export async function searchBodiesIn(
  db: Kysely<Database>,
  query: string,
  range: Range,
  limit = 20,
): Promise<FoundBody[]> {
  const q = query.trim();
  if (!q) return [];
  const pattern = likePattern(q);
  const rows = await db
    .selectFrom('bodies as b')
    .select(BODY_COLUMNS)
    .where((eb) =>
      eb.or([
        // Not `like` alone: PostgreSQL's is case-sensitive, SQLite's folds ASCII (see containsText).
        containsText(db, 'b.name', q),
        eb('b.initials', 'like', pattern.toLowerCase()),
        eb('b.id', '=', q),
      ]),
    )
    .$if(Boolean(range), (qb) => qb.where('b.path', '>=', range![0]).where('b.path', '<', range![1]))
    .orderBy('b.position')
    .limit(limit)
    .execute();
  return withAncestors(db, rows.map(toBody));
}

/** Bodies with their ancestors' names (「黑龙江省人民政府」「哈尔滨市人民政府」…). */
export async function withAncestors(db: Kysely<Database>, bodies: readonly Body[]): Promise<FoundBody[]> {
  const names = await ancestorNames(
    db,
    bodies.map((b) => b.path),
  );
  return bodies.map((b) => ({
    ...b,
    ancestors: pathIds(b.path)
      .slice(0, -1)
      .map((id) => names.get(id) ?? id),
  }));
}
