/**
 * The backends of the store contract suite, and reports ready to save. Every backend gives a fresh,
 * empty database per call; PostgreSQL comes from test/support/postgres.ts and is never skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBytes } from '../../src/pipeline/index.ts';
import { parseRecord } from '../../src/record/index.ts';
import {
  cellValues,
  contentHash,
  Store,
  type Candidate,
  type NewVersion,
  type OpenOptions,
  type StoreLocation,
} from '../../src/store/index.ts';
import { startPostgres, type PostgresServer } from './postgres.ts';

export interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  /** A new empty database. */
  location(): Promise<StoreLocation>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    location: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'xxgk-store-'));
      dirs.push(dir);
      return { kind: 'sqlite', file: join(dir, 'xxgk.db') };
    },
    cleanup: async () => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  let server: Promise<PostgresServer> | null = null;
  return {
    name: 'PostgreSQL',
    location: async () => {
      server ??= startPostgres();
      return { kind: 'postgres', url: await (await server).createDatabase() };
    },
    cleanup: async () => {
      if (server) await (await server.catch(() => null))?.stop();
    },
  };
}

export async function openFresh(backend: Backend, options: OpenOptions = {}): Promise<Store> {
  return Store.open(await backend.location(), options);
}

export interface VersionOptions {
  body?: Candidate | null;
  parserVersion?: number;
  replaces?: number;
}

/** A report's bytes read, checked and made ready to save, as an ingest worker would. */
export async function newVersion(
  bytes: Uint8Array,
  name: string,
  options: VersionOptions = {},
): Promise<NewVersion> {
  const checked = await checkBytes(bytes, name);
  const record = parseRecord(checked.record);
  const cells = cellValues(record.tables);
  return {
    source: { sha256: record.source.sha256, bytes, name, kind: record.source.kind },
    parserVersion: options.parserVersion ?? 1,
    record: {
      json: JSON.stringify(record),
      agency: record.agency,
      agencyKind: record.agencyKind,
      year: record.year,
      format: record.format,
      publishedOn: record.publishedOn,
      contentHash: contentHash(record, cells),
    },
    cells,
    findings: checked.findings,
    body: options.body ?? null,
    ...(options.replaces === undefined ? {} : { replaces: options.replaces }),
  };
}
