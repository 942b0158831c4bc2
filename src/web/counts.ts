/**
 * Each body's reporting for a year, kept 30 s (cache.ts; cleared by uploads). It is rebuilt from the
 * registry of the scope, kept 5 minutes apart since it changes only when a units file is imported, and a
 * fresh query of who has reported: reading the registry of 20,000 bodies took ~0.4 s, blocking every
 * other request of the server while it ran.
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
  return answers.get(`counts ${year} ${scope}`, async () => {
    const [bodies, reported] = await Promise.all([
      answers.get(`registry ${scope}`, () => store.registry(range), REGISTRY_TTL_MS),
      store.reportedBodies(year, range),
    ]);
    return rollUp(bodies, new Set(reported));
  });
}
