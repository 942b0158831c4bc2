/**
 * A fixed set of worker threads that parse and check reports, one request at a time each. A worker that
 * dies fails only the report it was reading and is replaced.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads/index.ts';
import type { ParseRequest, ParseResponse } from './messages.ts';
import { timedOut } from './time-limit.ts';

interface Task {
  request: ParseRequest;
  resolve: (response: ParseResponse) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer?: NodeJS.Timeout;
}

export interface PoolOptions {
  /** A file taking longer is answered as unreadable (time-limit.ts) and its worker replaced. */
  timeLimitMs?: number;
}

export class ParserPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  /** Workers start on the first request: a re-ingest of known files never pays for them. */
  constructor(
    readonly size: number,
    private readonly options: PoolOptions = {},
  ) {}

  private spawn(): Slot {
    const worker = startWorker(new URL('./worker.ts', import.meta.url));
    const slot: Slot = { worker, task: null };
    worker.on('message', (response: ParseResponse) => {
      clearTimeout(slot.timer);
      const task = slot.task;
      slot.task = null;
      task?.resolve(response);
      this.dispatch();
    });
    const died = (reason: string) => {
      if (this.closed) return;
      const task = slot.task;
      slot.task = null;
      if (task)
        task.resolve({ id: task.request.id, ok: false, internal: `parser worker stopped: ${reason}` });
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.dispatch();
    };
    worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  private dispatch(): void {
    if (this.queue.length > 0) while (this.slots.length < this.size) this.slots.push(this.spawn());
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.postMessage(task.request);
      const limit = this.options.timeLimitMs;
      if (limit !== undefined) slot.timer = setTimeout(() => this.expire(slot, limit), limit);
    }
  }

  /** The file ran out of time: answer it, and replace the worker still busy with it. */
  private expire(slot: Slot, limit: number): void {
    const task = slot.task;
    if (!task || this.closed) return;
    slot.task = null;
    task.resolve(timedOut(task.request.id, limit));
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.spawn();
    void slot.worker.terminate();
    this.dispatch();
  }

  /** Reads one report's bytes in a worker. Never rejects: failures come back as responses. */
  parse(bytes: Uint8Array, file: string): Promise<ParseResponse> {
    if (this.closed) throw new Error('parser pool is closed');
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, bytes, file }, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) clearTimeout(slot.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
