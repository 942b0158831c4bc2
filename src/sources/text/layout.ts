/**
 * Reader for plain text reports in every layout real exports produce: one cell per line with a leading tab,
 * tab-separated rows, markdown tables, cells separated by lines holding `|`, one cell per paragraph, and
 * crawler text where cells run together. The reader only rebuilds paragraphs and table cells (empties kept
 * in place); it knows nothing of the official tables — recognition finds labels and numbers.
 */
import {
  cell,
  paragraph,
  type Block,
  type Document,
  type TableCell,
  type TableRow,
} from '../../document/index.ts';
import { classify, splitLines, type Line, type LineKind } from './lines.ts';

/** A label cell broken by a blank line (「（三）不予」, blank, 「公开」) continues when its tail is this short. */
const CONTINUATION_MAX = 8;

export function textToDocument(text: string): Document {
  const lines = splitLines(text);
  const kinds = lines.map((l) => classify(l.text));
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const kind = kinds[i]!;
    if (kind === 'blank' || kind === 'rule' || kind === 'pipe') {
      i++;
    } else if (kind === 'tabCell') {
      i = readTabCellTable(lines, kinds, i, blocks);
    } else if (kind === 'tabRow') {
      i = readRowTable(lines, kinds, i, blocks, 'tabRow', splitTabRow);
    } else if (kind === 'mdRow') {
      i = readRowTable(lines, kinds, i, blocks, 'mdRow', splitMarkdownRow);
    } else if (nextNonBlankKind(kinds, i + 1) === 'pipe' && kinds[i + 1] === 'pipe') {
      i = readPipeCells(lines, kinds, i, blocks);
    } else {
      const line = lines[i]!;
      const trimmed = trimSpan(line.text, line.start);
      blocks.push(paragraph(trimmed.text, { start: trimmed.start, end: trimmed.end, line: line.number }));
      i++;
    }
  }
  return { blocks, text };
}

function nextNonBlankKind(kinds: LineKind[], from: number): LineKind | undefined {
  for (let j = from; j < kinds.length; j++) if (kinds[j] !== 'blank') return kinds[j];
  return undefined;
}

function trimSpan(text: string, start: number): { text: string; start: number; end: number } {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  return { text: trimmed, start: start + lead, end: start + lead + trimmed.length };
}

function makeCell(text: string, start: number, line: number): TableCell {
  const t = trimSpan(text, start);
  return cell(t.text, { start: t.start, end: t.end, line });
}

function appendToCell(target: TableCell, line: Line): void {
  const t = trimSpan(line.text, line.start);
  if (t.text === '') return;
  target.text = target.text === '' ? t.text : `${target.text}\n${t.text}`;
  target.span = { ...target.span, end: t.end };
}

function pushTable(blocks: Block[], rows: TableRow[]): void {
  const nonEmpty = rows.filter((r) => r.cells.length > 0);
  if (nonEmpty.length === 0) return;
  const first = nonEmpty[0]!.cells[0]!.span;
  const lastRow = nonEmpty[nonEmpty.length - 1]!;
  const last = lastRow.cells[lastRow.cells.length - 1]!.span;
  blocks.push({
    kind: 'table',
    rows: nonEmpty,
    span: { start: first.start, end: last.end, line: first.line },
  });
}

/**
 * Word's text export: every cell on a line starting with a tab, a blank line after each row, lines without a
 * tab continuing the cell above (「本年新」「制作数量」).
 */
function readTabCellTable(lines: Line[], kinds: LineKind[], from: number, blocks: Block[]): number {
  const rows: TableRow[] = [];
  let current: TableCell[] = [];
  let i = from;
  let afterBlank = false;
  while (i < lines.length) {
    const line = lines[i]!;
    const kind = kinds[i]!;
    if (kind === 'tabCell') {
      current.push(makeCell(line.text.slice(1), line.start + 1, line.number));
      afterBlank = false;
      i++;
    } else if (kind === 'blank') {
      if (current.length > 0) rows.push({ cells: current });
      current = [];
      afterBlank = true;
      i++;
    } else if (kind === 'text' && !afterBlank && current.length > 0) {
      appendToCell(current[current.length - 1]!, line);
      i++;
    } else if (
      kind === 'text' &&
      afterBlank &&
      rows.length > 0 &&
      line.text.trim().length <= CONTINUATION_MAX &&
      !/[。；;：:，,]/.test(line.text) &&
      nextNonBlankKind(kinds, i + 1) === 'tabCell'
    ) {
      // A label cell broken by an empty paragraph: reopen the row it belongs to.
      current = rows.pop()!.cells;
      appendToCell(current[current.length - 1]!, line);
      afterBlank = false;
      i++;
    } else {
      break;
    }
  }
  if (current.length > 0) rows.push({ cells: current });
  pushTable(blocks, rows);
  return i;
}

