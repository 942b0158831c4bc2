/** `xxgk check FILE|DIR...`: read and check reports, print the findings (shared spec: checks.md). */
import { Command, Option } from 'commander';
import type { Finding } from '../diagnostics/index.ts';
import type { CheckedReport } from '../pipeline/index.ts';
import { renderFindingsHtml } from '../render/findings-html.ts';
import {
  addToTally,
  emptyTally,
  renderReportText,
  renderSummaryText,
  type CheckItem,
} from '../render/findings-text.ts';
import type { CheckOptions } from '../rules/rule.ts';
import { batchExit, failureText, runBatch, type Item } from './batch.ts';
import { EXIT, UsageError } from './errors.ts';
import { collectInputs } from './inputs.ts';
import { openOutput, useColor, type Output } from './output.ts';

type Format = 'text' | 'json' | 'html';
const FORMATS: readonly Format[] = ['text', 'json', 'html'];

interface CheckCliOptions {
  json?: boolean;
  format?: string;
  out?: string;
  localDeadline?: string;
  progress: boolean;
  corpus: boolean;
}

const COMMAND = 'xxgk check';

export function checkCommand(): Command {
  return new Command('check')
    .description('检查年报，列出问题 (check reports and list the findings)')
    .argument(
      '<FILE|DIR...>',
      '报告文件或目录，目录递归读取 (report files or directories, walked recursively)',
    )
    .option(
      '--json',
      '等同 --format json：每份报告一行 JSON (same as --format json: one JSON line per report)',
    )
    .addOption(new Option('--format <text|json|html>', '输出格式，默认 text (output format, default text)'))
    .option('--out <FILE>', '把结果写入文件而不是标准输出 (write the output to a file instead of stdout)')
    .option(
      '--local-deadline <MM-DD>',
      '乡镇、街道报告的本地发布期限，如 02-15 (local publication deadline for townships and sub-districts)',
    )
    .option(
      '--no-corpus',
      '不做跨报告检查（跨年度衔接、内容雷同），逐份输出 (no checks across the batch: cross-year, copied text; stream report by report)',
    )
    .option('--no-progress', '不显示进度条 (no progress bar)')
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk check 报告.txt
  xxgk check 年报目录/ --json > findings.jsonl
  xxgk check 年报目录/ --format html --out 体检结果.html

退出码 (exit codes): 0 没有"错误"级问题；1 有"错误"级问题，或部分文件无法读取；
2 用法错误、没有可读取的文件或内部错误`,
    )
    .action(async (paths: string[], options: CheckCliOptions) => {
      process.exitCode = await runCheck(paths, options);
    });
}

function chosenFormat(options: CheckCliOptions): Format {
  const format = options.format ?? (options.json ? 'json' : 'text');
  if (!FORMATS.includes(format as Format)) {
    throw new UsageError(
      `--format 只能是 text、json 或 html，收到 ${format}`,
      `--format must be text, json or html, got ${format}`,
      COMMAND,
    );
  }
  if (options.json && format !== 'json') {
    throw new UsageError(
      `--json 与 --format ${format} 互相矛盾`,
      `--json contradicts --format ${format}`,
      COMMAND,
    );
  }
  return format as Format;
}

function checkOptions(options: CheckCliOptions): CheckOptions {
  const d = options.localDeadline;
  if (d === undefined) return {};
  const m = /^(\d{2})-(\d{2})$/.exec(d);
  const month = Number(m?.[1]);
  const day = Number(m?.[2]);
  const valid =
    m && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2001, month, 0)).getUTCDate();
  if (!valid) {
    throw new UsageError(
      `--local-deadline 应写作 月-日，如 02-15，收到 ${d}`,
      `--local-deadline must be MM-DD, e.g. 02-15, got ${d}`,
      COMMAND,
    );
  }
  return { localDeadline: d };
}

/** One finding as `check --json` prints it: every key present, null where a finding has no value. */
function findingJson(f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    cells: f.cells ?? [],
    text: f.text ?? null,
    expected: f.expected ?? null,
    actual: f.actual ?? null,
  };
}

function checkLineJson(item: CheckItem): string {
  if (!item.ok) return JSON.stringify({ file: item.file, error: failureText(item) });
  const r = item.record;
  return JSON.stringify({
    file: item.file,
    agency: r.agency,
    year: r.year,
    format: r.format,
    findings: item.findings.map(findingJson),
  });
}

/** Cross-year and similarity findings of the batch, merged into each report's findings (checks.md, "Across reports"). */
async function addCorpusFindings(items: CheckItem[]): Promise<void> {
  const { corpusFindings, reportKeyOf } = await import('../corpus/index.ts');
  const { sortFindings } = await import('../diagnostics/index.ts');
  const entries = items.flatMap((item) =>
    item.ok ? [{ key: reportKeyOf(item.file, item.record), record: item.record }] : [],
  );
  if (entries.length < 2) return;
  const found = corpusFindings(entries);
  for (const item of items) {
    if (!item.ok) continue;
    const extra = found.get(item.file) ?? [];
    if (extra.length > 0) item.findings = sortFindings([...item.findings, ...extra]);
  }
}

async function runCheck(paths: string[], options: CheckCliOptions): Promise<number> {
  const format = chosenFormat(options);
  const check = checkOptions(options);
  const inputs = await collectInputs(paths);
  if (inputs.length === 0) {
    process.stderr.write('xxgk: 没有找到报告文件 (no report files found)\n');
    return EXIT.usage;
  }
  // Loaded on demand: --help and usage errors never wait for (or depend on) the pipeline.
  const { checkFile } = await import('../pipeline/index.ts');
  const out: Output = await openOutput(options.out, COMMAND);
  const color = format === 'text' && useColor(out);
  // html needs the whole batch (its summary comes first); text and json stream report by report.
  const items: CheckItem[] = [];
  const counts = emptyTally();

  // Checks across reports (a body's consecutive years, copied sections) need the whole batch first.
  const acrossBatch = options.corpus && inputs.length > 1;
  const emit = (item: CheckItem) => {
    addToTally(counts, item);
    if (format === 'json') out.write(`${checkLineJson(item)}\n`);
    else if (format === 'text') out.write(`${renderReportText(item, { color })}\n`);
    else items.push(item);
  };
  const stats = await runBatch<{ ok: true } & CheckedReport>(
    inputs,
    (path) => checkFile(path, check),
    (item: Item<{ ok: true } & CheckedReport>) => (acrossBatch ? items.push(item) : emit(item)),
    { progress: options.progress },
  );
  if (acrossBatch) {
    const batch = [...items];
    items.length = 0;
    await addCorpusFindings(batch);
    for (const item of batch) emit(item);
  }

  if (stats.read + stats.failed > 0) {
    if (format === 'text') out.write(renderSummaryText(counts, { color }));
    if (format === 'html') out.write(renderFindingsHtml(items));
  }
  await out.close();
  return batchExit(stats, counts.error > 0);
}
