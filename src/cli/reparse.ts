/** `xxgk reparse`: read stored sources again with the current parser and store what it finds (decision 006). */
import { Command } from 'commander';
import { DB_FLAGS, DB_HELP, withStore } from './database.ts';
import { EXIT } from './errors.ts';
import { BATCH_GROUP_COMMIT_MS, ingestBatch, outageNotices, parseJobs } from './ingest.ts';

interface ReparseOptions {
  db?: string;
  jobs?: string;
  progress: boolean;
}

const COMMAND = 'xxgk reparse';

export function reparseCommand(): Command {
  return new Command('reparse')
    .description(
      '用当前版本的解析器重新读取库中旧版本解析的报告 (re-read stored reports parsed by an older parser version)',
    )
    .option(DB_FLAGS, DB_HELP)
    .option('--jobs <N>', '并行解析的线程数，默认每个 CPU 核一个 (parsing threads; default one per core)')
    .option('--no-progress', '不显示进度条 (no progress bar)')
    .addHelpText(
      'after',
      `
每份重新读取的报告成为新的当前版本，旧版本保留。
(Each report read again becomes a new current version; the old version is kept.)

退出码 (exit codes): 0 完成；1 部分报告无法读取；2 数据库错误`,
    )
    .action(async (options: ReparseOptions) => {
      process.exitCode = await runReparse(options);
    });
}

async function runReparse(options: ReparseOptions): Promise<number> {
  const jobs = parseJobs(options.jobs, COMMAND);
  return withStore(options.db, {}, async (store) => {
    const { PARSER_VERSION } = await import('../pipeline/version.ts');
    const stale: { versionId: number; sha256: string; name: string; size: number }[] = [];
    for (let after = 0; ;) {
      const page = await store.staleVersions(PARSER_VERSION, after);
      stale.push(...page);
      if (page.length === 0) break;
      after = page[page.length - 1]!.versionId;
    }
    if (stale.length === 0) {
      process.stdout.write(
        `所有报告均已由当前解析器（版本 ${PARSER_VERSION}）读取 (every report was read by the current parser)\n`,
      );
      return EXIT.ok;
    }
    const { Ingester } = await import('../ingest/index.ts');
    const ingester = await Ingester.create(store, {
      jobs,
      groupCommitMs: BATCH_GROUP_COMMIT_MS,
      ...outageNotices(),
    });
    // Labels name the file and its version: one file name can stand for several stored reports.
    const byLabel = new Map(stale.map((s) => [`${s.name}（版本 ${s.versionId}）`, s]));
    return ingestBatch(
      ingester,
      store.where,
      [...byLabel.keys()].map((path) => ({ path, probe: false })),
      (label) => ingester.reparse(byLabel.get(label)!, label),
      { progress: options.progress, jobs },
    );
  });
}
