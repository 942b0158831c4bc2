/**
 * Each body's reporting for a year, as a tree, kept 30 s (cache.ts; cleared by uploads). It is rebuilt from
 * the registry of the scope, kept 5 minutes apart since it changes only when a units file is imported, and
 * a fresh query of who has reported: reading the registry of 20,000 bodies took ~0.4 s, blocking every
 * other request of the server while it ran. The tree's indexes are built once per answer too: walking
 * 20,000 bodies on every page view cost 30–40 ms of the thread that renders every page.
 */
import { rollUp, type BodyCount } from '../store/index.ts';
import type { WebDeps } from './context.ts';

/** How long answers about the registry itself are kept: it changes only when a units file is imported. */
export const REGISTRY_TTL_MS = 5 * 60_000;

export interface BodyTree {
  /** Every body of the scope, in registry order. */
  counts: BodyCount[];
  byId: ReadonlyMap<string, BodyCount>;
  /** Bodies whose parent lies outside the scope: the top level. */
  roots: BodyCount[];
  /** Each body's children in the scope, registry order. */
  children: ReadonlyMap<string, BodyCount[]>;
  /** Bodies in the scope, and how many of them reported. */
  bodies: number;
  reported: number;
}

export function bodyTree(counts: BodyCount[]): BodyTree {
  const byId = new Map(counts.map((b) => [b.id, b]));
  const roots: BodyCount[] = [];
  const children = new Map<string, BodyCount[]>();
  for (const b of counts) {
    if (b.parentId === null || !byId.has(b.parentId)) roots.push(b);
    else {
      const list = children.get(b.parentId);
      if (list) list.push(b);
      else children.set(b.parentId, [b]);
    }
  }
  return {
    counts,
    byId,
    roots,
    children,
    bodies: roots.reduce((n, b) => n + b.bodies, 0),
    reported: roots.reduce((n, b) => n + b.reportedBodies, 0),
  };
}

export async function bodyCountsOf(
  { store, answers }: Pick<WebDeps, 'store' | 'answers'>,
  year: number,
  range: [string, string] | null,
): Promise<BodyTree> {
  const scope = range?.join('~') ?? '*';
  return answers.get(`counts ${year} ${scope}`, async () => {
    const [bodies, reported] = await Promise.all([
      answers.get(`registry ${scope}`, () => store.registry(range), REGISTRY_TTL_MS),
      store.reportedBodies(year, range),
    ]);
    return bodyTree(rollUp(bodies, new Set(reported)));
  });
}
