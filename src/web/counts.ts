/**
 * Each body's reporting for a year, from two answers kept apart (cache.ts): the registry of the scope,
 * which changes only when a units file is imported (kept 5 minutes), and who has reported that year
 * (kept 30 s, cleared by uploads). Recomputing the registry of 20,000 bodies took ~0.4 s, blocking
 * every other request of the server while it ran.
 */
import { rollUp, type BodyCount } from '../store/index.ts';
import type { WebDeps } from './context.ts';

const REGISTRY_TTL_MS = 5 * 60_000;

export async function bodyCountsOf(
  { store, answers }: Pick<WebDeps, 'store' | 'answers'>,
  year: number,
  range: [string, string] | null,
): Promise<BodyCount[]> {
  const scope = range?.join('~') ?? '*';
  const [bodies, reported] = await Promise.all([
    answers.get(`registry ${scope}`, () => store.registry(range), REGISTRY_TTL_MS),
    answers.get(`reported ${year} ${scope}`, async () => new Set(await store.reportedBodies(year, range))),
  ]);
  return rollUp(bodies, reported);
}
