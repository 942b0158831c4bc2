/**
 * `npm run bench:web`: the web app under load. A real `xxgk serve` over a SQLite store of N generated reports
 * (default 100,000: the ingest benchmark's corpus, imported with the real CLI), 20 signed-in users requesting
 * the report list (with filters and pages), report details and the coverage page at random, pausing between
 * pages as a reader does.
 * Prints count, p50, p95 and max per page and overall; the target is p95 < 300 ms.
 *
 * XXGK_BENCH_N         number of reports (default 100000)
 * XXGK_BENCH_SEED      corpus seed (default 20250101)
 * XXGK_BENCH_USERS     simulated users (default 20)
 * XXGK_BENCH_REQUESTS  requests in all (default 4000); the run also stops after XXGK_BENCH_SECONDS (default 180)
 * XXGK_BENCH_THINK_MS  a user's pause between pages, 0.5–1.5 × this (default 1000: people read what they open;
 *                      0 makes every user a tight loop, a stress test rather than 20 people)
 * XXGK_BENCH_SERVER_NODE_ARGS  options for the server's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`)
 *
 * The corpus is generated into .bench/ingest-<seed>-<N>/ (shared with bench:ingest) and the database is kept
 * in data/bench-web-<seed>-<N>.db: a second run starts at once. Delete the file to build it again.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Store } from '../src/store/index.ts';
import { plan, registry, unitsCsv, writeReports, YEARS } from './ingest-corpus.ts';
import { quantiles } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.XXGK_BENCH_N ?? 100_000);
const SEED = Number(process.env.XXGK_BENCH_SEED ?? 20250101);
const USERS = Number(process.env.XXGK_BENCH_USERS ?? 20);
const REQUESTS = Number(process.env.XXGK_BENCH_REQUESTS ?? 4000);
const SECONDS = Number(process.env.XXGK_BENCH_SECONDS ?? 180);
const THINK_MS = Number(process.env.XXGK_BENCH_THINK_MS ?? 1000);
const TARGET_P95_MS = 300;
const CORPUS = join(ROOT, '.bench', `ingest-${SEED}-${N}`);
const DB = join(ROOT, 'data', `bench-web-${SEED}-${N}.db`);
const PASSWORD = 'bench password';

/** What the database holds that the URLs pick from. */
interface Sample {
  reportIds: number[];
  regions: string[];
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

/**
 * The pages requested, each equally often. Adjust here as the pages change: the name is what the table
 * prints, the function makes one URL.
 */
const PAGES: { name: string; url: (s: Sample) => string }[] = [
  { name: '报告列表', url: () => '/reports' },
  {
    name: '报告列表（年度+翻页）',
    url: () => `/reports?year=${pick(YEARS)}&page=${1 + Math.floor(Math.random() * 50)}`,
  },
  {
    name: '报告列表（地区+级别+排序）',
    url: (s) => `/reports?region=${pick(s.regions)}&severity=error&sort=year&order=asc`,
  },
  { name: '报告详情', url: (s) => `/reports/${pick(s.reportIds)}` },
  { name: '单位与覆盖', url: () => `/bodies?year=${pick(YEARS)}` },
];

// ---------------------------------------------------------------- the corpus and the database

if (process.env.XXGK_BENCH_GENERATE) {
  const [from, count] = process.env.XXGK_BENCH_GENERATE.split(',').map(Number) as [number, number];
  writeReports(plan(registry(N), N, SEED).slice(from, from + count), join(CORPUS, 'reports'), SEED);
  process.exit(0);
}

async function generate(): Promise<void> {
  if (existsSync(join(CORPUS, 'complete'))) return;
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(CORPUS, { recursive: true });
  writeFileSync(join(CORPUS, 'units.csv'), unitsCsv(registry(N)));
  const parts = availableParallelism();
  const size = Math.ceil(N / parts);
  await Promise.all(
    Array.from(
      { length: parts },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
            env: { ...process.env, XXGK_BENCH_GENERATE: `${i * size},${size}` },
            stdio: 'inherit',
          });
          child.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`generator exited ${code}`)),
          );
        }),
    ),
  );
  writeFileSync(join(CORPUS, 'complete'), new Date().toISOString());
}

function xxgk(args: string[], input?: string): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/xxgk.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'],
  });
  if (r.status !== 0 && !(args[0] === 'ingest' && r.status === 1))
    throw new Error(`xxgk ${args[0]} exited ${r.status}`);
}

