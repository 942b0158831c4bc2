/**
 * `xxgk totals --year Y [--body ID]`: tables 三 and 四 summed over a year's current reports (of a body and
 * those under it, or of all), and the rates a reviewer cares about, each with its formula (docs/rates.md).
 */
import { Command, Option } from 'commander';
import type { RateValue } from '../record/index.ts';
import { DB_FLAGS, DB_HELP, parseYear, underRange, withStore } from './database.ts';
import { EXIT, UsageError } from './errors.ts';

interface TotalsOptions {
  db?: string;
  year?: string;
  body?: string;
  under?: string;
  json?: boolean;
}

const COMMAND = 'xxgk totals';

export function totalsCommand(): Command {
  return new Command('totals')
    .description(
      '汇总某年度各单位的表三、表四并计算予以公开率等比率 (sum tables 三 and 四 over a year and compute the rates)',
    )
    .option('--year <YEAR>', '报告年度，必填 (the report year; required)')
    .option('--body <BODY_ID>', '只汇总这个单位及其下级 (only this body and those under it)')
    .addOption(new Option('--under <BODY_ID>').hideHelp())
    .option('--json', '以 JSON 输出 (print JSON)')
    .option(DB_FLAGS, DB_HELP)
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk totals --year 2024
  xxgk totals --year 2024 --body 230881 --json

比率 (rates)：予以公开率、不予公开率、复议纠错率、诉讼纠错率，公式随结果列出，详见 docs/rates.md
(each rate is printed with its formula; see docs/rates.md)

退出码 (exit codes): 0 完成；2 用法错误、单位编码不存在或数据库错误`,
    )
    .action(async (options: TotalsOptions) => {
      process.exitCode = await runTotals(options);
    });
}

interface RowLine {
  /** Row key of 表三 (`withheld.stateSecret`), or a group key (`withheld`). */
  key: string;
  label: string;
  value: number;
  depth: number;
}

interface TotalsReport {
  year: number;
  body: { id: string; name: string } | null;
  reports: number;
  formats: string[];
  /** 表三 总计列: the rows 一、二、四, the outcome groups （一）…（六） summed, and （七）总计. */
  requests: Record<string, number>;
  /** 表三 总计列, every official row of either format by its key. */
  requestRows: Record<string, number>;
  /** 表四, every group and outcome. */
  reviews: Record<string, Record<string, number>>;
  rates: (RateValue & { percent: number | null })[];
}

async function report(
  cells: Record<string, number>,
  head: Pick<TotalsReport, 'year' | 'body' | 'reports' | 'formats'>,
): Promise<{ report: TotalsReport; lines: RowLine[] }> {
  const { CATALOGUE, REVIEW_GROUPS, REVIEW_OUTCOMES, computeRates } = await import('../record/index.ts');
  const formats = (['2021', '2019'] as const).filter((f) => head.formats.includes(f));
  const shown = new Set(
    (formats.length > 0 ? formats : (['2021'] as const)).flatMap((f) =>
      CATALOGUE[f].requests.groups[0]!.rows.map((r) => r.key),
    ),
  );
  const rows = [
    ...new Map(
      [...CATALOGUE['2021'].requests.groups[0]!.rows, ...CATALOGUE['2019'].requests.groups[0]!.rows].map(
        (r) => [r.key, r],
      ),
    ).values(),
  ];
  // Official order: the 2019 「（六）其他处理」 sits with the 2021 rows of （六）.
  rows.sort((a, b) => order(a.key) - order(b.key));
  const requestRows: Record<string, number> = {};
  for (const r of rows) requestRows[r.key] = cells[`requests.${r.key}.total`] ?? 0;

  const requests: Record<string, number> = {};
  for (const r of rows) {
    const group = r.key.split('.')[0]!;
    requests[group] = (requests[group] ?? 0) + requestRows[r.key]!;
  }
  const lines: RowLine[] = [];
  for (const r of rows) {
    const [group, item] = r.key.split('.') as [string, string | undefined];
    const parts = r.label.split(' ');
    const depth = order(r.key) >= order('granted') && order(r.key) <= order('processedTotal') ? 1 : 0;
    if (r.key === 'granted') lines.push({ key: 'outcomes', label: parts[0]!, value: NaN, depth: 0 });
    // The 2019 「（六）其他处理」 is a row of its own, or one item of （六） when 2021 reports are shown too.
    const grouped = item !== undefined || (r.key === 'other' && shown.has('other.noCorrection'));
    if (!grouped) {
      if (shown.has(r.key)) lines.push({ key: r.key, label: parts.at(-1)!, value: requests[group]!, depth });
      continue;
    }
    if (!lines.some((l) => l.key === group))
      lines.push({ key: group, label: parts[0]!, value: requests[group]!, depth: 1 });
    if (shown.has(r.key)) {
      const label = item === undefined ? '（2019 版表格，不分项）' : short(parts.slice(1).join(' '));
      lines.push({ key: r.key, label, value: requestRows[r.key]!, depth: 2 });
    }
  }

  const reviews: Record<string, Record<string, number>> = {};
  for (const g of REVIEW_GROUPS) {
    reviews[g.key] = {};
    for (const o of REVIEW_OUTCOMES) reviews[g.key]![o.key] = cells[`reviews.${g.key}.${o.key}`] ?? 0;
  }
  const rates = computeRates(cells).map((r) => ({
    ...r,
    percent: r.value === null ? null : Math.round(r.value * 1000) / 10,
  }));
  return { report: { ...head, requests, requestRows, reviews, rates }, lines };
}

const ROW_ORDER = [
  'received',
  'carriedOver',
  'granted',
  'partiallyGranted',
  'withheld',
  'unavailable',
  'declined',
  'other',
  'processedTotal',
  'carriedForward',
];

/** Position of a 表三 row: its group's place, then the 2019 undivided row before the 2021 items. */
function order(key: string): number {
  const [group, item] = key.split('.');
  return ROW_ORDER.indexOf(group!) * 100 + (item === undefined ? 0 : 1);
}

/** Columns a string takes in a terminal: CJK characters and full-width punctuation take two. */
function width(text: string): number {
  let n = 0;
  for (const ch of text)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return n;
}

/** 「1.申请人无正当理由逾期不补正」 for the long （六） items of 2021: the words before the first 「、」. */
function short(label: string): string {
  return width(label) > 40 ? label.split('、')[0]! : label;
}

const padEnd = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));
const padStart = (text: string, n: number) => ' '.repeat(Math.max(0, n - width(text))) + text;

function percentText(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

async function totalsText(t: TotalsReport, lines: RowLine[]): Promise<string> {
  const { CATALOGUE, REVIEW_GROUPS, REVIEW_OUTCOMES } = await import('../record/index.ts');
  const where = t.body ? `${t.body.name}（${t.body.id}）及其下级` : '全部单位';
  const whereEn = t.body ? `body ${t.body.id} and those under it` : 'all bodies';
  const out = [
    `${t.year} 年度 ${where}：现行报告 ${t.reports} 份 (${t.year}, ${whereEn}: ${t.reports} current report${t.reports === 1 ? '' : 's'})`,
  ];
  if (t.formats.length > 0) out.push(`表格格式 (formats)：${t.formats.map((f) => `${f} 版`).join('、')}`);
  out.push('', `表三 ${CATALOGUE['2021'].requests.title}（总计列之和）`);
  const labelWidth = Math.max(...lines.map((l) => width(l.label) + 2 * l.depth)) + 2;
  for (const l of lines) {
    const label = padEnd(`${'  '.repeat(l.depth)}${l.label}`, labelWidth);
    out.push(`  ${Number.isNaN(l.value) ? label.trimEnd() : `${label}${padStart(String(l.value), 8)}`}`);
  }
  out.push('', `表四 ${CATALOGUE['2021'].reviews.title}`);
  const groupWidth = Math.max(...REVIEW_GROUPS.map((g) => width(g.label))) + 2;
  out.push(`  ${' '.repeat(groupWidth)}${REVIEW_OUTCOMES.map((o) => padStart(o.label, 10)).join('')}`);
  for (const g of REVIEW_GROUPS) {
    const values = REVIEW_OUTCOMES.map((o) => padStart(String(t.reviews[g.key]![o.key]), 10));
    out.push(`  ${padEnd(g.label, groupWidth)}${values.join('')}`);
  }
  out.push('', '比率 (rates)');
  for (const r of t.rates) {
    const figure =
      r.percent === null
        ? `—  ${r.reason}`
        : `${percentText(r.percent)}（${r.numerator} ÷ ${r.denominator}）`;
    out.push(`  ${r.name}  ${figure}`, `    ${r.formula}`);
  }
  return `${out.join('\n')}\n`;
}

async function runTotals(options: TotalsOptions): Promise<number> {
  const year = parseYear(options.year, COMMAND);
  if (year === undefined) throw new UsageError('缺少 --year', 'missing --year', COMMAND);
  if (options.body !== undefined && options.under !== undefined && options.body !== options.under) {
    throw new UsageError('--body 与 --under 只能给一个', 'give --body or --under, not both', COMMAND);
  }
  const bodyId = options.body ?? options.under;
  return withStore(options.db, { readOnly: true }, async (store) => {
    const range = await underRange(store, bodyId, COMMAND);
    const body = bodyId === undefined ? null : await store.body(bodyId);
    const totals = await store.regionTotals({ year, range });
    const formats = (await store.formatsOf({ year, range })).filter((f) => f === '2019' || f === '2021');
    const { report: t, lines } = await report(totals.cells, {
      year,
      body: body ? { id: body.id, name: body.name } : null,
      reports: totals.reports,
      formats: formats.sort(),
    });
    process.stdout.write(options.json ? `${JSON.stringify(t, null, 2)}\n` : await totalsText(t, lines));
    return EXIT.ok;
  });
}
