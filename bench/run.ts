/**
 * `npm run bench`: ≥10,000 synthetic reports in every layout, parsed and checked in one process.
 * Prints reports/s and MB/s per section and layout family, by wall time and by this process's CPU time (all its
 * threads: reports per CPU-second is reports/s per core, and other work on a shared machine inflates it far
 * less than wall time), the corpus size distribution, and memory (peak RSS and heap, and heap after each
 * quarter of the corpus, to show it stays flat).
 *
 * Before the timed corpus, XXGK_BENCH_WARMUP other reports (another seed, so nothing the pipeline might remember is
 * shared) go through every section once, timed on their own: a fresh process runs at half speed or less for its
 * first ≈2,000 reports while V8 compiles the hot code, which is a fixed cost per process (per worker thread in
 * `xxgk ingest`), not a rate. The warm-up figures are printed apart; XXGK_BENCH_WARMUP=0 times from a cold start.
 *
 * XXGK_BENCH_N       number of reports (default 10000)
 * XXGK_BENCH_SEED    corpus seed (default 20250101)
 * XXGK_BENCH_WARMUP  reports run before timing (default 2000)
 */
import { performance } from 'node:perf_hooks';
import { generateBatch, type CorpusItem } from './corpus.ts';
import { cpuNowMs, KB, MB, MemoryWatch, quantiles, Tallies } from './measure.ts';
import { SECTIONS } from './sections.ts';

const N = Number(process.env.XXGK_BENCH_N ?? 10_000);
const SEED = Number(process.env.XXGK_BENCH_SEED ?? 20250101);
const WARMUP = Number(process.env.XXGK_BENCH_WARMUP ?? 2_000);
const WARMUP_SEED = SEED + 1;
const BATCH = 200;

const tallies = new Tallies();
const memory = new MemoryWatch();
const sizes: number[] = [];
const sizesByGroup = new Map<string, number[]>();
const groups = new Set<string>();
let generationMs = 0;

async function runSection(
  name: string,
  run: (item: CorpusItem) => Promise<boolean>,
  batch: CorpusItem[],
): Promise<void> {
  for (const item of batch) {
    const start = performance.now();
    const cpuStart = cpuNowMs();
    const ok = await run(item);
    const cpuMs = cpuNowMs() - cpuStart;
    const ms = performance.now() - start;
    tallies.add(name, [item.family, `layout:${item.layout}`], item.bytes.length, ms, cpuMs, ok);
  }
  memory.sample();
}

/** The warm-up: other reports through every section, tallied apart from the timed corpus. */
async function warmUp(): Promise<Tallies> {
  const warm = new Tallies();
  for (let from = 0; from < WARMUP; from += BATCH) {
    const batch = generateBatch(WARMUP_SEED, from, Math.min(BATCH, WARMUP - from));
    for (const section of SECTIONS) {
      for (const item of batch) {
        const cpuStart = cpuNowMs();
        const ok = await section.run(item);
        warm.add(section.name, [], item.bytes.length, 0, cpuNowMs() - cpuStart, ok);
      }
    }
  }
  return warm;
}