/** Built once under a temporary name, so an interrupted build is never taken for a finished one. */
async function database(): Promise<void> {
  if (existsSync(DB)) {
    console.log(`database: ${DB} (reused)`);
    return;
  }
  const start = performance.now();
  await generate();
  const building = `${DB}.building`;
  rmSync(building, { force: true });
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  xxgk(['units', 'import', join(CORPUS, 'units.csv'), '--db', building]);
  xxgk(['ingest', join(CORPUS, 'reports'), '--db', building, '--no-progress']);
  xxgk(['users', 'add', 'bench', '--role', 'admin', '--db', building], `${PASSWORD}\n`);
  renameSync(building, DB);
  console.log(`database: ${N} reports built in ${((performance.now() - start) / 1000).toFixed(0)} s → ${DB}`);
}

async function sample(): Promise<Sample> {
  const store = await Store.open({ kind: 'sqlite', file: DB }, { readOnly: true });
  try {
    const reports = await store.db.selectFrom('reports').select('id').orderBy('id').limit(50_000).execute();
    const regions = await store.db
      .selectFrom('bodies')
      .select('id')
      .where('level', 'in', ['province', 'city'])
      .execute();
    return { reportIds: reports.map((r) => Number(r.id)), regions: regions.map((r) => r.id) };
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------- the server and the users

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function serve(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.XXGK_BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
      join(ROOT, 'bin/xxgk.js'),
      'serve',
      '--db',
      DB,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let said = '';
    child.stderr!.on('data', (d: Buffer) => {
      said += d.toString();
      process.stderr.write(d);
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(said);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`xxgk serve exited ${code}: ${said}`)));
  });
  return { url, child };
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ login: 'bench', password: PASSWORD, next: '/' }).toString(),
  });
  const cookie = /xxgk_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

interface Timing {
  page: string;
  ms: number;
  status: number;
}

async function user(
  url: string,
  cookie: string,
  s: Sample,
  budget: { left: number; until: number; failed: boolean },
) {
  const timings: Timing[] = [];
  while (budget.left > 0 && performance.now() < budget.until) {
    budget.left--;
    const page = pick(PAGES);
    const start = performance.now();
    let status = 0;
    try {
      const res = await fetch(url + page.url(s), { headers: { cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      status = res.status;
    } catch (e) {
      // Counted (status 0) and reported once: a dropped connection is a result, not the end of the run.
      if (!budget.failed)
        console.error(`request failed: ${e instanceof Error ? (e.cause ?? e).toString() : e}`);
      budget.failed = true;
    }
    timings.push({ page: page.name, ms: performance.now() - start, status });
    if (THINK_MS > 0) await new Promise((done) => setTimeout(done, THINK_MS * (0.5 + Math.random())));
  }
  return timings;
}

/** Pads to a terminal width: CJK characters take two columns. */
function pad(text: string, width: number): string {
  const used = [...text].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - used));
}

function row(label: string, ms: number[], errors: number): string {
  const [p50, p95] = quantiles(ms, [0.5, 0.95]);
  const max = Math.max(...ms);
  const f = (v: number | undefined) => (v ?? 0).toFixed(0).padStart(8);
  return `${pad(label, 30)}${String(ms.length).padStart(7)}${f(p50)}${f(p95)}${f(max)}${String(errors).padStart(7)}`;
}

async function main(): Promise<void> {
  await database();
  const s = await sample();
  const { url, child } = await serve();
  try {
    const cookies = await Promise.all(Array.from({ length: USERS }, () => signIn(url)));
    // One request per page first: the measured run does not pay for cold caches.
    for (const page of PAGES)
      await (await fetch(url + page.url(s), { headers: { cookie: cookies[0]! } })).arrayBuffer();
    const budget = { left: REQUESTS, until: performance.now() + SECONDS * 1000, failed: false };
    const start = performance.now();
    const all = (await Promise.all(cookies.map((c) => user(url, c, s, budget)))).flat();
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `\n${N} reports, ${USERS} users (pause ${THINK_MS} ms ± 50%), ${all.length} requests in ${seconds.toFixed(1)} s (${(all.length / seconds).toFixed(0)}/s)`,
    );
    console.log(
      `${pad('page', 30)}${'count'.padStart(7)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}${'non200'.padStart(7)}   (ms)`,
    );
    for (const page of PAGES) {
      const mine = all.filter((t) => t.page === page.name);
      console.log(
        row(
          page.name,
          mine.map((t) => t.ms),
          mine.filter((t) => t.status !== 200).length,
        ),
      );
    }
    console.log(
      row(
        'overall',
        all.map((t) => t.ms),
        all.filter((t) => t.status !== 200).length,
      ),
    );
    const [, p95] = quantiles(
      all.map((t) => t.ms),
      [0.5, 0.95],
    );
    console.log(
      `\ntarget p95 < ${TARGET_P95_MS} ms: ${p95! < TARGET_P95_MS ? 'met' : 'NOT met'} (p95 ${p95!.toFixed(0)} ms)`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
