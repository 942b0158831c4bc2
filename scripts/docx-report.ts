/**
 * A record printed as the Word file an agency would publish: title, headings, narrative and the official
 * tables with their merged cells (from src/render/official-grid.ts via the synthetic composer), written with
 * the `docx` package. Used by scripts/make-fixtures.ts (DOCX, then PDF through LibreOffice), the DOCX tests
 * and the document benchmark. Options produce what real files do to readers: numbers split across runs,
 * narrow value columns that wrap 5-digit numbers in the PDF, running headers and page-number footers.
 */
import type { ReportRecord } from '../src/record/index.ts';
import type { GridCell, GridTable } from '../src/render/official-grid.ts';
import { chooseStyle, composeReport, type Part } from '../src/synthetic/compose.ts';
import type { Rng } from '../src/synthetic/index.ts';
import { docx, type DocxNode } from './docx-lib.ts';

const {
  AlignmentType,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} = docx;
type Paragraph = DocxNode;
type Table = DocxNode;
type TableCell = DocxNode;

export interface DocxReportOptions {
  /** Value columns this wide (twips), so the PDF wraps long numbers inside them. Default: the page's share. */
  valueColumnTwips?: number;
  /** Font size of table text in half-points (default 21 = 五号). */
  tableFontHalfPoints?: number;
  /** A running header with the agency's name and a 「- n -」 page-number footer. */
  pageChrome?: boolean;
  /** Split value texts into two runs, as Word does after an edit. */
  splitRuns?: boolean;
  /** Repeat the first rows of each table on every page it continues onto (Word's 「标题行重复」). */
  repeatHeaderRows?: boolean;
  /** Print labels exactly as the official form (no random wording choices), for cross-form fixtures. */
  plainStyle?: boolean;
}

/** A4 width minus 2 × 2.5 cm margins, in twips. */
const TEXT_WIDTH = 9071;
const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const HEADING_FONT = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

export function reportParts(record: ReportRecord, rng: Rng, options: DocxReportOptions = {}): Part[] {
  const style = chooseStyle(rng, {
    breaks: [
      ['none', 3],
      ['manual', 2],
    ],
    pad: 'span',
  });
  if (options.plainStyle) {
    style.labels = { pad: 'span' };
    style.breaks = 'none';
    style.blank = '';
    style.fullWidthDigits = false;
    style.money = 'plain';
  }
  return composeReport(record, style, rng);
}

export async function reportDocx(
  record: ReportRecord,
  rng: Rng,
  options: DocxReportOptions = {},
): Promise<Uint8Array> {
  const parts = reportParts(record, rng, options);
  const children: (Paragraph | Table)[] = [];
  for (const part of parts) {
    switch (part.kind) {
      case 'title':
        for (const line of part.lines) children.push(titleParagraph(line));
        break;
      case 'meta':
        for (const line of part.lines) children.push(bodyParagraph(line, { center: true }));
        break;
      case 'heading':
        children.push(headingParagraph(part.text));
        break;
      case 'paragraph':
        children.push(bodyParagraph(part.text, { indent: true }));
        break;
      case 'table':
        children.push(tableOf(part.grid, rng, options));
        children.push(new Paragraph({}));
        break;
      case 'signature':
        for (const line of part.lines) children.push(bodyParagraph(line, { right: true }));
        break;
    }
  }
  const agency = record.agency ?? '';
  const document = new Document({
    styles: { default: { document: { run: { font: BODY_FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 },
          },
        },
        ...(options.pageChrome
          ? {
              headers: {
                default: new Header({
                  children: [bodyParagraph(`${agency}政府信息公开工作年度报告`, { center: true, size: 18 })],
                }),
              },
              footers: {
                default: new Footer({
                  children: [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [
                        new TextRun({ text: '- ', size: 18 }),
                        new TextRun({ children: [PageNumber.CURRENT], size: 18 }),
                        new TextRun({ text: ' -', size: 18 }),
                      ],
                    }),
                  ],
                }),
              },
            }
          : {}),
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [new TextRun({ text, font: { eastAsia: '方正小标宋简体' }, size: 36, bold: true })],
  });
}

function headingParagraph(text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 560 },
    spacing: { before: 120, after: 120 },
    children: [new TextRun({ text, font: HEADING_FONT, size: 28 })],
  });
}

function bodyParagraph(
  text: string,
  how: { indent?: boolean; center?: boolean; right?: boolean; size?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: how.center ? AlignmentType.CENTER : how.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    ...(how.indent ? { indent: { firstLine: 560 } } : {}),
    spacing: { line: 360 },
    children: [new TextRun({ text, size: how.size ?? 28 })],
  });
}

/** Column widths: value columns as wide as the page allows (at most 2 cm) with 45 % left for the labels. */
function columnWidths(grid: GridTable, options: DocxReportOptions): number[] {
  const labelColumns = grid.table === 'reviews' ? 0 : grid.table === 'requests' ? 3 : 1;
  const valueColumns = grid.width - labelColumns;
  const share = Math.floor((labelColumns ? 0.55 : 1) * (TEXT_WIDTH / valueColumns));
  const value = options.valueColumnTwips ?? Math.min(share, 1134);
  const rest = TEXT_WIDTH - value * valueColumns;
  const label = labelColumns ? Math.floor(rest / labelColumns) : 0;
  return Array.from({ length: grid.width }, (_, i) => (i < labelColumns ? label : value));
}

function tableOf(grid: GridTable, rng: Rng, options: DocxReportOptions): Table {
  const widths = columnWidths(grid, options);
  const size = options.tableFontHalfPoints ?? 21;
  const headerRows = grid.table === 'requests' ? 3 : grid.table === 'reviews' ? 3 : 0;
  const rows = grid.rows.map((cells, r) => {
    let column = 0;
    const rowCells = cells.map((cell) => {
      const width = widths.slice(column, column + cell.colSpan).reduce((s, w) => s + w, 0);
      column += cell.colSpan;
      return cellOf(cell, width, size, rng, options);
    });
    return new TableRow({
      children: rowCells,
      ...(options.repeatHeaderRows && r < headerRows ? { tableHeader: true } : {}),
    });
  });
  return new Table({
    rows,
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
  });
}

function cellOf(
  cell: GridCell,
  width: number,
  size: number,
  rng: Rng,
  options: DocxReportOptions,
): TableCell {
  const lines = cell.text === '' ? [''] : cell.text.split('\n');
  const runs = (line: string) => {
    const chars = [...line];
    if (!options.splitRuns || cell.role !== 'value' || chars.length < 2 || rng.chance(0.3))
      return [new TextRun({ text: line, size })];
    const cut = rng.int(1, chars.length - 1);
    return [
      new TextRun({ text: chars.slice(0, cut).join(''), size }),
      new TextRun({ text: chars.slice(cut).join(''), size }),
    ];
  };
  return new TableCell({
    children: lines.map(
      (line) =>
        new Paragraph({
          alignment: cell.role === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: runs(line),
        }),
    ),
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 57, right: 57 },
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
  });
}