const quarters = [0.25, 0.5, 0.75, 1].map((q) => Math.max(1, Math.round(N * q)));
console.log(`xxgk bench: ${N} synthetic reports, seed ${SEED}, node ${process.version}`);
if (WARMUP > 0) {
  const warm = await warmUp();
  const figures = SECTIONS.map((section) => {
    const t = warm.get(section.name, 'all')!;
    return `${section.name} ${(t.reports / (t.cpuMs / 1000)).toFixed(0)} rep/cpu-s`;
  });
  console.log(
    `warm-up: ${WARMUP} other reports (seed ${WARMUP_SEED}) through every section before timing, while V8 compiles: ${figures.join(', ')}. Not in the table below (XXGK_BENCH_WARMUP=0 to include a cold start).`,
  );
}
memory.checkpoint(0);
for (let from = 0; from < N;) {
  // Batches end on each quarter, where memory is read.
  const count = Math.min(BATCH, quarters.find((q) => q > from)! - from);
  const start = performance.now();
  const batch = generateBatch(SEED, from, count);
  generationMs += performance.now() - start;
  for (const item of batch) {
    sizes.push(item.bytes.length);
    groups.add(item.family);
    (sizesByGroup.get(item.layout) ?? sizesByGroup.set(item.layout, []).get(item.layout)!).push(
      item.bytes.length,
    );
  }
  for (const section of SECTIONS) await runSection(section.name, section.run, batch);
  const done = (from += count);
  if (quarters.includes(done)) {
    const p = memory.checkpoint(done);
    console.log(
      `  ${String(done).padStart(6)} done: heap ${(p.heapUsed / MB).toFixed(1)} MB, rss ${(p.rss / MB).toFixed(1)} MB`,
    );
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);
console.log(`\ncorpus (generation ${(generationMs / 1000).toFixed(1)} s, not timed)`);
const [min, p10, p50, p90, max] = quantiles(sizes, [0, 0.1, 0.5, 0.9, 1]).map((b) => b / KB);
const totalMb = sizes.reduce((s, b) => s + b, 0) / MB;
console.log(
  `  ${sizes.length} reports, ${totalMb.toFixed(1)} MB; size KB min ${min!.toFixed(1)} p10 ${p10!.toFixed(1)} median ${p50!.toFixed(1)} p90 ${p90!.toFixed(1)} max ${max!.toFixed(1)}`,
);
const buckets = [8, 16, 24, 32, 40, 48, Infinity];
const counts = buckets.map(() => 0);
for (const s of sizes) counts[buckets.findIndex((b) => s / KB < b)]!++;
console.log(
  `  size histogram: ${buckets.map((b, i) => `${i === 0 ? '<8' : b === Infinity ? `≥${buckets[i - 1]}` : `${buckets[i - 1]}–${b}`} KB: ${counts[i]}`).join(', ')}`,
);
for (const [layout, list] of [...sizesByGroup].sort()) {
  const [lo, med, hi] = quantiles(list, [0, 0.5, 1]).map((b) => (b / KB).toFixed(1));
  console.log(
    `    ${layout.padEnd(24)} ${String(list.length).padStart(6)} reports, KB min ${lo} median ${med} max ${hi}`,
  );
}

console.log(
  `\n${'section'.padEnd(14)}${'group'.padEnd(32)}${'reports'.padStart(9)}${'MB'.padStart(9)}${'seconds'.padStart(9)}${'reports/s'.padStart(11)}${'MB/s'.padStart(9)}${'ms/report'.padStart(10)}${'cpu s'.padStart(9)}${'rep/cpu-s'.padStart(11)}${'cpu ms/rep'.padStart(11)}`,
);
const rows = ['all', ...[...groups].sort(), ...[...sizesByGroup.keys()].sort().map((l) => `layout:${l}`)];
for (const section of SECTIONS) {
  for (const group of rows) {
    const t = tallies.get(section.name, group);
    if (!t) continue;
    const s = t.ms / 1000;
    const cpu = t.cpuMs / 1000;
    console.log(
      `${section.name.padEnd(14)}${group.padEnd(32)}${String(t.reports).padStart(9)}${fmt(t.bytes / MB)}${fmt(s)}${(t.reports / s).toFixed(0).padStart(11)}${fmt(t.bytes / MB / s, 2)}${fmt(t.ms / t.reports, 2).padStart(10)}${fmt(cpu)}${(t.reports / cpu).toFixed(0).padStart(11)}${fmt(t.cpuMs / t.reports, 2).padStart(11)}${t.refused ? `  (${t.refused} refused)` : ''}`,
    );
  }
}

memory.sample();
const maxRssKb = process.resourceUsage().maxRSS;
console.log(
  `\nmemory: peak RSS ${(maxRssKb / 1024).toFixed(1)} MB, peak heap sampled ${(memory.peakHeap / MB).toFixed(1)} MB`,
);
console.log(
  `  heap after GC: ${memory.checkpoints.map((p) => `${p.done === 0 ? 'start' : `${Math.round((p.done / N) * 100)}%`} ${(p.heapUsed / MB).toFixed(1)} MB`).join(', ')}`,
);
