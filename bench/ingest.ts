/**
 * `npm run bench:ingest`: N synthetic reports (default 100,000) ingested with the real `xxgk ingest` into
 * SQLite and into PostgreSQL. Prints reports/s and peak memory of the first ingest (and its rate by tenth
 * of the corpus: a rate that falls as the database grows shows there) and of a re-ingest of the unchanged
 * corpus (which must add no row), the database size, and the latency of the coverage view, a
 * region sum of every cell and a page of findings.
 *
 * XXGK_BENCH_N      number of reports (default 100000)
 * XXGK_BENCH_SEED   corpus seed (default 20250101)
 * XXGK_BENCH_DBS    databases to run, default "sqlite,postgres"
 * XXGK_BENCH_JOBS   --jobs for ingest (default: one per core)
 * XXGK_TEST_PG      a PostgreSQL server to use instead of a throwaway cluster
 *
 * The corpus is generated once (in parallel, not timed) into .bench/ingest-<seed>-<N>/ and reused.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Store, type StoreCounts, type StoreLocation } from '../src/store/index.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { plan, registry, unitsCsv, writeReports } from './ingest-corpus.ts';
import { MB, quantiles } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.XXGK_BENCH_N ?? 100_000);
const SEED = Number(process.env.XXGK_BENCH_SEED ?? 20250101);
const DBS = (process.env.XXGK_BENCH_DBS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const JOBS = process.env.XXGK_BENCH_JOBS;
const CORPUS = join(ROOT, '.bench', `ingest-${SEED}-${N}`);

// ---------------------------------------------------------------- corpus generation (child processes)

if (process.env.XXGK_BENCH_GENERATE) {
  const [from, count] = process.env.XXGK_BENCH_GENERATE.split(',').map(Number) as [number, number];
  writeReports(plan(registry(N), N, SEED).slice(from, from + count), join(CORPUS, 'reports'), SEED);
  process.exit(0);
}

async function generate(): Promise<void> {
  const done = join(CORPUS, 'complete');
  if (existsSync(done)) {
    console.log(`corpus: ${CORPUS} (reused)`);
    return;
  }
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(CORPUS, { recursive: true });
  const reg = registry(N);
  writeFileSync(join(CORPUS, 'units.csv'), unitsCsv(reg));
  const start = performance.now();
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
  writeFileSync(done, new Date().toISOString());
  console.log(
    `corpus: ${N} reports, ${reg.all.length} bodies, generated in ${((performance.now() - start) / 1000).toFixed(0)} s → ${CORPUS}`,
  );
}

// ---------------------------------------------------------------- runs

interface Run {
  seconds: number;
  /** User + system CPU seconds of the process (all threads): what the run costs, whatever else the machine does. */
  cpuSeconds: number;
  /** CPU seconds of the main thread (reading, hashing, matching, writing, corpus checks); NaN without /proc. */
  mainCpuSeconds: number;
  maxRssMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

const TICKS_PER_SECOND = 100;

/** utime + stime of each live thread of a process, in clock ticks (Linux /proc); empty once it is gone. */
function threadTicks(pid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    }
  } catch {
    // The process ended between listing and reading.
  }
  return ticks;
}

/**
 * Runs the real CLI under /usr/bin/time for its peak memory and CPU (workers are threads: one process),
 * sampling the node process's main thread's CPU from /proc meanwhile.
 */
async function xxgk(args: string[]): Promise<Run> {
  const start = performance.now();
  const timed = existsSync('/usr/bin/time');
  const argv = [join(ROOT, 'bin/xxgk.js'), ...args];
  const child = spawn(
    timed ? '/usr/bin/time' : process.execPath,
    timed ? ['-f', 'maxrss=%M cpu=%U+%S', process.execPath, ...argv] : argv,
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let mainTicks = NaN;
  const sample = setInterval(() => {
    const node = timed ? nodeChild(child.pid!) : child.pid!;
    const ticks = node ? threadTicks(node).get(node) : undefined;
    if (ticks !== undefined) mainTicks = ticks;
  }, 100);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sample);
  const rss = /maxrss=(\d+)/.exec(stderr)?.[1];
  const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
  return {
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN,
    mainCpuSeconds: mainTicks / TICKS_PER_SECOND,
    maxRssMb: rss ? Number(rss) / 1024 : NaN,
    status,
    stdout,
    stderr: stderr.replace(/maxrss=.*\n?/, ''),
  };
}

