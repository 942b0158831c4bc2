/** Where the database is: `--db`, else `XXGK_DB`, else `./data/xxgk.db`. A postgres:// URL selects PostgreSQL. */
import { resolve } from 'node:path';

export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export const DEFAULT_DB_FILE = 'data/xxgk.db';

export function resolveLocation(flag?: string, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const given = flag ?? (env.XXGK_DB || undefined) ?? DEFAULT_DB_FILE;
  if (/^postgres(ql)?:\/\//i.test(given)) return { kind: 'postgres', url: given };
  return { kind: 'sqlite', file: resolve(given.replace(/^sqlite:(\/\/)?/i, '')) };
}

/** The location for messages: a PostgreSQL URL without its password. */
export function describeLocation(location: StoreLocation): string {
  if (location.kind === 'sqlite') return location.file;
  try {
    const url = new URL(location.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