type RowSplitter = (line: Line) => TableCell[];

function splitOn(line: Line, separator: RegExp, dropEdges: boolean): TableCell[] {
  const cells: TableCell[] = [];
  let start = 0;
  const text = line.text;
  const parts: Array<{ text: string; start: number }> = [];
  separator.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = separator.exec(text)) !== null) {
    parts.push({ text: text.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  parts.push({ text: text.slice(start), start });
  let list = parts;
  if (dropEdges) {
    if (list.length > 0 && list[0]!.text.trim() === '') list = list.slice(1);
    if (list.length > 0 && list[list.length - 1]!.text.trim() === '') list = list.slice(0, -1);
  }
  for (const p of list) cells.push(makeCell(p.text, line.start + p.start, line.number));
  return cells;
}

/**
 * A trailing tab may close the row or hold an empty last cell: it is kept as a cell, and recognition drops
 * blanks a row has beyond its columns.
 */
const splitTabRow: RowSplitter = (line) => splitOn(line, /\t/g, false);

/** Markdown cells written from PDFs break lines with `<br>`. */
const BR = /<br\s*\/?>/gi;
const splitMarkdownRow: RowSplitter = (line) =>
  splitOn(line, /(?<!\\)[|｜]/g, true).map((c) =>
    c.text.includes('<') ? { ...c, text: c.text.replace(BR, '\n') } : c,
  );

function readRowTable(
  lines: Line[],
  kinds: LineKind[],
  from: number,
  blocks: Block[],
  rowKind: LineKind,
  split: RowSplitter,
): number {
  const rows: TableRow[] = [];
  let i = from;
  while (i < lines.length) {
    const kind = kinds[i]!;
    if (kind === rowKind || (rowKind === 'tabRow' && kind === 'tabCell')) {
      rows.push({ cells: split(lines[i]!) });
      i++;
    } else if (kind === 'rule') {
      i++;
    } else {
      break;
    }
  }
  pushTable(blocks, rows);
  return i;
}

/**
 * One cell per line (or several lines), cells separated by lines holding only `|`; two separators in a row
 * are an empty cell. Rows are not marked, so the cells form one long row.
 */
function readPipeCells(lines: Line[], kinds: LineKind[], from: number, blocks: Block[]): number {
  const cells: TableCell[] = [];
  let pending: TableCell | null = null;
  let i = from;
  let lastPipe = from;
  while (i < lines.length) {
    const kind = kinds[i]!;
    const line = lines[i]!;
    if (kind === 'pipe') {
      cells.push(pending ?? makeCell('', line.start, line.number));
      pending = null;
      lastPipe = i;
      i++;
      continue;
    }
    if (kind === 'blank') {
      i++;
      continue;
    }
    // Text after the last separator belongs to the table only if another separator follows it.
    if (nextPipeBeforeBreak(kinds, i) < 0) break;
    if (pending) appendToCell(pending, line);
    else pending = makeCell(line.text, line.start, line.number);
    i++;
  }
  pushTable(blocks, [{ cells }]);
  return lastPipe + 1;
}

/** Index of the next `|` line reached through text lines only (at most 12, a cell's longest wrap), or -1. */
function nextPipeBeforeBreak(kinds: LineKind[], from: number): number {
  for (let j = from; j < kinds.length && j < from + 12; j++) {
    const k = kinds[j]!;
    if (k === 'pipe') return j;
    if (k !== 'text' && k !== 'blank') return -1;
  }
  return -1;
}
