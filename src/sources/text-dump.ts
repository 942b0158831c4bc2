/**
 * Documents of formats without a text source of their own (DOCX, PDF, OCR): the reader's blocks are written
 * into a plain text dump — a paragraph per line, a table row per line with a tab between cells — and every
 * span points into that dump, so origins and findings quote something a reviewer can read.
 */
import type { Block, Document, SourceSpan, TableCell } from '../document/index.ts';

export interface PlainCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  page?: number;
  ocr?: boolean;
}

export type PlainBlock =
  | { kind: 'paragraph'; text: string; page?: number; ocr?: boolean }
  | { kind: 'table'; rows: PlainCell[][]; page?: number };

export function documentFromBlocks(blocks: readonly PlainBlock[]): Document {
  const parts: string[] = [];
  let length = 0;
  const write = (text: string, page: number | undefined): SourceSpan => {
    const start = length;
    parts.push(text);
    length += text.length;
    return page === undefined ? { start, end: length } : { start, end: length, page };
  };
  const separator = (text: string) => {
    parts.push(text);
    length += text.length;
  };

  const out: Block[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      const paragraph: Block = { kind: 'paragraph', text: block.text, span: write(block.text, block.page) };
      if (block.ocr) paragraph.ocr = true;
      out.push(paragraph);
      separator('\n');
      continue;
    }
    const start = length;
    const rows = block.rows.map((row) => {
      const cells = row.map((c, i): TableCell => {
        if (i > 0) separator('\t');
        const cell: TableCell = {
          text: c.text,
          rowSpan: c.rowSpan,
          colSpan: c.colSpan,
          span: write(c.text, c.page ?? block.page),
        };
        if (c.ocr) cell.ocr = true;
        return cell;
      });
      separator('\n');
      return { cells };
    });
    const span: SourceSpan = { start, end: Math.max(start, length - 1) };
    if (block.page !== undefined) span.page = block.page;
    out.push({ kind: 'table', rows, span });
  }
  return { blocks: out, text: parts.join('') };
}