/** The node process /usr/bin/time started. */
function nodeChild(pid: number): number | null {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return children ? Number(children.split(' ')[0]) : null;
  } catch {
    return null;
  }
}

async function timeQuery(
  label: string,
  run: () => Promise<unknown>,
  describe: (r: unknown) => string,
): Promise<void> {
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  const [median] = quantiles(times.slice(1), [0.5]);
  const worst = Math.max(...times);
  const verdict = worst < 200 ? 'ok' : median! < 200 ? 'ok (median)' : 'SLOW';
  console.log(
    `    ${label.padEnd(44)} first ${times[0]!.toFixed(1).padStart(7)} ms  median ${median!.toFixed(1).padStart(7)} ms  max ${worst.toFixed(1).padStart(7)} ms  ${verdict}  ${describe(result)}`,
  );
}

/**
 * Reports stored over time while an ingest runs, read from a second connection every second: a rate that
 * falls as the database grows (a query whose work grows with the corpus) is what a whole-run average hides.
 * `stop` gives reports per second for each tenth of `total`, interpolated between samples.
 */
function watchProgress(store: Store, total: number): { stop: () => Promise<number[]> } {
  const start = performance.now();
  const samples: [number, number][] = [[start, 0]];
  const sample = async () => {
    const row = await store.db
      .selectFrom('report_versions')
      .select((eb) => eb.fn.max('id').as('n'))
      .executeTakeFirst();
    samples.push([performance.now(), Number(row?.n ?? 0)]);
  };
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(sample, sample);
  }, 1000);
  return {
    stop: async () => {
      clearInterval(timer);
      await pending;
      await sample();
      const tenth = total / 10;
      const when = (reports: number): number => {
        const i = samples.findIndex(([, n]) => n >= reports);
        if (i <= 0) return i === 0 ? start : samples[samples.length - 1]![0];
        const [t0, n0] = samples[i - 1]!;
        const [t1, n1] = samples[i]!;
        return t0 + ((reports - n0) / (n1 - n0)) * (t1 - t0);
      };
      const rates: number[] = [];
      for (let k = 1; k <= 10; k++) {
        const seconds = (when(k * tenth) - when((k - 1) * tenth)) / 1000;
        rates.push(seconds > 0 ? tenth / seconds : NaN);
      }
      return rates;
    },
  };
}

function sameCounts(a: StoreCounts, b: StoreCounts): boolean {
  return (Object.keys(a) as (keyof StoreCounts)[]).every((k) => a[k] === b[k]);
}

