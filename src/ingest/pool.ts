/**
 * A fixed set of worker threads that parse and check reports. Each worker holds several requests and
 * answers them in order: while the main thread is busy storing, the worker reads the next file instead of
 * waiting for it. A worker that dies fails only the report it was reading
 * (the first one it had not answered) and is replaced; the requests queued behind it go to another worker.
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
  /** Sent and not yet answered, in the order sent; the first is the one the worker is reading. */
  tasks: Task[];
  /** Bytes of the tasks after the first. */
  held: number;
  /** The time limit of the first task. */
  timer?: NodeJS.Timeout;
}

export interface PoolOptions {
  /** A file taking longer is answered as unreadable (time-limit.ts) and its worker replaced. */
  timeLimitMs?: number;
  /** Requests a worker holds at once (default PARSER_DEPTH), within HELD_BYTES. */
  depth?: number;
}

/**
 * Requests a worker holds by default. The main thread answers nothing while it stores a group of up to 100
 * reports or runs a round of corpus checks: 100 ms and more at a time. A worker must hold enough files to
 * read on through that (at ≈2.5 ms a report, 64 files are ≈160 ms). Holding 16, the parsing threads sat
 * idle 37% of the time in a 100,000-report ingest and the machine 17%; holding 64, 15–18% and 4%
 * (decision 006). The batch must then keep enough files in flight to fill them (`filesInFlight`).
 */
export const PARSER_DEPTH = 64;

/** Bytes of files a worker holds beyond the one it reads: a folder of large PDFs does not pile up in memory. */
const HELD_BYTES = 8 * 1024 * 1024;

export class ParserPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly depth: number;
  private nextId = 1;
  private closed = false;

  /** Workers start on the first request: a re-ingest of known files never pays for them. */
  constructor(
    readonly size: number,
    private readonly options: PoolOptions = {},
  ) {
    this.depth = Math.max(1, options.depth ?? PARSER_DEPTH);
  }

  private spawn(): Slot {
    const worker = startWorker(new URL('./worker.ts', import.meta.url));
    const slot: Slot = { worker, tasks: [], held: 0 };
    worker.on('message', (response: ParseResponse) => {
      clearTimeout(slot.timer);
      const task = slot.tasks.shift();
      if (slot.tasks.length > 0) slot.held -= slot.tasks[0]!.request.bytes.byteLength;
      this.startClock(slot);
      task?.resolve(response);
      this.dispatch();
    });
    const died = (reason: string) => {
      if (this.closed) return;
      this.retire(slot, (task) => ({
        id: task.request.id,
        ok: false,
        internal: `parser worker stopped: ${reason}`,
      }));
    };
    worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  /** Starts the time limit of the slot's first task, the one its worker is now reading. */
  private startClock(slot: Slot): void {
    const limit = this.options.timeLimitMs;
    if (limit !== undefined && slot.tasks.length > 0)
      slot.timer = setTimeout(() => this.expire(slot, limit), limit);
  }

  private dispatch(): void {
    if (this.queue.length > 0) while (this.slots.length < this.size) this.slots.push(this.spawn());
    // Every worker gets a request before any gets a second: a short queue is spread over all of them.
    for (let count = 0; count < this.depth; count++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) return;
        if (slot.tasks.length !== count) continue;
        const size = this.queue[0]!.request.bytes.byteLength;
        if (count > 0 && slot.held + size > HELD_BYTES) continue;
        const task = this.queue.shift()!;
        slot.tasks.push(task);
        if (count > 0) slot.held += size;
        slot.worker.postMessage(task.request);
        if (slot.tasks.length === 1) this.startClock(slot);
      }
    }
  }

  /**
   * Replaces the slot's worker: its first task is answered with `answer`, the tasks queued behind it go back
   * to the front of the queue, for another worker.
   */
  private retire(slot: Slot, answer: (task: Task) => ParseResponse): void {
    clearTimeout(slot.timer);
    const [first, ...waiting] = slot.tasks;
    slot.tasks = [];
    slot.held = 0;
    this.queue.unshift(...waiting);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.spawn();
    if (first) first.resolve(answer(first));
    this.dispatch();
  }

  /** The file ran out of time: answer it, and replace the worker still busy with it. */
  private expire(slot: Slot, limit: number): void {
    if (slot.tasks.length === 0 || this.closed) return;
    this.retire(slot, (task) => timedOut(task.request.id, limit));
    void slot.worker.terminate();
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
