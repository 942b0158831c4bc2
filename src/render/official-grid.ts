/**
 * A record's three tables laid out as the official forms print them (国办公开办函〔2019〕60号 and
 * 〔2021〕30号): header and label cells spanning rows and columns exactly as in the published forms.
 * Only origin cells are listed, as in HTML; `occupancy` gives the full grid with covered positions.
 * Every renderer of the official layout (HTML here, text layouts of the synthetic generator) starts from this.
 */
import {
  CATALOGUE,
  REVIEW_GROUPS,
  REVIEW_OUTCOMES,
  flattenTables,
  isOfficialFormat,
  type CellValue,
  type FormatId,
  type ReportRecord,
  type TableKey,
  type ValueKind,
} from '../record/index.ts';

export type GridRole = 'title' | 'header' | 'label' | 'value';

export interface GridCell {
  /** Printed text; '\n' marks a line break inside the cell. */
  text: string;
  rowSpan: number;
  colSpan: number;
  role: GridRole;
  /** For value cells: the record cell id. */
  cellId?: string;
}

export interface GridTable {
  table: TableKey;
  /** Number of grid columns. */
  width: number;
  /** Origin cells only, row by row (cells covered by a span above or to the left are not listed). */
  rows: GridCell[][];
}

/** Wording choices real reports make when they retype the official labels. */
export interface LabelOptions {
  /** Half-width brackets, colons and commas: 「(一)予以公开」. */
  halfWidth?: boolean;
  /** 「法律法规」, a common misprint of 「法律行政法规」. */
  lawWording?: '法律行政法规' | '法律法规';
  /** Print （一）…（七） before the outcome groups (default true). */
  bracketNumbers?: boolean;
  /** Between an item number and its text: 「1.属于国家秘密」 (default '.'). */
  itemSeparator?: '.' | '、' | '．';
  /** Keep 「（区分处理的，只计这一情形，不计其他情形）」 after 部分公开 (default true). */
  partialNote?: boolean;
  /** Straight quotes around 三安全一稳定. */
  straightQuotes?: boolean;
  /** Groups narrower than the table: span the last cell (official) or pad with empty cells. */
  pad?: 'span' | 'empty';
  /** 2019 form's 采购总金额 header, e.g. with 「（单位：万元，保留4位小数）」 as many bodies add. */
  procurementHeader?: string;
}

export type ValueFormatter = (value: CellValue, cellId: string, kind: ValueKind) => string;

export interface GridOptions {
  labels?: LabelOptions;
  formatValue?: ValueFormatter;
}

const REQUESTS_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const ACTIVE_WIDTH = 4;

const defaultFormat: ValueFormatter = (value) => (value === null ? '' : String(value));

function cell(text: string, role: GridRole, rowSpan = 1, colSpan = 1, cellId?: string): GridCell {
  return cellId === undefined ? { text, rowSpan, colSpan, role } : { text, rowSpan, colSpan, role, cellId };
}

/** Applies the wording choices to one printed label. `outcome` labels may lose their （一） numbers. */
function styleLabel(text: string, options: LabelOptions = {}, outcome = false): string {
  let out = text;
  if (options.lawWording === '法律法规') out = out.replace('法律行政法规', '法律法规');
  if (outcome && options.bracketNumbers === false) out = out.replace(/^（[一二三四五六七]）/, '');
  if (options.itemSeparator && options.itemSeparator !== '.')
    out = out.replace(/^(\d)\./, `$1${options.itemSeparator}`);
  if (options.partialNote === false) out = out.replace(/（区分处理的.*?）$/, '');
  if (options.straightQuotes) out = out.replace(/[“”]/g, '"');
  if (options.halfWidth)
    out = out.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/，/g, ',');
  return out;
}

function activeGrid(format: FormatId, cells: Record<string, CellValue>, o: GridOptions): GridTable {
  const labels = o.labels ?? {};
  const fmt = o.formatValue ?? defaultFormat;
  const rows: GridCell[][] = [];
  const padded = (row: GridCell[], role: GridRole) => {
    const used = row.reduce((s, c) => s + c.colSpan, 0);
    if (used >= ACTIVE_WIDTH) return row;
    if (labels.pad === 'empty') {
      for (let k = used; k < ACTIVE_WIDTH; k++) row.push(cell('', role));
    } else {
      row[row.length - 1]!.colSpan += ACTIVE_WIDTH - used;
    }
    return row;
  };
  for (const group of CATALOGUE[format].active.groups) {
    rows.push([cell(styleLabel(group.title, labels), 'title', 1, ACTIVE_WIDTH)]);
    const header = [cell('信息内容', 'header')];
    for (const c of group.columns) {
      const text =
        c.key === 'amountWan' && format === '2019' && labels.procurementHeader
          ? labels.procurementHeader
          : c.label;
      header.push(cell(styleLabel(text, labels), 'header'));
    }
    rows.push(padded(header, 'header'));
    for (const r of group.rows) {
      const row = [cell(styleLabel(r.label, labels), 'label')];
      for (const c of group.columns) {
        const id = `active.${r.key}.${c.key}`;
        row.push(cell(fmt(cells[id] ?? null, id, c.value), 'value', 1, 1, id));
      }
      rows.push(padded(row, 'value'));
    }
  }
  return { table: 'active', width: ACTIVE_WIDTH, rows };
}

