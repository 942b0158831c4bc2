/**
 * The tables `xxgk export` writes (CSV and XLSX alike): headers in Chinese as the report prints them,
 * one row per report, per finding, or per body without a report. Input is plain rows, whatever stored them.
 */
import { SEVERITY_LABEL, type QuotedText, type Severity } from '../diagnostics/index.ts';
import { cellDef, CELLS, describeCell, type FormatId } from '../record/index.ts';

export type ExportCell = string | number | null;

export interface ExportTable {
  columns: string[];
  rows: AsyncIterable<ExportCell[]>;
}

const KIND_LABEL: Record<string, string> = {
  government: '人民政府',
  department: '部门',
  township: '乡镇',
  subdistrict: '街道',
  other: '其他',
};

const LEVEL_LABEL: Record<string, string> = { province: '省', city: '市', county: '县', body: '单位' };

const kindLabel = (kind: string | null) => (kind ? (KIND_LABEL[kind] ?? kind) : null);

export interface ReportRowInput {
  reportId: number;
  versionId: number;
  bodyId: string | null;
  bodyName: string | null;
  agency: string | null;
  agencyKind: string | null;
  year: number | null;
  format: string;
  publishedOn: string | null;
  source: string;
  sha256: string;
  cells: Readonly<Record<string, number | null>>;
}

const FORMAT_LABEL: Record<string, string> = {
  '2019': '2019 版',
  '2021': '2021 版',
  legacy: '2019 年以前',
  unknown: '未识别',
};

/** Cell ids of the official formats among `formats`, newest format first, each in printed order. */
function cellColumns(formats: readonly string[]): { id: string; header: string }[] {
  const official = (['2021', '2019'] as const).filter((f) => formats.includes(f));
  const out: { id: string; header: string }[] = [];
  const seen = new Set<string>();
  for (const format of official) {
    for (const cell of CELLS[format]) {
      if (seen.has(cell.id)) continue;
      seen.add(cell.id);
      out.push({ id: cell.id, header: describeCell(format, cell.id) });
    }
  }
  return out;
}

/** One row per report, one column per official cell of the formats present (`formats`). */
export function recordsTable(formats: readonly string[], rows: AsyncIterable<ReportRowInput>): ExportTable {
  const cells = cellColumns(formats);
  return {
    columns: [
      '报告编号',
      '版本编号',
      '单位编码',
      '单位名称',
      '报告主体',
      '主体类型',
      '年度',
      '表格版本',
      '发布日期',
      '文件名',
      'SHA-256',
      ...cells.map((c) => c.header),
    ],
    rows: (async function* () {
      for await (const r of rows) {
        yield [
          r.reportId,
          r.versionId,
          r.bodyId,
          r.bodyName,
          r.agency,
          kindLabel(r.agencyKind),
          r.year,
          FORMAT_LABEL[r.format] ?? r.format,
          r.publishedOn,
          r.source,
          r.sha256,
          ...cells.map((c) => r.cells[c.id] ?? null),
        ];
      }
    })(),
  };
}

export interface FindingRowInput {
  reportId: number;
  bodyId: string | null;
  agency: string | null;
  year: number | null;
  format: string;
  source: string;
  scope: string;
  rule: string;
  severity: Severity;
  message: string;
  cells: readonly string[];
  text: QuotedText | null;
  expected: number | null;
  actual: number | null;
}

/** A cell as the report prints it, in the report's format; the id where the format does not have it. */
function cellName(format: string, id: string): string {
  const f: FormatId | null = format === '2019' || format === '2021' ? format : null;
  if (f && cellDef(f, id)) return describeCell(f, id);
  for (const other of ['2021', '2019'] as const) if (cellDef(other, id)) return describeCell(other, id);
  return id;
}

export function findingsTable(rows: AsyncIterable<FindingRowInput>): ExportTable {
  return {
    columns: [
      '报告编号',
      '单位编码',
      '报告主体',
      '年度',
      '文件名',
      '级别',
      '说明',
      '单元格',
      '章节',
      '原文',
      '应为',
      '填报为',
      '规则',
      '范围',
    ],
    rows: (async function* () {
      for await (const f of rows) {
        yield [
          f.reportId,
          f.bodyId,
          f.agency,
          f.year,
          f.source,
          SEVERITY_LABEL[f.severity] ?? f.severity,
          f.message,
          f.cells.map((id) => cellName(f.format, id)).join('；'),
          f.text?.section ?? null,
          f.text?.quote ?? null,
          f.expected,
          f.actual,
          f.rule,
          f.scope === 'corpus' ? '跨报告' : '单份报告',
        ];
      }
    })(),
  };
}

export interface MissingBodyInput {
  id: string;
  name: string;
  kind: string;
  level: string;
  ancestors: readonly string[];
}

/** The bodies with no report for `year` (checks.md `coverage.missing`). */
export function coverageTable(year: number, rows: readonly MissingBodyInput[]): ExportTable {
  return {
    columns: ['单位编码', '单位名称', '类型', '层级', '上级单位', '年度', '状态'],
    rows: (async function* () {
      for (const b of rows) {
        yield [
          b.id,
          b.name,
          kindLabel(b.kind),
          LEVEL_LABEL[b.level] ?? b.level,
          b.ancestors.join(' / '),
          year,
          '未报告',
        ];
      }
    })(),
  };
}
