/** `xxgk ingest FILE|DIR...`: read, check and store reports in the database (docs/cli.md, decision 006). */
import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import type { CorpusTally, IngestItem, Ingester } from '../ingest/index.ts';
import { batchExit, runBatch, type BatchStats } from './batch.ts';
import { DB_FLAGS, DB_HELP, withStore } from './database.ts';
import { EXIT, UsageError } from './errors.ts';
import { collectInputs, type InputFile } from './inputs.ts';

interface IngestOptions {
  db?: string;
  jobs?: string;
  progress: boolean;
}

const COMMAND = 'xxgk ingest';

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('读取、检查年报并存入数据库 (read, check and store reports in the database)')
    .argument(
      '<FILE|DIR...>',
      '报告文件或目录，目录递归读取 (report files or directories, walked recursively)',
    )
    .option(DB_FLAGS, DB_HELP)
    .option('--jobs <N>', '并行解析的线程数，默认每个 CPU 核一个 (parsing threads; default one per core)')
    .option('--no-progress', '不显示进度条 (no progress bar)')
    .addHelpText(
      'after',
      `
同一文件再次导入不会重复入库；内容有变化的文件成为同一报告的新版本，旧版本保留。
(Ingesting the same file again changes nothing; a changed file becomes a new version of its report.)

示例 (examples):
  xxgk ingest 年报目录/
  xxgk ingest 年报目录/ --db postgres://user@localhost/xxgk --jobs 4

退出码 (exit codes): 0 全部入库；1 部分文件无法读取；2 用法错误、数据库错误或没有可读取的文件`,
    )
    .action(async (paths: string[], options: IngestOptions) => {
      process.exitCode = await runIngest(paths, options);
    });
}

export function parseJobs(text: string | undefined, command: string): number {
  if (text === undefined) return availableParallelism();
  const jobs = Number(text);
  if (!/^\d+$/.test(text) || jobs < 1 || jobs > 256) {
    throw new UsageError(
      `--jobs 应为 1 到 256 的整数，收到 ${text}`,
      `--jobs must be 1–256, got ${text}`,
      command,
    );
  }
  return jobs;
}

export interface Tally {
  newReport: number;
  newVersion: number;
  sameContent: number;
  unchanged: number;
  duplicate: number;
  findings: number;
  unmatched: number;
}

export function emptyTally(): Tally {
  return {
    newReport: 0,
    newVersion: 0,
    sameContent: 0,
    unchanged: 0,
    duplicate: 0,
    findings: 0,
    unmatched: 0,
  };
}

export function addItem(tally: Tally, item: IngestItem): void {
  if (!item.ok) return;
  switch (item.status) {
    case 'newReport':
    case 'newVersion':
      tally[item.status]++;
      tally.findings += item.findings;
      if (item.unmatched) tally.unmatched++;
      break;
    case 'sameContent':
      tally.sameContent++;
      break;
    case 'known':
    case 'unchanged':
      tally.unchanged++;
      break;
    case 'duplicate':
      tally.duplicate++;
      break;
    case 'aborted':
      break;
  }
}

/** The closing lines of ingest and reparse, on stdout. */
export function summary(tally: Tally, stats: BatchStats, where: string, corpus?: CorpusTally): string {
  const parts = [`新报告 ${tally.newReport} 份`, `新版本 ${tally.newVersion} 份`];
  if (tally.sameContent) parts.push(`与已入库内容相同 ${tally.sameContent} 份`);
  parts.push(`已入库未变 ${tally.unchanged} 份`);
  if (tally.duplicate) parts.push(`重复文件 ${tally.duplicate} 个`);
  const lines = [`入库完成：${parts.join('，')}；发现问题 ${tally.findings} 项`];
  if (corpus && corpus.checked > 0) {
    const again = corpus.rechecked ? `，并更新了 ${corpus.rechecked} 份相关报告的跨报告问题` : '';
    lines.push(
      `跨报告检查（跨年核对、文字相似度）：检查 ${corpus.checked} 份，发现问题 ${corpus.findings} 项${again}`,
    );
  }
  if (stats.failed) lines.push(`无法读取 ${stats.failed} 个文件（原因见上，已记入数据库）`);
  if (tally.unmatched) {
    lines.push(
      `${tally.unmatched} 份报告未能对应到单位名录中的单位，请运行 xxgk units match 查看 (reports not matched to a registered body)`,
    );
  }
  lines.push(`数据库 (database)：${where}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A batch's saves wait up to this long for others to share their transaction: at hundreds of reports a
 * second, groups of tens instead of a commit per report.
 */
export const BATCH_GROUP_COMMIT_MS = 50;

/** Database trouble mid-run, on stderr: the outage, and the recovery. */
export function outageNotices() {
  return {
    onOutage: (e: { zh: string; en: string }) =>
      void process.stderr.write(`xxgk: ${e.zh}，正在重试 (${e.en}; retrying)\n`),
    onRecovered: () =>
      void process.stderr.write('xxgk: 数据库已恢复连接，继续入库 (database is back; continuing)\n'),
  };
}

export async function finishRun(ingester: Ingester): Promise<number | null> {
  try {
    await ingester.finishCorpusChecks();
  } finally {
    await ingester.close();
  }
  if (ingester.fatal) {
    const e = ingester.fatal;
    process.stderr.write(
      `xxgk: ${e.zh} (${e.en})\nxxgk: 已入库的报告保留，未完成的报告未写入，可再次运行以继续 (committed reports are kept; run again to continue)\n`,
    );
    return EXIT.usage;
  }
  return null;
}

async function runIngest(paths: string[], options: IngestOptions): Promise<number> {
  const jobs = parseJobs(options.jobs, COMMAND);
  const inputs = await collectInputs(paths);
  if (inputs.length === 0) {
    process.stderr.write('xxgk: 没有找到报告文件 (no report files found)\n');
    return EXIT.usage;
  }
  const probes = new Map(inputs.map((i) => [i.path, i.probe]));
  return withStore(options.db, {}, async (store) => {
    const { Ingester } = await import('../ingest/index.ts');
    const ingester = await Ingester.create(store, {
      jobs,
      groupCommitMs: BATCH_GROUP_COMMIT_MS,
      ...outageNotices(),
    });
    return ingestBatch(
      ingester,
      store.where,
      inputs,
      (path) => ingester.ingestFile(path, probes.get(path) ?? false),
      {
        progress: options.progress,
        jobs,
      },
    );
  });
}

/**
 * Runs a batch through the ingester (reading in parallel, storing in order), closes it, and prints the summary:
 * shared by `ingest` and `reparse`. Returns the exit code.
 */
export async function ingestBatch(
  ingester: Ingester,
  where: string,
  inputs: readonly InputFile[],
  work: (path: string) => Promise<IngestItem>,
  options: { progress: boolean; jobs: number },
): Promise<number> {
  const tally = emptyTally();
  // Loaded with the ingester already (kept out of the CLI's start-up, like it).
  const { filesInFlight } = await import('../ingest/index.ts');
  let stats: BatchStats;
  try {
    stats = await runBatch<Extract<IngestItem, { ok: true }>>(inputs, work, (item) => addItem(tally, item), {
      progress: options.progress,
      concurrency: filesInFlight(options.jobs),
    });
  } catch (e) {
    await ingester.close();
    throw e;
  }
  const stopped = await finishRun(ingester);
  if (stopped !== null) return stopped;
  process.stdout.write(summary(tally, stats, where, ingester.corpusTally));
  return batchExit(stats, false);
}