function requestsGrid(format: FormatId, cells: Record<string, CellValue>, o: GridOptions): GridTable {
  const labels = o.labels ?? {};
  const fmt = o.formatValue ?? defaultFormat;
  const { columns, rows: defs } = CATALOGUE[format].requests.groups[0]!;
  const applicants = columns.filter((c) => c.key !== 'total');
  const style = (t: string, outcome = false) => styleLabel(t, labels, outcome);
  const rows: GridCell[][] = [
    [cell(style(REQUESTS_NOTE), 'header', 3, 3), cell('申请人情况', 'header', 1, columns.length)],
    [
      cell('自然人', 'header', 2),
      cell('法人或其他组织', 'header', 1, applicants.length - 1),
      cell('总计', 'header', 2),
    ],
    applicants.slice(1).map((c) => cell(c.label, 'header')),
  ];
  const values = (rowKey: string) =>
    columns.map((c) => {
      const id = `requests.${rowKey}.${c.key}`;
      return cell(fmt(cells[id] ?? null, id, c.value), 'value', 1, 1, id);
    });
  const outside = new Set(['received', 'carriedOver', 'carriedForward']);
  const outcomeCount = defs.filter((d) => !outside.has(d.key)).length;
  let firstOutcome = true;
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i]!;
    const row: GridCell[] = [];
    if (outside.has(def.key)) {
      rows.push([cell(style(def.label), 'label', 1, 3), ...values(def.key)]);
      continue;
    }
    if (firstOutcome) {
      row.push(cell(style('三、本年度办理结果'), 'label', outcomeCount));
      firstOutcome = false;
    }
    const [group] = def.key.split('.');
    const parts = def.label.split(' ');
    const own = parts[parts.length - 1]!;
    if (def.key.includes('.')) {
      const previous = defs[i - 1]?.key.split('.')[0];
      if (previous !== group) {
        const span = defs.filter((d) => d.key.startsWith(`${group}.`)).length;
        row.push(cell(style(parts[0]!, true), 'label', span));
      }
      row.push(cell(style(own), 'label'));
    } else {
      const text = def.key === 'partiallyGranted' ? `${own}（区分处理的，只计这一情形，不计其他情形）` : own;
      row.push(cell(style(text, true), 'label', 1, 2));
    }
    rows.push([...row, ...values(def.key)]);
  }
  return { table: 'requests', width: 3 + columns.length, rows };
}

function reviewsGrid(cells: Record<string, CellValue>, o: GridOptions): GridTable {
  const fmt = o.formatValue ?? defaultFormat;
  const n = REVIEW_OUTCOMES.length;
  const outcomeHeaders = () => REVIEW_OUTCOMES.map((c) => cell(c.label, 'header'));
  const [first, ...lawsuits] = REVIEW_GROUPS;
  const rows: GridCell[][] = [
    [cell(first!.label, 'header', 1, n), cell('行政诉讼', 'header', 1, n * lawsuits.length)],
    [
      ...REVIEW_OUTCOMES.map((c) => cell(c.label, 'header', 2)),
      ...lawsuits.map((g) => cell(g.label.replace(/^行政诉讼\s*/, ''), 'header', 1, n)),
    ],
    lawsuits.flatMap(() => outcomeHeaders()),
    REVIEW_GROUPS.flatMap((g) =>
      REVIEW_OUTCOMES.map((c) => {
        const id = `reviews.${g.key}.${c.key}`;
        return cell(fmt(cells[id] ?? null, id, c.value), 'value', 1, 1, id);
      }),
    ),
  ];
  return { table: 'reviews', width: n * REVIEW_GROUPS.length, rows };
}

/** The three official tables of a record (none for `legacy` / `unknown` records). */
export function officialGrids(
  record: ReportRecord,
  options: GridOptions = {},
): Record<TableKey, GridTable> | null {
  if (!isOfficialFormat(record.format)) return null;
  const cells = flattenTables(record.tables);
  return {
    active: activeGrid(record.format, cells, options),
    requests: requestsGrid(record.format, cells, options),
    reviews: reviewsGrid(cells, options),
  };
}

export interface Slot {
  cell: GridCell;
  /** True at the cell's top-left position; false where the position is covered by a span. */
  origin: boolean;
  /** Covered by a span from a row above (as opposed to only from the left). */
  fromAbove: boolean;
}

/** The full grid: every position with the cell that occupies it. */
export function occupancy(grid: GridTable): Slot[][] {
  const out: (Slot | undefined)[][] = grid.rows.map(() => new Array<Slot | undefined>(grid.width));
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cellDef of row) {
      while (out[r]![c]) c++;
      for (let dr = 0; dr < cellDef.rowSpan; dr++) {
        for (let dc = 0; dc < cellDef.colSpan; dc++) {
          const target = out[r + dr];
          if (target) target[c + dc] = { cell: cellDef, origin: dr === 0 && dc === 0, fromAbove: dr > 0 };
        }
      }
      c += cellDef.colSpan;
    }
  });
  return out.map((row, r) =>
    Array.from(row, (slot, c) => {
      if (!slot) throw new Error(`grid ${grid.table}: position ${r},${c} is not covered`);
      return slot;
    }),
  );
}
