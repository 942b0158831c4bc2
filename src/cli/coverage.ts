/** `xxgk coverage --year Y`: the registered bodies that have no report for a year (checks.md `coverage.missing`). */
import { Command } from 'commander';
import type { Coverage } from '../store/index.ts';
import { DB_FLAGS, DB_HELP, parseYear, underRange, withStore } from './database.ts';
import { EXIT, UsageError } from './errors.ts';

interface CoverageOptions {
  db?: string;
  year?: string;
  under?: string;
  json?: boolean;
}

const COMMAND = 'xxgk coverage';

const KIND: Record<string, string> = {
  government: '人民政府',
  department: '部门',
  township: '乡镇',
  subdistrict: '街道',
  other: '其他',
};

export function coverageCommand(): Command {
  return new Command('coverage')
    .description('列出某年度没有报告的单位 (list registered bodies with no report for a year)')
    .option('--year <YEAR>', '报告年度，必填 (the report year; required)')
    .option('--under <BODY_ID>', '只看这个单位及其下级 (only this body and those under it)')
    .option('--json', '以 JSON 输出 (print JSON)')
    .option(DB_FLAGS, DB_HELP)
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk coverage --year 2024
  xxgk coverage --year 2024 --under 230109 --json

退出码 (exit codes): 0 完成；2 用法错误、尚未导入单位名录或数据库错误`,
    )
    .action(async (options: CoverageOptions) => {
      process.exitCode = await runCoverage(options);
    });
}

function coverageText(c: Coverage): string {
  const lines = [
    `${c.year} 年度：应报告单位 ${c.bodies} 个，已有报告 ${c.reported} 个，没有报告 ${c.missing.length} 个` +
      ` (${c.bodies} bodies, ${c.reported} reported, ${c.missing.length} missing)`,
  ];
  for (const b of c.missing) {
    const above = b.ancestors.length > 0 ? `  ${b.ancestors.join(' / ')}` : '';
    lines.push(`  ${b.id}  ${b.name}（${KIND[b.kind] ?? b.kind}）${above}`);
  }
  return `${lines.join('\n')}\n`;
}

async function runCoverage(options: CoverageOptions): Promise<number> {
  const year = parseYear(options.year, COMMAND);
  if (year === undefined) throw new UsageError('缺少 --year', 'missing --year', COMMAND);
  return withStore(options.db, { readOnly: true }, async (store) => {
    const range = await underRange(store, options.under, COMMAND);
    const c = await store.coverage({ year, range });
    if (c.bodies === 0 && !range) {
      process.stderr.write(
        'xxgk: 尚未导入单位名录，请先运行 xxgk units import (no registry of bodies; run xxgk units import first)\n',
      );
      return EXIT.usage;
    }
    process.stdout.write(options.json ? `${JSON.stringify(c, null, 2)}\n` : coverageText(c));
    return EXIT.ok;
  });
}
