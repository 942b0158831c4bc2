/**
 * Findings of a batch of checked reports → plain text for a terminal or a file (`xxgk check`).
 * Also the shared vocabulary of the review outputs (labels, tallies) used by findings-html.ts.
 */
import { SEVERITY_LABEL, type Finding, type Severity } from '../diagnostics/index.ts';
import { describeCell, isOfficialFormat, SECTIONS, type ReportRecord } from '../record/index.ts';

/** One checked report (the pipeline's `Outcome<CheckedReport>` fits this shape). */
export interface CheckedItem {
  ok: true;
  file: string;
  record: ReportRecord;
  findings: Finding[];
  /** Reader and recognition messages: shown, but not counted as findings. */
  messages: Finding[];
}

/** A file that could not be read at all, with its one-line reason. */
export interface UnreadableItem {
  ok: false;
  file: string;
  error: { zh: string; en: string };
}

export type CheckItem = CheckedItem | UnreadableItem;

export interface Tally {
  /** Every input, readable or not. */
  reports: number;
  unreadable: number;
  error: number;
  warning: number;
  info: number;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Shape + word, so severity never rests on colour alone. */
export const SEVERITY_MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: '●' };

export function emptyTally(): Tally {
  return { reports: 0, unreadable: 0, error: 0, warning: 0, info: 0 };
}

/** Counts one more report into `t` (for output streamed report by report). */
export function addToTally(t: Tally, item: CheckItem): Tally {
  t.reports++;
  if (!item.ok) t.unreadable++;
  else for (const f of item.findings) t[f.severity]++;
  return t;
}

export function tally(items: readonly CheckItem[]): Tally {
  return items.reduce(addToTally, emptyTally());
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function summaryLine(t: Tally): string {
  return (
    `共检查 ${t.reports} 份报告（${t.unreadable} 份无法读取）：` +
    `错误 ${t.error} 项，警告 ${t.warning} 项，提示 ${t.info} 项`
  );
}

export function agencyLabel(record: ReportRecord): string {
  return record.agency ?? '（未识别报告主体）';
}

export function yearLabel(record: ReportRecord): string {
  return record.year === null ? '（未识别年度）' : `${record.year} 年度`;
}

export function formatLabel(record: ReportRecord): string {
  switch (record.format) {
    case '2019':
      return '2019 版表格';
    case '2021':
      return '2021 版表格';
    case 'legacy':
      return '2019 年以前的旧式报告';
    case 'unknown':
      return '表格格式未识别';
  }
}

/** 「一、总体情况」 for section 1; 「正文」 outside any section. */
export function sectionLabel(section: number | null): string {
  const def = SECTIONS.find((s) => s.number === section);
  return def ? `${def.numeral}、${def.title}` : '正文';
}

/** A cell as the report prints it; the raw id only when the record's format has no official catalogue. */
export function cellLabel(record: ReportRecord, id: string): string {
  return isOfficialFormat(record.format) ? describeCell(record.format, id) : id;
}

/**
 * Text from a report made safe for a terminal: control characters (an escape sequence could rewrite
 * the screen) and bidi overrides removed, runs of whitespace folded into one space.
 */
export function oneLine(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface TextOptions {
  /** ANSI colours: only for a terminal, and never when NO_COLOR is set. */
  color: boolean;
}

const ANSI = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36', green: '32' } as const;
type Style = keyof typeof ANSI;

function paint(opts: TextOptions, text: string, ...styles: Style[]): string {
  if (!opts.color || styles.length === 0) return text;
  return `\u001b[${styles.map((s) => ANSI[s]).join(';')}m${text}\u001b[0m`;
}

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  error: ['bold', 'red'],
  warning: ['yellow'],
  info: ['cyan'],
};

/** At most this many cells are named on a finding's line; the rest are counted. */
const MAX_CELLS_LISTED = 8;

function findingLines(record: ReportRecord, f: Finding, opts: TextOptions): string[] {
  const marker = paint(
    opts,
    `${SEVERITY_MARK[f.severity]} ${SEVERITY_LABEL[f.severity]}`,
    ...SEVERITY_STYLE[f.severity],
  );
  const lines = [`  ${marker}  ${oneLine(f.message)}  ${paint(opts, `[${oneLine(f.rule)}]`, 'dim')}`];
  const cells = f.cells ?? [];
  if (cells.length > 0) {
    const named = cells.slice(0, MAX_CELLS_LISTED).map((id) => oneLine(cellLabel(record, id)));
    const rest = cells.length > MAX_CELLS_LISTED ? `等共 ${cells.length} 个单元格` : '';
    lines.push(paint(opts, `      单元格：${named.join('；')}${rest}`, 'dim'));
  }
  if (f.text) {
    lines.push(`      原文（${sectionLabel(f.text.section)}）：「${oneLine(f.text.quote)}」`);
  }
  return lines;
}

/** The header line of one report: file, agency, year, format. */
export function reportHeader(item: CheckItem, opts: TextOptions): string {
  const file = oneLine(item.file);
  if (!item.ok) return paint(opts, `■ ${file}`, 'bold');
  const r = item.record;
  return paint(opts, `■ ${file}｜${oneLine(agencyLabel(r))}｜${yearLabel(r)}｜${formatLabel(r)}`, 'bold');
}

/** One report's block: header, one line per finding (with cells and quote), then reading notes. */
export function renderReportText(item: CheckItem, opts: TextOptions): string {
  const lines = [reportHeader(item, opts)];
  if (!item.ok) {
    lines.push(
      `  ${paint(opts, '✖ 无法读取', 'bold', 'red')}  ${oneLine(item.error.zh)} (${oneLine(item.error.en)})`,
    );
    return lines.join('\n') + '\n';
  }
  if (item.findings.length === 0) lines.push(`  ${paint(opts, '✔ 未发现问题', 'green')}`);
  for (const f of item.findings) lines.push(...findingLines(item.record, f, opts));
  for (const m of item.messages) {
    lines.push(paint(opts, `  · 识别说明：${oneLine(m.message)}`, 'dim'));
  }
  return lines.join('\n') + '\n';
}

export function renderSummaryText(t: Tally, opts: TextOptions): string {
  return paint(opts, summaryLine(t), 'bold') + '\n';
}

/** The whole text output for a batch: report blocks separated by blank lines, then the summary. */
export function renderFindingsText(items: readonly CheckItem[], opts: TextOptions): string {
  return (
    items.map((item) => renderReportText(item, opts) + '\n').join('') + renderSummaryText(tally(items), opts)
  );
}
