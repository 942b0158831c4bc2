/** `xxgk parse FILE|DIR...`: read reports and print their records (shared spec: report-record.md). */
import { Command } from 'commander';
import type { ParsedReport } from '../pipeline/index.ts';
import { batchExit, failureText, runBatch } from './batch.ts';
import { EXIT, UsageError } from './errors.ts';
import { collectInputs } from './inputs.ts';

interface ParseOptions {
  json?: boolean;
  jsonl?: boolean;
  progress: boolean;
}

export function parseCommand(): Command {
  return new Command('parse')
    .description('读取年报，输出报告记录 JSON (read reports and print their records as JSON)')
    .argument(
      '<FILE|DIR...>',
      '报告文件或目录，目录递归读取 (report files or directories, walked recursively)',
    )
    .option(
      '--json',
      '以格式化 JSON 输出一份记录，仅限一个文件 (one record as pretty JSON; exactly one file)',
    )
    .option('--jsonl', '每行一份记录，多个文件时为默认 (one record per line; the default for several files)')
    .option('--no-progress', '不显示进度条 (no progress bar)')
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk parse 报告.txt
  xxgk parse 年报目录/ > records.jsonl

退出码 (exit codes): 0 全部读取；1 部分文件无法读取；2 用法错误或没有可读取的文件`,
    )
    .action(async (paths: string[], options: ParseOptions) => {
      process.exitCode = await runParse(paths, options);
    });
}

async function runParse(paths: string[], options: ParseOptions): Promise<number> {
  if (options.json && options.jsonl) {
    throw new UsageError('--json 与 --jsonl 不能同时使用', '--json and --jsonl are exclusive', 'xxgk parse');
  }
  const inputs = await collectInputs(paths);
  if (inputs.length === 0) {
    process.stderr.write('xxgk: 没有找到报告文件 (no report files found)\n');
    return EXIT.usage;
  }
  if (options.json && inputs.length !== 1) {
    throw new UsageError(
      `--json 只能用于一个文件，这里有 ${inputs.length} 个；多个文件请用 --jsonl`,
      `--json takes exactly one file, got ${inputs.length}; use --jsonl for several`,
      'xxgk parse',
    );
  }
  const pretty = options.json || (!options.jsonl && inputs.length === 1);
  // Loaded on demand: --help and usage errors never wait for (or depend on) the pipeline.
  const { parseFile } = await import('../pipeline/index.ts');

  const stats = await runBatch<{ ok: true } & ParsedReport>(
    inputs,
    (path) => parseFile(path),
    (item) => {
      if (item.ok)
        process.stdout.write(
          pretty ? `${JSON.stringify(item.record, null, 2)}\n` : `${JSON.stringify(item.record)}\n`,
        );
      else if (!pretty)
        process.stdout.write(`${JSON.stringify({ file: item.file, error: failureText(item) })}\n`);
    },
    { progress: options.progress },
  );
  return batchExit(stats, false);
}
