/**
 * Runs one pipeline call per input file, a bounded number at a time, and hands results on in input order
 * (so output never depends on which file finished first). Files that cannot be read are named on stderr
 * and the batch goes on.
 */
import cliProgress from 'cli-progress';
import { debugging, EXIT } from './errors.ts';
import type { InputFile } from './inputs.ts';

/** A file that gave no record: unusable input, or (`internal`) a bug met while reading it. */
export interface Failure {
  ok: false;
  file: string;
  error: { zh: string; en: string };
  internal?: boolean;
}

/** The `error` of a `{"file", "error"}` output line. */
export function failureText(failure: Pick<Failure, 'error'>): string {
  return `${failure.error.zh} (${failure.error.en})`;
}

export type Item<T extends { ok: true }> = T | Failure;

export interface BatchStats {
  /** Files that gave a record. */
  read: number;
  /** Files reported as unreadable (internal failures included). */
  failed: number;
  internal: number;
  /** Probed files (unknown extension, found in a directory) that turned out not to be reports. */
  skipped: number;
}

export interface BatchOptions {
  /** `--progress` (default) / `--no-progress`; the bar shows only for more than 20 files on a terminal. */
  progress: boolean;
  /** Files in flight at once. */
  concurrency?: number;
}

const PROGRESS_THRESHOLD = 20;
const DEFAULT_CONCURRENCY = 8;

/** File names and messages may carry text from a report: no control characters reach the terminal. */
function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

function internalFailure(file: string, e: unknown): Failure {
  const msg = e instanceof Error ? e.message : String(e);
  if (debugging() && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return {
    ok: false,
    file,
    internal: true,
    error: { zh: `内部错误：${msg}`, en: `internal error: ${msg}; XXGK_DEBUG=1 prints the stack` },
  };
}

export async function runBatch<T extends { ok: true }>(
  inputs: readonly InputFile[],
  work: (path: string) => Promise<Item<T>>,
  emit: (item: Item<T>) => void,
  options: BatchOptions,
): Promise<BatchStats> {
  const stats: BatchStats = { read: 0, failed: 0, internal: 0, skipped: 0 };
  const showBar = options.progress && inputs.length > PROGRESS_THRESHOLD && Boolean(process.stderr.isTTY);
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: '进度 {bar} {value}/{total} 份',
          hideCursor: true,
          clearOnComplete: true,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  // With a bar showing: clear its line, print, and let the next update redraw the bar below.
  const notice = (text: string) => void process.stderr.write(bar ? `\r\u001b[K${text}\n` : `${text}\n`);
  bar?.start(inputs.length, 0);

  const results: (Item<T> | undefined)[] = new Array(inputs.length);
  let next = 0;
  let flushed = 0;
  let done = 0;

  const flush = () => {
    while (flushed < inputs.length && results[flushed] !== undefined) {
      const input = inputs[flushed]!;
      const item = results[flushed]!;
      results[flushed] = undefined;
      flushed++;
      if (item.ok) {
        stats.read++;
      } else if (input.probe && !item.internal) {
        stats.skipped++;
        continue;
      } else {
        stats.failed++;
        if (item.internal) stats.internal++;
        notice(`xxgk: ${safe(item.file)}: ${safe(item.error.zh)} (${safe(item.error.en)})`);
      }
      emit(item);
    }
  };

  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      const input = inputs[index]!;
      let item: Item<T>;
      try {
        item = await work(input.path);
      } catch (e) {
        item = internalFailure(input.path, e);
      }
      results[index] = item;
      done++;
      bar?.update(done);
      flush();
    }
  };

  try {
    const n = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, inputs.length));
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    bar?.stop();
  }
  if (stats.skipped > 0) {
    notice(
      `xxgk: 跳过 ${stats.skipped} 个不像年报的文件 (skipped ${stats.skipped} files that do not look like reports)`,
    );
  }
  return stats;
}

/**
 * The exit code of a batch (docs/cli.md): 2 for an internal error or when no file gave a record;
 * else 1 for an error finding or a file that could not be read; else 0.
 */
export function batchExit(stats: BatchStats, errorFindings: boolean): number {
  if (stats.internal > 0) return EXIT.usage;
  if (stats.read === 0) {
    if (stats.failed === 0) process.stderr.write('xxgk: 没有找到报告文件 (no report files found)\n');
    return EXIT.usage;
  }
  return errorFindings || stats.failed > 0 ? EXIT.problems : EXIT.ok;
}
