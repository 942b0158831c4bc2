/**
 * The document as a flat list of pieces — one per paragraph or table cell — in reading order. Recognition
 * works on pieces rather than on grids: real exports lose row and column structure (one cell per line,
 * crawler text), but never the order of labels and numbers.
 */
import { isJsSpace, type Document, type SourceSpan } from '../document/index.ts';
import { indexOfChar } from './normalize.ts';

/** How a piece relates to the one before it. */
export type Boundary = 'cell' | 'row' | 'block';

export interface Piece {
  /** Text as read (cell line breaks kept as '\n'). */
  text: string;
  span: SourceSpan;
  /** True for a table cell, false for a paragraph. */
  isCell: boolean;
  boundary: Boundary;
  /**
   * A paragraph holding 「。」: narrative, not a line of a table (a cell never is one). Told once here: the
   * format, the table starts and the value slots all ask it.
   */
  sentence: boolean;
  ocr?: boolean;
}

function isSentence(text: string, isCell: boolean): boolean {
  // Values and labels of a table printed a cell per line are the commonest paragraphs: indexOfChar looks
  // through their few characters without calling includes().
  return !isCell && indexOfChar(text, '。') >= 0;
}

/** Page numbers a PDF conversion leaves between paragraphs: 「- 4 -」「— 4 —」「第 4 页 共 10 页」. */
const PAGE_NUMBER =
  /^(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?)$/i;

/**
 * Whether a paragraph may be a page number, told from its length (every form of PAGE_NUMBER has three
 * characters at least) and its first character after white space: each form opens with a dash or tilde, 第,
 * a digit or 「p」. Most short paragraphs are labels or values, turned away here without trimming and matching.
 */
function mayBePageNumber(text: string): boolean {
  if (text.length < 3 || text.length > 24) return false;
  let i = 0;
  while (i < text.length && isJsSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return true;
  switch (c) {
    case 0x2d: // -
    case 0x2014: // —
    case 0x2013: // –
    case 0xff0d: // －
    case 0x7e: // ~
    case 0x7b2c: // 第
    case 0x70: // p
    case 0x50: // P
      return true;
    default:
      return false;
  }
}

export function piecesOf(doc: Document): Piece[] {
  const pieces: Piece[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      if (mayBePageNumber(block.text) && PAGE_NUMBER.test(block.text.trim())) continue;
      const piece: Piece = {
        text: block.text,
        span: block.span,
        isCell: false,
        boundary: 'block',
        sentence: isSentence(block.text, false),
      };
      if (block.ocr) piece.ocr = true;
      pieces.push(piece);
      continue;
    }
    let firstRow = true;
    for (const row of block.rows) {
      let firstCell = true;
      for (const c of row.cells) {
        const boundary: Boundary = firstRow && firstCell ? 'block' : firstCell ? 'row' : 'cell';
        const piece: Piece = { text: c.text, span: c.span, isCell: true, boundary, sentence: false };
        if (c.ocr) piece.ocr = true;
        pieces.push(piece);
        firstCell = false;
      }
      firstRow = false;
    }
  }
  return pieces;
}

/**
 * Split a piece at an inner line, e.g. a section heading that a cell-per-line export glued to the cell
 * below it. Offsets are kept true to the source.
 */
export function splitPieceAtLine(piece: Piece, lineIndex: number): [Piece, Piece] {
  const lines = piece.text.split('\n');
  const head = lines.slice(0, lineIndex).join('\n');
  const tail = lines.slice(lineIndex).join('\n');
  const ratio = piece.text.length === 0 ? 0 : (head.length + 1) / piece.text.length;
  const cut = Math.min(
    piece.span.end,
    piece.span.start + Math.round((piece.span.end - piece.span.start) * ratio),
  );
  return [
    { ...piece, text: head, sentence: isSentence(head, piece.isCell), span: { ...piece.span, end: cut } },
    {
      ...piece,
      text: tail,
      boundary: 'block',
      isCell: false,
      sentence: isSentence(tail, false),
      span: { ...piece.span, start: cut },
    },
  ];
}

/** Split a single-line piece at a character offset (a heading that runs on into its first sentence). */
export function splitPieceAt(piece: Piece, offset: number): [Piece, Piece] {
  const verbatim = piece.span.end - piece.span.start === piece.text.length;
  const cut = verbatim ? piece.span.start + offset : piece.span.start;
  const head = piece.text.slice(0, offset).replace(/[。:：：\s]+$/, '');
  const tail = piece.text.slice(offset).trim();
  return [
    { ...piece, text: head, sentence: isSentence(head, piece.isCell), span: { ...piece.span, end: cut } },
    {
      ...piece,
      text: tail,
      boundary: 'block',
      sentence: isSentence(tail, piece.isCell),
      span: { ...piece.span, start: cut },
    },
  ];
}
