/**
 * The one writer of an ingest run. Writes happen one at a time; versions that queue up while a write is
 * running are saved together in the next transaction (group commit, decision 006). A write the database
 * could not take because it was away is retried with backoff; a transaction either committed or did
 * nothing, and a retried save of committed bytes is answered `known`, so nothing is written twice.
 */
import { StoreError, type NewVersion, type Saved, type Store } from '../store/index.ts';

export interface WriterOptions extends RetryOptions {
  /**
   * Hold a save this long for others to join its transaction (default 0). Worth it when many files arrive
   * from parsing threads (\`xxgk ingest\`): a commit costs as much as saving a report, and without a wait
   * each one arrives alone.
   */
  groupCommitMs?: number;
}

export interface RetryOptions {
  /** Give up after waiting this long in all for one write (XXGK_DB_RETRY_SECONDS, default 300). */
  patienceMs?: number;
  /** Told once per outage, when the first retry starts, and again when the database answers. */
  onOutage?: (error: StoreError) => void;
  onRecovered?: () => void;
}

/** Versions saved in one transaction at most. */
export const MAX_GROUP = 100;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function defaultPatience(): number {
  const seconds = Number(process.env.XXGK_DB_RETRY_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 300) * 1000;
}

type Job =
  | { kind: 'save'; version: NewVersion; resolve: (saved: Saved) => void; reject: (e: unknown) => void }
  | {
      kind: 'run';
      run: () => Promise<unknown>;
      resolve: (value: unknown) => void;
      reject: (e: unknown) => void;
    };

export class Writer {
  private readonly queue: Job[] = [];
  private busy = false;
  private readonly patienceMs: number;
  /** A drain waiting for a group to fill (groupCommitMs). */
  private gathering: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: WriterOptions = {},
  ) {
    this.patienceMs = options.patienceMs ?? defaultPatience();
  }

  /** Saves a report version, in a group with the versions queued alongside it. */
  save(version: NewVersion): Promise<Saved> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'save', version, resolve, reject });
      const wait = this.options.groupCommitMs ?? 0;
      if (wait <= 0 || this.queue.length >= MAX_GROUP) void this.drain();
      else
        this.gathering ??= setTimeout(() => {
          this.gathering = null;
          void this.drain();
        }, wait);
    });
  }

  /** Runs any other write, alone, in turn with the saves. */
  run<T>(write: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind: 'run', run: write, resolve: resolve as (value: unknown) => void, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0]!;
        if (head.kind === 'run') {
          this.queue.shift();
          await this.withRetry(head.run).then(head.resolve, head.reject);
          continue;
        }
        let n = 0;
        while (n < this.queue.length && n < MAX_GROUP && this.queue[n]!.kind === 'save') n++;
        const group = this.queue.splice(0, n) as Extract<Job, { kind: 'save' }>[];
        await this.saveGroup(group);
      }
    } finally {
      this.busy = false;
    }
  }

  private async saveGroup(group: Extract<Job, { kind: 'save' }>[]): Promise<void> {
    try {
      const saved = await this.withRetry(() => this.store.saveVersions(group.map((j) => j.version)));
      group.forEach((job, i) => job.resolve(saved[i]!));
    } catch (e) {
      if (group.length === 1 || e instanceof StoreError) {
        for (const job of group) job.reject(e);
        return;
      }
      // One report the database refuses must not take the others with it: save them one by one.
      for (const job of group) {
        await this.withRetry(() => this.store.saveVersion(job.version)).then(job.resolve, job.reject);
      }
    }
  }

  private async withRetry<T>(write: () => Promise<T>): Promise<T> {
    let waited = 0;
    let delay = 250;
    let outage = false;
    for (;;) {
      try {
        const result = await write();
        if (outage) this.options.onRecovered?.();
        return result;
      } catch (e) {
        if (!(e instanceof StoreError) || !e.transient || waited >= this.patienceMs) throw e;
        if (!outage) this.options.onOutage?.(e);
        outage = true;
        await sleep(delay);
        waited += delay;
        delay = Math.min(delay * 2, 5000);
      }
    }
  }
}
