/**
 * The cases of the reader contract suite (test/readers.contract.test.ts): one abstract document per case,
 * rendered into every source form. Shared with scripts/make-fixtures.ts, which prints each case as a PDF
 * once (LibreOffice) into test/fixtures/contract-pdf/, and with the DOCX form, which renders in memory.
 */
import { docx, type DocxNode } from '../../scripts/docx-lib.ts';

export interface AbstractCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}
export type AbstractRow = (string | AbstractCell)[];
export type AbstractBlock = { paragraph: string } | { table: AbstractRow[] };
export interface Case {
  name: string;
  blocks: AbstractBlock[];
}

export const CASES: Case[] = [
  {
    name: 'merged label cells',
    blocks: [
      {
        table: [
          [
            {
              text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
              rowSpan: 2,
              colSpan: 2,
            },
            { text: '申请人情况', colSpan: 2 },
          ],
          ['自然人', '总计'],
          [{ text: '三、本年度办理结果', rowSpan: 2 }, '（一）予以公开', '3', '3'],
          ['（二）部分公开', '1', '1'],
          [{ text: '四、结转下年度继续办理', colSpan: 2 }, '0', '0'],
        ],
      },
    ],
  },
  {
    name: 'a label broken over lines',
    blocks: [
      {
        table: [
          ['信息内容', '本年新\n制作数量', '本年新\n公开数量', '对外公开\n总数量'],
          ['规章', '0', '0', '0'],
        ],
      },
    ],
  },
  {
    name: 'full-width digits',
    blocks: [
      {
        table: [
          ['信息内容', '本年处理决定数量'],
          ['行政许可', '１２'],
          ['行政处罚', '３，４０５'],
        ],
      },
    ],
  },
  {
    name: 'empty cells kept in place',
    blocks: [
      {
        table: [
          ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
          ['行政许可', '', '3', '12'],
          ['行政处罚', '5', '', '7'],
        ],
      },
    ],
  },
  {
    name: 'a paragraph before and after the table',
    blocks: [
      { paragraph: '二、主动公开政府信息情况' },
      {
        table: [
          ['信息内容', '本年制发件数'],
          ['规章', '0'],
          ['行政规范性文件', '3'],
        ],
      },
      { paragraph: '三、收到和处理政府信息公开申请情况' },
    ],
  },
];

export const cellsOf = (rows: AbstractRow[]): AbstractCell[][] =>
  rows.map((row) => row.map((c) => (typeof c === 'string' ? { text: c } : c)));

/** File name of a case's committed PDF: 「merged label cells」 → merged-label-cells.pdf. */
export const casePdfName = (c: Case) => `${c.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.pdf`;

/** A case as a Word document: a paragraph per paragraph, a table with merged cells, a paragraph per cell line. */
export async function caseDocx(c: Case): Promise<Uint8Array> {
  const { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx;
  const children: DocxNode[] = [];
  for (const block of c.blocks) {
    if ('paragraph' in block) {
      children.push(new Paragraph({ children: [new TextRun(block.paragraph)] }));
      continue;
    }
    const rows = cellsOf(block.table).map(
      (row) =>
        new TableRow({
          children: row.map(
            (cell) =>
              new TableCell({
                children: cell.text
                  .split('\n')
                  .map((line) => new Paragraph({ children: [new TextRun(line)] })),
                ...(cell.rowSpan ? { rowSpan: cell.rowSpan } : {}),
                ...(cell.colSpan ? { columnSpan: cell.colSpan } : {}),
              }),
          ),
        }),
    );
    children.push(new Table({ rows, width: { size: 9000, type: WidthType.DXA } }));
    children.push(new Paragraph({}));
  }
  const document = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}
