/**
 * A real PostgreSQL server for the store contract suite, the ingest tests and the benchmark.
 *
 * `XXGK_TEST_PG=postgres://user@host:port/db` uses a server you run (the role needs CREATEDB: every
 * suite works in its own fresh database). Otherwise a throwaway cluster is made: `initdb` into a temp
 * directory and `pg_ctl start` on a free local port, as a non-root user (initdb refuses root). When
 * neither is possible this throws: the PostgreSQL half of the suite fails loudly, it is never skipped.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** A URL to the server's maintenance database (`postgres`). */
  url: string;
  /** True for a server given by XXGK_TEST_PG: it is never stopped or restarted by the tests. */
  external: boolean;
  /** A new, empty database on the server; dropped again by `stop()` (throwaway clusters) or left. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stop the server abruptly, as a crash or a network cut would look to a client (throwaway only). */
  kill(): void;
  /** Start it again on the same port and data (throwaway only). */
  start(): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * Durable (fsync on) like a production server: for the benchmark. Tests turn fsync off to run faster;
   * commits stay synchronous, so a test that kills the server loses nothing a client saw committed.
   */
  durable?: boolean;
}

function binDir(): string {
  const fromEnv = process.env.XXGK_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0 && existsSync(join(pgConfig.stdout.trim(), 'initdb')))
    return pgConfig.stdout.trim();
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql (e.g. apt-get install -y postgresql), ' +
      'set XXGK_PG_BIN to their folder, or set XXGK_TEST_PG to a server URL',
  );
}

/** uid/gid to run the server as: ourselves, or (as root) the `postgres` user, else `nobody`. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', [name], { encoding: 'utf8' });
    const uid = /uid=(\d+)/.exec(id.stdout)?.[1];
    const gid = /gid=(\d+)/.exec(id.stdout)?.[1];
    if (id.status === 0 && uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  throw new Error('running as root and no postgres or nobody user to run PostgreSQL as');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[], user: { uid: number; gid: number } | null): void {
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    ...(user ?? {}),
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    timeout: 120_000,
  });
  if (r.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout || r.error}`);
  }
}

async function createDatabaseOn(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const running = new Set<() => void>();
process.once('exit', () => {
  for (const stop of running) stop();
});

export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const external = process.env.XXGK_TEST_PG;
  if (external) {
    return {
      url: external,
      external: true,
      createDatabase: (prefix = 'xxgk_test') => createDatabaseOn(external, prefix),
      kill: () => {
        throw new Error('cannot kill an external server (XXGK_TEST_PG)');
      },
      start: () => {
        throw new Error('cannot start an external server (XXGK_TEST_PG)');
      },
      stop: async () => {},
    };
  }

  const bin = binDir();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  run(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'xxgk', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    user,
  );
  const settings = [
    `-p ${port}`,
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=${dir}`,
    '-c max_connections=50',
    '-c shared_buffers=256MB',
    // fsync=off survives a server crash (the OS keeps the writes), unlike synchronous_commit=off,
    // which would lose commits the client was told about when a test kills the server.
    ...(options.durable ? [] : ['-c fsync=off', '-c full_page_writes=off']),
  ].join(' ');
  const start = () =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-o', settings, '-w', '-t', '60', 'start'], user);
  const kill = () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
  try {
    start();
  } catch (e) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${tail}`);
  }
  const stopNow = () => {
    spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], {
      ...(user ?? {}),
      timeout: 30_000,
    });
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stopNow);
  const url = `postgres://xxgk@127.0.0.1:${port}/postgres`;
  return {
    url,
    external: false,
    createDatabase: (prefix = 'xxgk_test') => createDatabaseOn(url, prefix),
    kill,
    start,
    stop: async () => {
      running.delete(stopNow);
      stopNow();
    },
  };
}
