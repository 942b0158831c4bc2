/**
 * `xxgk export --to xlsx|csv|jsonl`: the current reports (one row per report, one column per cell, headers
 * as the report prints them), their findings, or the bodies without a report, for Excel/WPS or scripts.
 */
import { Command } from 'commander';
import {
  EXPORT_FORMATS,
  EXPORT_LABEL,
  EXPORT_WHATS,
  needsYear,
  type ExportFormat,
  type ExportWhat,
} from '../render/export-kinds.ts';
import { DB_FLAGS, DB_HELP, parseYear, underRange, withStore } from './database.ts';
import { EXIT, UsageError } from './errors.ts';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

interface ExportOptions {
  db?: string;
  to?: string;
  what: string;
  year?: string;
  under?: string;
  out?: string;
}

const COMMAND = 'xxgk export';

export function exportCommand(): Command {
  return new Command('export')
    .description('导出报告数据、问题或未报告单位 (export report data, findings or bodies without a report)')
    .option('--to <xlsx|csv|jsonl>', '导出格式，必填 (output format; required)')
    .option(
      '--what <records|findings|coverage>',
      '导出内容，默认 records (what to export; default records)',
      'records',
    )
    .option('--year <YEAR>', '只导出这一年度；coverage 必填 (only this year; required for coverage)')
    .option('--under <BODY_ID>', '只导出这个单位及其下级 (only this body and those under it)')
    .option(
      '--out <FILE>',
      '写入文件；xlsx 必填，csv/jsonl 默认写到标准输出 (output file; required for xlsx)',
    )
    .option(DB_FLAGS, DB_HELP)
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk export --to xlsx --year 2024 --out 2024年报数据.xlsx
  xxgk export --to csv --what findings > 问题清单.csv
  xxgk export --to jsonl > records.jsonl
  xxgk export --to xlsx --what coverage --year 2024 --out 未报告单位.xlsx

CSV 带 BOM，Excel、WPS 可直接打开；以 = + - @ 开头的文字前加 ' 以免被当作公式。
(CSV carries a BOM for Excel; text starting with = + - @ gets a leading ' so it is never run as a formula.)`,
    )
    .action(async (options: ExportOptions) => {
      process.exitCode = await runExport(options);
    });
}

/** stdout or `--out`, written with back-pressure: an export of 100,000 reports never piles up in memory. */
async function openStream(path: string | undefined) {
  let stream: Writable = process.stdout;
  if (path !== undefined) {
    const file = createWriteStream(path);
    try {
      await once(file, 'open');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new UsageError(
        `无法写入输出文件 ${path}（${code}）`,
        `cannot write output file ${path} (${code})`,
        COMMAND,
      );
    }
    stream = file;
  }
  return {
    write: async (text: string) => {
      if (!stream.write(text)) await once(stream, 'drain');
    },
    close: async () => {
      if (stream !== process.stdout) await new Promise<void>((done) => stream.end(done));
    },
  };
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value === undefined) {
    throw new UsageError(
      `缺少 ${flag}（可选 ${allowed.join('、')}）`,
      `missing ${flag} (${allowed.join(', ')})`,
      COMMAND,
    );
  }
  if (!allowed.includes(value as T)) {
    throw new UsageError(
      `${flag} 只能是 ${allowed.join('、')}，收到 ${value}`,
      `${flag} must be one of ${allowed.join(', ')}, got ${value}`,
      COMMAND,
    );
  }
  return value as T;
}

async function runExport(options: ExportOptions): Promise<number> {
  const to = choice<ExportFormat>(options.to, EXPORT_FORMATS, '--to');
  const what = choice<ExportWhat>(options.what, EXPORT_WHATS, '--what');
  const year = parseYear(options.year, COMMAND);
  if (needsYear(what, year)) {
    throw new UsageError('导出 coverage 需要 --year', '--what coverage needs --year', COMMAND);
  }
  if (to === 'xlsx' && !options.out) {
    throw new UsageError('xlsx 需要用 --out 指定文件', 'xlsx needs --out FILE', COMMAND);
  }
  return withStore(options.db, { readOnly: true }, async (store) => {
    const range = await underRange(store, options.under, COMMAND);
    const exports = await import('../render/corpus-export.ts');
    if (to === 'xlsx') {
      const { writeXlsx } = await import('../render/xlsx.ts');
      try {
        const table = await exports.exportTable(store, what, { year, range });
        await writeXlsx(options.out!, EXPORT_LABEL[what], table);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (!code) throw e;
        throw new UsageError(
          `无法写入输出文件 ${options.out}（${code}）`,
          `cannot write output file ${options.out} (${code})`,
          COMMAND,
        );
      }
      return EXIT.ok;
    }
    const out = await openStream(options.out);
    try {
      for await (const chunk of exports.exportText(store, what, to, { year, range })) await out.write(chunk);
    } finally {
      await out.close();
    }
    return EXIT.ok;
  });
}
