/**
 * The layout-neutral document form every reader produces and recognition consumes.
 * It knows nothing of annual reports: only paragraphs, tables with spans, and where each piece came from.
 */

export { isJsSpace } from './spaces.ts';

/** Where a piece of a document came from: offsets into the decoded source text, plus page/line when known. */
export interface SourceSpan {
  /** Offset of the first character in the decoded source text (for PDFs/DOCX: in the reader's text dump). */
  start: number;
  /** Offset one past the last character. */
  end: number;
  /** 1-based line in the decoded text, where the source has lines. */
  line?: number;
  /** 1-based page, for paged sources (PDF). */
  page?: number;
}

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  span: SourceSpan;
  /** True when the text was read by OCR and deserves lower confidence. */
  ocr?: boolean;
}

export interface TableCell {
  /** Cell text with internal line breaks kept as '\n'. Empty string for an empty cell. */
  text: string;
  rowSpan: number;
  colSpan: number;
  span: SourceSpan;
  /** True when the text was read by OCR and deserves lower confidence. */
  ocr?: boolean;
}

export interface TableRow {
  cells: TableCell[];
}

export interface Table {
  kind: 'table';
  rows: TableRow[];
  span: SourceSpan;
}

export type Block = Paragraph | Table;

export interface Document {
  blocks: Block[];
  /** The decoded text the spans point into (for text and HTML sources, the source itself). */
  text: string;
}

export function paragraph(text: string, span: SourceSpan): Paragraph {
  return { kind: 'paragraph', text, span };
}

export function cell(text: string, span: SourceSpan, rowSpan = 1, colSpan = 1): TableCell {
  return { text, rowSpan, colSpan, span };
}

/** Plain text of a whole document, one block per line: handy for debugging and text rules. */
export function documentText(doc: Document): string {
  const out: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') out.push(block.text);
    else for (const row of block.rows) out.push(row.cells.map((c) => c.text.replace(/\n/g, ' ')).join('\t'));
  }
  return out.join('\n');
}
