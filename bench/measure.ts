/** Timing and memory bookkeeping for the benchmark. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full collection before memory readings, so heap figures show what is retained, not garbage. */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export interface Tally {
  reports: number;
  bytes: number;
  ms: number;
  /** CPU time of this process (all its threads, GC included): honest figures on a shared, busy machine. */
  cpuMs: number;
  refused: number;
}

export class Tallies {
  private readonly map = new Map<string, Tally>();

  /** Counts one report under each of `groups` (and under `all`). */
  add(
    section: string,
    groups: readonly string[],
    bytes: number,
    ms: number,
    cpuMs: number,
    ok: boolean,
  ): void {
    for (const key of [...groups, 'all'].map((g) => `${section}\u0000${g}`)) {
      const t = this.map.get(key) ?? { reports: 0, bytes: 0, ms: 0, cpuMs: 0, refused: 0 };
      t.reports++;
      t.bytes += bytes;
      t.ms += ms;
      t.cpuMs += cpuMs;
      if (!ok) t.refused++;
      this.map.set(key, t);
    }
  }

  get(section: string, group: string): Tally | undefined {
    return this.map.get(`${section}\u0000${group}`);
  }
}

export interface MemoryPoint {
  done: number;
  heapUsed: number;
  rss: number;
}

export class MemoryWatch {
  peakHeap = 0;
  peakRss = 0;
  readonly checkpoints: MemoryPoint[] = [];

  sample(): void {
    const m = process.memoryUsage();
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
    this.peakRss = Math.max(this.peakRss, m.rss);
  }

  checkpoint(done: number): MemoryPoint {
    collectGarbage();
    const m = process.memoryUsage();
    const point = { done, heapUsed: m.heapUsed, rss: m.rss };
    this.checkpoints.push(point);
    return point;
  }
}

/** CPU time (user + system) this process has used, in milliseconds. */
export function cpuNowMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function quantiles(values: readonly number[], qs: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return qs.map((q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
}

export const MB = 1024 * 1024;
export const KB = 1024;
