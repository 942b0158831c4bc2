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
import {
  classify,
  isCellBar,
  splitLines,
  trimmedEnd,
  trimmedStart,
  type Line,
  type LineKind,
} from './lines.ts';

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
    } else if (kinds[i + 1] === 'pipe') {
      i = readPipeCells(lines, kinds, i, blocks);
    } else {
      blocks.push(paragraphOf(lines[i]!));
      i++;
    }
  }
  return { blocks, text };
}

function nextNonBlankKind(kinds: LineKind[], from: number): LineKind | undefined {
  for (let j = from; j < kinds.length; j++) if (kinds[j] !== 'blank') return kinds[j];
  return undefined;
}

function isBlankRange(text: string, from: number, to: number): boolean {
  return trimmedStart(text, from, to) === to;
}

/** The cell of `line.text[from, to)`, trimmed, its span in document offsets. */
function cellOf(line: Line, from: number, to = line.text.length): TableCell {
  const text = line.text;
  const start = trimmedStart(text, from, to);
  const end = trimmedEnd(text, start, to);
  return cell(text.slice(start, end), {
    start: line.start + start,
    end: line.start + end,
    line: line.number,
  });
}

function paragraphOf(line: Line): Block {
  const start = trimmedStart(line.text, 0);
  const end = trimmedEnd(line.text, start);
  const span = { start: line.start + start, end: line.start + end, line: line.number };
  return paragraph(line.text.slice(start, end), span);
}

/** An empty cell at the start of a line (a separator with nothing before it). */
function emptyCellAt(line: Line): TableCell {
  return cell('', { start: line.start, end: line.start, line: line.number });
}

function appendToCell(target: TableCell, line: Line): void {
  const from = trimmedStart(line.text, 0);
  if (from === line.text.length) return;
  const to = trimmedEnd(line.text, from);
  const text = line.text.slice(from, to);
  target.text = target.text === '' ? text : `${target.text}\n${text}`;
  // Every cell's span is its own object (cellOf), so it can be extended in place.
  target.span.end = line.start + to;
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
      current.push(cellOf(line, 1));
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

/**
 * A trailing tab may close the row or hold an empty last cell: it is kept as a cell, and recognition drops
 * blanks a row has beyond its columns.
 */
const splitTabRow: RowSplitter = (line) => {
  const text = line.text;
  const cells: TableCell[] = [];
  let from = 0;
  for (let tab = text.indexOf('\t'); tab >= 0; tab = text.indexOf('\t', from)) {
    cells.push(cellOf(line, from, tab));
    from = tab + 1;
  }
  cells.push(cellOf(line, from));
  return cells;
};

/** Markdown cells written from PDFs break lines with `<br>`. */
const BR = /<br\s*\/?>/gi;

/** Cells between `|` or `｜` not escaped by a backslash; empty cells before the first and after the last bar go. */
const splitMarkdownRow: RowSplitter = (line) => {
  const bars = markdownBars(line.text);
  let first = 0;
  let last = bars.length - 2;
  if (first <= last && isBlankRange(line.text, bars[first]! + 1, bars[first + 1]!)) first++;
  if (first <= last && isBlankRange(line.text, bars[last]! + 1, bars[last + 1]!)) last--;
  const cells: TableCell[] = [];
  for (let k = first; k <= last; k++) {
    const c = cellOf(line, bars[k]! + 1, bars[k + 1]!);
    if (c.text.includes('<')) c.text = c.text.replace(BR, '\n');
    cells.push(c);
  }
  return cells;
};

const BACKSLASH = 0x5c;

/** Positions of the cell separators, framed by -1 and the line's length. */
function markdownBars(text: string): number[] {
  const bars = [-1];
  for (let i = 0; i < text.length; i++) {
    if (isCellBar(text.charCodeAt(i)) && text.charCodeAt(i - 1) !== BACKSLASH) bars.push(i);
  }
  bars.push(text.length);
  return bars;
}

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
      cells.push(pending ?? emptyCellAt(line));
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
    else pending = cellOf(line, 0);
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
