/**
 * `xxgk units import FILE` loads the registry of bodies (单位名录, docs/units.md);
 * `xxgk units match` lists reports that found no body, with candidates, and records a reviewer's choice.
 */
import { Command } from 'commander';
import type { Store, UnmatchedReport } from '../store/index.ts';
import { DB_FLAGS, DB_HELP, parseYear, withStore } from './database.ts';
import { EXIT, UsageError } from './errors.ts';
import { readUnitsFile, UnitsFileError } from './units-file.ts';

interface UnitsOptions {
  db?: string;
  accept?: string[];
  year?: string;
  json?: boolean;
}

const COMMAND = 'xxgk units';

export function unitsCommand(): Command {
  return new Command('units')
    .description(
      '导入单位名录；查看、确认报告与单位的对应 (import the registry of bodies; review report matches)',
    )
    .argument(
      '<import|match>',
      'import 导入单位名录；match 查看未匹配的报告 (import the registry; list unmatched reports)',
    )
    .argument('[FILE]', 'import 的单位名录文件，.csv 或 .xlsx (the units file for import, .csv or .xlsx)')
    .option(DB_FLAGS, DB_HELP)
    .option(
      '--accept <REPORT=BODY...>',
      'match：确认对应关系；REPORT 为报告编号或报告主体名称 (match: accept a body for a report id or an agency name)',
    )
    .option('--year <YEAR>', 'match：只看这一年度的报告 (match: only reports of this year)')
    .option('--json', 'match：以 JSON 输出 (match: print JSON)')
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk units import 单位名录.xlsx
  xxgk units match
  xxgk units match --accept 12=230109003 --accept 松北区船口街道=230109003

单位名录格式见 docs/units.md：列 编码、上级编码、名称、类型、层级 (id, parent_id, name, kind, level)。
导入会替换原有名录；有循环或重复编码时不导入任何单位。
(Import replaces the registry; with a cycle or a duplicate id nothing is imported.)`,
    )
    .action(async (action: string, file: string | undefined, options: UnitsOptions) => {
      if (action === 'import') process.exitCode = await runImport(file, options);
      else if (action === 'match') process.exitCode = await runMatch(file, options);
      else {
        throw new UsageError(
          `未知操作 ${action}，应为 import 或 match`,
          `unknown action ${action}: import or match`,
          COMMAND,
        );
      }
    });
}

async function runImport(file: string | undefined, options: UnitsOptions): Promise<number> {
  if (!file) throw new UsageError('缺少单位名录文件', 'missing the units file', COMMAND);
  if (options.accept || options.year || options.json) {
    throw new UsageError(
      '--accept、--year、--json 只用于 match',
      '--accept, --year and --json are for match',
      COMMAND,
    );
  }
  let rows;
  try {
    rows = await readUnitsFile(file, COMMAND);
  } catch (e) {
    if (e instanceof UnitsFileError) {
      process.stderr.write(`xxgk: ${e.zh} (${e.en})\n`);
      return EXIT.usage;
    }
    throw e;
  }
  if (rows.length === 0) {
    process.stderr.write(`xxgk: 单位名录 ${file} 中没有单位 (no bodies in the units file)\n`);
    return EXIT.usage;
  }
  const { validateUnits, UnitsError } = await import('../store/index.ts');
  let bodies;
  try {
    bodies = validateUnits(rows);
  } catch (e) {
    if (!(e instanceof UnitsError)) throw e;
    process.stderr.write(
      `xxgk: 单位名录 ${file} 有误，未导入任何单位 (the units file has problems; nothing was imported)\n`,
    );
    for (const p of e.problems) process.stderr.write(`  ${p.zh} (${p.en})\n`);
    return EXIT.usage;
  }
  return withStore(options.db, {}, async (store) => {
    const result = await store.importUnits(bodies);
    process.stdout.write(
      `已导入 ${result.bodies} 个单位${result.removed ? `（移除名录中已不存在的 ${result.removed} 个）` : ''}；` +
        `报告 ${result.matched} 份已对应到单位，${result.unmatched} 份未对应` +
        `${result.unmatched ? '，请运行 xxgk units match 查看' : ''}\n` +
        `(imported ${result.bodies} bodies; ${result.matched} reports matched, ${result.unmatched} unmatched)\n`,
    );
    return EXIT.ok;
  });
}

/** `12=230109003` or `#12=…` (a report id) or `松北区船口街道=230109003` (an agency name, now and later). */
function parseAccept(text: string): { target: { reportId: number } | { agency: string }; bodyId: string } {
  const at = text.lastIndexOf('=');
  const left = at > 0 ? text.slice(0, at).trim() : '';
  const bodyId = at > 0 ? text.slice(at + 1).trim() : '';
  if (!left || !bodyId) {
    throw new UsageError(
      `--accept 应写作 报告编号=单位编码 或 报告主体名称=单位编码，收到 ${text}`,
      `--accept must be REPORT_ID=BODY_ID or AGENCY=BODY_ID, got ${text}`,
      COMMAND,
    );
  }
  const id = /^#?(\d+)$/.exec(left);
  return { target: id ? { reportId: Number(id[1]) } : { agency: left }, bodyId };
}

function matchText(list: UnmatchedReport[]): string {
  if (list.length === 0) return '所有报告都已对应到单位 (every report is matched to a body)\n';
  const lines = [`未对应到单位的报告 ${list.length} 份 (reports matched to no body)：`];
  for (const r of list) {
    lines.push(`  #${r.reportId}  ${r.agency ?? '（未写明报告主体）'}  ${r.year ?? '年度不明'}`);
    if (r.candidates.length === 0) lines.push('      没有候选单位 (no candidate)');
    for (const c of r.candidates) {
      lines.push(`      候选 ${c.bodyId}  ${c.name}  置信度 ${c.confidence.toFixed(2)}`);
    }
  }
  lines.push(
    '',
    '确认对应关系：xxgk units match --accept 报告编号=单位编码 (accept with --accept REPORT=BODY)',
  );
  return `${lines.join('\n')}\n`;
}

async function runMatch(file: string | undefined, options: UnitsOptions): Promise<number> {
  if (file) throw new UsageError('match 不接受文件参数', 'match takes no file', COMMAND);
  const year = parseYear(options.year, COMMAND);
  const accepts = (options.accept ?? []).map(parseAccept);
  return withStore(options.db, accepts.length > 0 ? {} : { readOnly: true }, async (store: Store) => {
    for (const a of accepts) {
      const changed = await store.acceptMatch(a.target, a.bodyId);
      const what = 'reportId' in a.target ? `报告 #${a.target.reportId}` : `「${a.target.agency}」`;
      if (changed === null) {
        throw new UsageError(`单位名录中没有编码 ${a.bodyId}`, `no body with id ${a.bodyId}`, COMMAND);
      }
      process.stdout.write(`${what} → ${a.bodyId}：更新 ${changed} 份报告 (${changed} reports updated)\n`);
    }
    if (accepts.length > 0) return EXIT.ok;
    const list = await store.unmatchedReports(year);
    process.stdout.write(options.json ? `${JSON.stringify(list, null, 2)}\n` : matchText(list));
    return EXIT.ok;
  });
}
