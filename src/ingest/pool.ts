/**
 * A fixed set of worker threads that parse and check reports, each reading one at a time, in the order sent.
 * A worker may be sent a few requests ahead (`depth`), so it does not sit idle while the main thread is busy
 * with a database transaction and has not yet read its last answer. A worker that dies, or runs out of time,
 * fails only the report it was reading; the requests sent ahead of it go to the next free worker.
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
  /** Sent and not answered, in order: the first is the one being read. */
  tasks: Task[];
  /** The time limit of the first task, counted from when it became first. */
  timer?: NodeJS.Timeout;
}

export interface PoolOptions {
  /** A file taking longer is answered as unreadable (time-limit.ts) and its worker replaced. */
  timeLimitMs?: number;
  /** Requests sent to a worker before it answers the first (default 1). */
  depth?: number;
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
    const slot: Slot = { worker, tasks: [] };
    worker.on('message', (response: ParseResponse) => {
      clearTimeout(slot.timer);
      // Answers come in the order sent (worker.ts reads one request at a time).
      const task = slot.tasks.shift();
      task?.resolve(response);
      this.startClock(slot);
      this.dispatch();
    });
    const died = (reason: string) => {
      if (this.closed) return;
      const task = this.abandon(slot);
      if (task)
        task.resolve({ id: task.request.id, ok: false, internal: `parser worker stopped: ${reason}` });
      this.dispatch();
    };
    worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  private dispatch(): void {
    if (this.queue.length > 0) while (this.slots.length < this.size) this.slots.push(this.spawn());
    const depth = Math.max(1, this.options.depth ?? 1);
    // Every worker gets its first request before any gets a second.
    for (let round = 1; round <= depth; round++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) return;
        if (slot.tasks.length >= round) continue;
        const task = this.queue.shift()!;
        slot.tasks.push(task);
        slot.worker.postMessage(task.request);
        if (slot.tasks.length === 1) this.startClock(slot);
      }
    }
  }

  /** Starts the time limit of the slot's first task, if it has one. */
  private startClock(slot: Slot): void {
    const limit = this.options.timeLimitMs;
    if (limit !== undefined && slot.tasks.length > 0)
      slot.timer = setTimeout(() => this.expire(slot, limit), limit);
  }

  /**
   * Replaces a slot's worker. Returns the task it was reading; the ones sent ahead go back to the front of the
   * queue, in order, for the next free worker.
   */
  private abandon(slot: Slot): Task | undefined {
    clearTimeout(slot.timer);
    const [task, ...ahead] = slot.tasks;
    slot.tasks = [];
    this.queue.unshift(...ahead);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.spawn();
    return task;
  }

  /** The file ran out of time: answer it, and replace the worker still busy with it. */
  private expire(slot: Slot, limit: number): void {
    if (slot.tasks.length === 0 || this.closed) return;
    const task = this.abandon(slot)!;
    task.resolve(timedOut(task.request.id, limit));
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