async function bench(name: string, location: StoreLocation, db: string): Promise<void> {
  console.log(`\n${name}: ${db.replace(/:[^:@/]*@/, ':***@')}`);
  const jobs = JOBS ? ['--jobs', JOBS] : [];
  const units = await xxgk(['units', 'import', join(CORPUS, 'units.csv'), '--db', db]);
  if (units.status !== 0) throw new Error(`units import failed: ${units.stderr}`);
  console.log(`  units import: ${units.seconds.toFixed(1)} s`);

  const watcher = await Store.open(location, { readOnly: true });
  const progress = watchProgress(watcher, N);
  const first = await xxgk(['ingest', join(CORPUS, 'reports'), '--db', db, '--no-progress', ...jobs]);
  const tenths = await progress.stop();
  await watcher.close();
  if (first.status !== 0 && first.status !== 1)
    throw new Error(`ingest failed (${first.status}): ${first.stderr}`);
  console.log(
    `  ingest:    ${N} reports in ${first.seconds.toFixed(1)} s = ${(N / first.seconds).toFixed(0)} reports/s, peak RSS ${first.maxRssMb.toFixed(0)} MB; ` +
      `CPU ${first.cpuSeconds.toFixed(1)} s = ${((first.cpuSeconds / N) * 1000).toFixed(2)} ms per report ` +
      `(main thread ${((first.mainCpuSeconds / N) * 1000).toFixed(2)} ms, the rest in the parsing workers), load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `             reports stored per second, by tenth of the corpus: ${tenths.map((r) => r.toFixed(0)).join(' ')}`,
  );
  for (const line of first.stdout.trim().split('\n').slice(0, -1)) console.log(`             ${line}`);

  const store = await Store.open(location);
  const before = await store.counts();
  const again = await xxgk(['ingest', join(CORPUS, 'reports'), '--db', db, '--no-progress', ...jobs]);
  const after = await store.counts();
  console.log(
    `  re-ingest: ${again.seconds.toFixed(1)} s = ${(N / again.seconds).toFixed(0)} reports/s, ${(first.seconds / again.seconds).toFixed(1)}× faster, CPU ${again.cpuSeconds.toFixed(1)} s, peak RSS ${again.maxRssMb.toFixed(0)} MB; new rows: ${sameCounts(before, after) ? 'none' : `YES ${JSON.stringify({ before, after })}`}`,
  );
  console.log(
    `  database:  ${((await store.sizeBytes()) / MB).toFixed(0)} MB; ${after.reports} reports, ${after.versions} versions, ${after.findings} findings, ${after.bodies} bodies`,
  );

  const province = registry(N).provinceIds[0]!;
  const range = await store.subtree(province);
  const year = 2022;
  const rules = await store.db
    .selectFrom('findings')
    .select(['rule', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['rule', 'severity'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  console.log('  queries (7 runs each):');
  await timeQuery(
    `coverage ${year}, whole registry`,
    () => store.coverage({ year }),
    (r) => {
      const c = r as Awaited<ReturnType<Store['coverage']>>;
      return `${c.bodies} bodies, ${c.missing.length} missing`;
    },
  );
  await timeQuery(
    `coverage ${year}, province ${province}`,
    () => store.coverage({ year, range }),
    (r) => {
      const c = r as Awaited<ReturnType<Store['coverage']>>;
      return `${c.bodies} bodies, ${c.missing.length} missing`;
    },
  );
  const totals = (r: unknown) => {
    const t = r as Awaited<ReturnType<Store['regionTotals']>>;
    return `${t.reports} reports, 表三 新收总计 ${t.cells['requests.received.total']}`;
  };
  await timeQuery(
    `region sum of every cell ${year}, province`,
    () => store.regionTotals({ year, range }),
    totals,
  );
  await timeQuery(`region sum of every cell ${year}, everywhere`, () => store.regionTotals({ year }), totals);
  if (rules) {
    const filter = { rule: rules.rule, severity: rules.severity as 'error' | 'warning' | 'info', limit: 50 };
    const page = (r: unknown) => `${(r as unknown[]).length} rows`;
    await timeQuery(
      `findings ${rules.rule}/${rules.severity}, first page of 50`,
      () => store.findingsPage(filter),
      page,
    );
    const middle = await store.findingsPage({ ...filter, limit: 1, afterId: Math.floor(after.findings / 2) });
    await timeQuery(
      `findings ${rules.rule}/${rules.severity}, a middle page`,
      () => store.findingsPage({ ...filter, afterId: middle[0]?.id ?? 0 }),
      page,
    );
    await timeQuery(
      `findings errors ${year} in province, first page`,
      () => store.findingsPage({ severity: 'error', year, range, limit: 50 }),
      page,
    );
  }
  await store.close();
}

await generate();
console.log(
  `xxgk ingest bench: ${N} reports, seed ${SEED}, ${availableParallelism()} cores, node ${process.version}`,
);
const work = join(ROOT, '.bench', 'ingest-db');
if (DBS.includes('sqlite')) {
  rmSync(work, { recursive: true, force: true });
  const file = join(work, 'xxgk.db');
  await bench('SQLite', { kind: 'sqlite', file }, file);
}
if (DBS.includes('postgres')) {
  const server = await startPostgres({ durable: true });
  try {
    const url = await server.createDatabase('xxgk_bench');
    await bench('PostgreSQL', { kind: 'postgres', url }, url);
  } finally {
    await server.stop();
  }
}
