/**
 * Element tree → document blocks. Tables become Table blocks (data tables) or are looked through
 * (layout tables); everything else becomes one Paragraph per rendered line.
 */
import {
  cell,
  paragraph,
  type Block,
  type SourceSpan,
  type TableCell,
  type TableRow,
} from '../../document/index.ts';
import { holdsContent, isChromeOrHidden, isInvisible, isLayoutTable, type ScanBudget } from './page-parts.ts';
import { kindOf, tag, tagKinds } from './tags.ts';
import { normalizeLine } from './text.ts';
import { ABSENT, lineIndex, type HtmlTree } from './tree.ts';

/** What the walker needs to know of a tag, as bits by tag id. */
const IS_TABLE_PART = 1;
/** Elements that start and end a line of rendered text. */
const IS_BLOCK = 2;
const IS_PREFORMATTED = 4;
const IS_HEADING = 8;
const IS_ARTICLE = 16;
const KINDS = tagKinds([
  ['tr td th caption thead tbody tfoot', IS_TABLE_PART],
  [
    'address article aside blockquote center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li listing main menu nav ol p pre search section summary ul xmp plaintext option body html',
    IS_BLOCK,
  ],
  ['pre listing xmp plaintext', IS_PREFORMATTED],
  ['h1 h2 h3 h4 h5 h6', IS_HEADING],
  ['article main', IS_ARTICLE],
]);
const BR = tag('br');
const CAPTION = tag('caption');
const TABLE = tag('table');
const TD = tag('td');
const TH = tag('th');
const TITLE = tag('title');
const TR = tag('tr');

const NONE = -1;

/** Data tables nested deeper than this are treated as layout (real reports nest one level at most). */
const MAX_DATA_TABLE_NESTING = 8;

/** How many body paragraphs are searched for the page title before emitting <title> itself. */
const TITLE_SEARCH_BLOCKS = 30;

export interface PageBlocks {
  blocks: Block[];
  /** Chrome, navigation and hidden elements left out. */
  dropped: number;
}

/** A line of text being gathered, with the source range of the text nodes it came from. */
class Line {
  raw = '';
  start = -1;
  end = -1;

  add(text: string, start: number, end: number): void {
    if (this.start < 0) this.start = start;
    this.end = end;
    this.raw += text;
  }

  /** The normalised line, '' when blank. */
  text(): string {
    return this.raw === '' ? '' : normalizeLine(this.raw);
  }

  clear(): void {
    this.raw = '';
    this.start = -1;
  }
}

class TableBuilder {
  readonly rows: TableRow[] = [];
  row: TableCell[] | null = null;
  /** The open cell (a td, th or caption element), or -1. */
  cell = NONE;
  /** The open cell's line being gathered. */
  readonly cellLine = new Line();
  /** The open cell's lines so far, joined by line breaks ('' before the first; a normalised line holds none). */
  cellText = '';
  /** Rows of tables nested in the open row's cells: they follow that row. */
  pending: TableRow[] = [];
  /** How many data tables are open, this one included. */
  readonly depth: number;
  constructor(
    readonly el: number,
    readonly outer: TableBuilder | null,
  ) {
    this.depth = outer ? outer.depth + 1 : 1;
  }

  endRow(): void {
    if (this.row && this.row.length > 0) this.rows.push({ cells: this.row });
    this.row = null;
    for (const row of this.pending) this.rows.push(row);
    this.pending = [];
  }

  endCellLine(): void {
    const text = this.cellLine.text();
    this.cellLine.clear();
    if (text) this.cellText = this.cellText === '' ? text : `${this.cellText}\n${text}`;
  }
}

export function pageBlocks(tree: HtmlTree, source: string): PageBlocks {
  return new BlockWalker(tree, source).walk();
}

class BlockWalker {
  private readonly blocks: Block[] = [];
  private readonly paragraph = new Line();
  /** The innermost open data table (the others are its `outer` chain). */
  private table: TableBuilder | null = null;
  /** Kind of every open table (data or layout), innermost last: decides what a <td> means. */
  private readonly tableKinds: ('data' | 'layout')[] = [];
  private preformatted = 0;
  /** Open h1–h6 elements. */
  private headings = 0;
  /** Open <article> and <main> elements. */
  private articles = 0;
  private dropped = 0;
  private title: { text: string; span: SourceSpan } | null = null;
  private readonly budget: ScanBudget;
  private readonly lineAt: (offset: number) => number;

  constructor(
    private readonly tree: HtmlTree,
    source: string,
  ) {
    this.lineAt = lineIndex(source);
    // Protection scans may look at each character's worth of nodes a few times over, no more.
    this.budget = { nodes: 4 * source.length + 10_000 };
  }

  walk(): PageBlocks {
    const tree = this.tree;
    // Iterative, so that no nesting depth can exhaust the call stack: the open elements, and the next node.
    const open: number[] = [];
    let node = NONE;
    if (this.enter(tree.root)) {
      open.push(tree.root);
      node = tree.firstChild(tree.root);
    }
    while (open.length > 0) {
      if (node === NONE) {
        const el = open.pop()!;
        this.exit(el);
        node = tree.nextSibling(el);
      } else if (tree.isText(node)) {
        this.text(node);
        node = tree.nextSibling(node);
      } else if (this.enter(node)) {
        open.push(node);
        node = tree.firstChild(node);
      } else node = tree.nextSibling(node);
    }
    this.breakLine();
    this.addTitle();
    return { blocks: this.blocks, dropped: this.dropped };
  }

  /** Returns false when the element's content is to be skipped. */
  private enter(el: number): boolean {
    const tree = this.tree;
    const tagId = tree.tag(el);
    if (isInvisible(tagId)) return false;
    if (tagId === TITLE) {
      this.title ??= this.titleOf(el);
      return false;
    }
    const kind = kindOf(KINDS, tagId);
    if (
      !(kind & IS_TABLE_PART) &&
      isChromeOrHidden(tree, el, tagId, this.articles > 0) &&
      !holdsContent(tree, el, this.budget)
    ) {
      this.dropped++;
      return false;
    }
    if (tagId === TABLE) {
      this.enterTable(el);
      return true;
    }
    if (kind & IS_TABLE_PART && this.tableKinds[this.tableKinds.length - 1] === 'data') {
      this.enterDataTablePart(el);
      return true;
    }
    if (tagId === BR && this.headings > 0 && !this.table) {
      // A heading is one line however it wraps (「某某局<br>2022年…年度报告」): the break joins like a source line break.
      this.paragraph.add('\n', tree.start(el), tree.end(el));
      return true;
    }
    if (kind & IS_HEADING) this.headings++;
    if (kind & IS_ARTICLE) this.articles++;
    if (tagId === BR || kind & (IS_BLOCK | IS_TABLE_PART)) this.breakLine();
    if (kind & IS_PREFORMATTED) this.preformatted++;
    return true;
  }

  private exit(el: number): void {
    const tagId = this.tree.tag(el);
    const kind = kindOf(KINDS, tagId);
    if (tagId === TABLE) this.exitTable();
    else if (kind & IS_TABLE_PART && this.tableKinds[this.tableKinds.length - 1] === 'data')
      this.exitDataTablePart(el);
    else if (kind & (IS_BLOCK | IS_TABLE_PART)) this.breakLine();
    if (kind & IS_PREFORMATTED) this.preformatted--;
    if (kind & IS_HEADING) this.headings--;
    if (kind & IS_ARTICLE) this.articles--;
  }

  private text(node: number): void {
    const line = this.currentLine();
    if (!line) return;
    const tree = this.tree;
    const text = tree.text(node);
    const start = tree.start(node);
    const end = tree.end(node);
    if (this.preformatted === 0 || !/[\n\r]/.test(text)) {
      line.add(text, start, end);
      return;
    }
    // Offsets of lines inside a text node are exact only when no character reference was decoded.
    const exact = text.length === end - start;
    let at = 0;
    for (const piece of text.split(/\r\n?|\n/)) {
      if (at > 0) this.breakLine();
      const pieceStart = exact ? start + at : start;
      this.currentLine()!.add(piece, pieceStart, exact ? pieceStart + piece.length : end);
      at += piece.length + (text.startsWith('\r\n', at + piece.length) ? 2 : 1);
    }
  }

  private enterTable(el: number): void {
    this.breakLine();
    // Past a few levels, nested tables are looked through: flattening them would copy rows once per level.
    if ((this.table?.depth ?? 0) >= MAX_DATA_TABLE_NESTING || isLayoutTable(this.tree, el)) {
      this.tableKinds.push('layout');
      return;
    }
    this.tableKinds.push('data');
    this.table = new TableBuilder(el, this.table);
  }

  private exitTable(): void {
    const kind = this.tableKinds.pop();
    if (kind === 'layout') {
      this.breakLine();
      return;
    }
    const table = this.table!;
    this.table = table.outer;
    if (table.cell !== NONE) this.endCell(table);
    table.endRow();
    if (table.rows.length === 0) return;
    if (table.outer) {
      // Nested data table: its rows follow the outer row that holds it (or precede the outer rows, from a caption).
      const target = table.outer.row ? table.outer.pending : table.outer.rows;
      for (const row of table.rows) target.push(row);
      return;
    }
    this.blocks.push({
      kind: 'table',
      rows: table.rows,
      span: this.span(this.tree.start(table.el), this.tree.end(table.el)),
    });
  }

  private enterDataTablePart(el: number): void {
    const table = this.table!;
    const tagId = this.tree.tag(el);
    if (tagId === TR) {
      if (table.cell !== NONE) this.endCell(table);
      table.endRow();
      table.row = [];
    } else if (tagId === TD || tagId === TH || tagId === CAPTION) {
      if (table.cell !== NONE) this.endCell(table);
      if (tagId !== CAPTION) table.row ??= [];
      table.cell = el;
    }
  }

  private exitDataTablePart(el: number): void {
    const table = this.table!;
    const tagId = this.tree.tag(el);
    if (tagId === TR) table.endRow();
    else if ((tagId === TD || tagId === TH || tagId === CAPTION) && table.cell === el) this.endCell(table);
  }

  private endCell(table: TableBuilder): void {
    const tree = this.tree;
    const el = table.cell;
    table.cell = NONE;
    table.endCellLine();
    const text = table.cellText;
    table.cellText = '';
    const start = tree.start(el);
    const end = tree.end(el);
    if (tree.tag(el) === CAPTION) {
      // A caption titles the table: a paragraph before it, or a one-cell row inside a nested table.
      if (text === '') return;
      if (table.outer) table.rows.push({ cells: [cell(text, this.span(start, end))] });
      else for (const line of text.split('\n')) this.blocks.push(paragraph(line, this.span(start, end)));
    } else {
      table.row ??= [];
      table.row.push(cellWithSpans(tree, el, text, this.span(start, end)));
    }
  }

  /** Where text goes now: the open cell of the innermost data table, or the running paragraph. */
  private currentLine(): Line | null {
    const table = this.table;
    if (!table) return this.paragraph;
    return table.cell !== NONE ? table.cellLine : null;
  }

  private breakLine(): void {
    const table = this.table;
    if (table) {
      if (table.cell !== NONE) table.endCellLine();
      return;
    }
    const line = this.paragraph;
    const text = line.text();
    if (text) this.blocks.push(paragraph(text, this.span(line.start, line.end)));
    line.clear();
  }

  private titleOf(el: number): { text: string; span: SourceSpan } | null {
    const first = this.tree.firstChild(el);
    if (first === NONE || !this.tree.isText(first)) return null;
    const text = normalizeLine(this.tree.text(first));
    return text ? { text, span: this.span(this.tree.start(first), this.tree.end(first)) } : null;
  }

  /**
   * The <title> opens the document only when the page body does not show the title itself
   * (no early paragraph that the title contains, or that contains the title). Site names appended
   * to titles (「…年度报告_某某县人民政府」) are why containment, not equality, is tested.
   */
  private addTitle(): void {
    if (!this.title) return;
    const title = this.title.text.replace(/\s+/g, '');
    const minimum = Math.max(6, Math.floor(title.length / 2));
    for (const block of this.blocks.slice(0, TITLE_SEARCH_BLOCKS)) {
      if (block.kind !== 'paragraph') continue;
      const text = block.text.replace(/\s+/g, '');
      if ((text.length >= minimum && title.includes(text)) || text.includes(title)) return;
    }
    this.blocks.unshift(paragraph(this.title.text, this.title.span));
  }

  private span(start: number, end: number): SourceSpan {
    return { start, end, line: this.lineAt(start) };
  }
}

/** A table cell with its rowspan and colspan as HTML reads them: leading digits, at least 1, capped as browsers cap them. */
function cellWithSpans(tree: HtmlTree, el: number, text: string, span: SourceSpan): TableCell {
  // Most cells have neither attribute: every spelling of either name holds "span" in ASCII letters (no other
  // character lower-cases to one of them), whatever reads the attributes.
  const source = tree.attributeSource(el);
  if (source === '' || (source !== null && !MAYBE_SPAN.test(source))) return cell(text, span, 1, 1);
  // Most spans are written `colspan="3"`: read as digits, without cutting out and parsing the values.
  tree.digitAttributes(el, 'rowspan', 'colspan', spans);
  const rowSpan = spanAttribute(tree, el, 'rowspan', spans[0]!, 65534);
  return cell(text, span, rowSpan, spanAttribute(tree, el, 'colspan', spans[1]!, 1000));
}

const spans = new Int32Array(2);
const MAYBE_SPAN = /span/i;

function spanAttribute(tree: HtmlTree, el: number, name: string, digits: number, max: number): number {
  if (digits === ABSENT) return 1;
  if (digits >= 0) return digits >= 1 ? Math.min(digits, max) : 1;
  return spanValue(tree.attribute(el, name), max);
}

function spanValue(value: string | undefined, max: number): number {
  if (value === undefined) return 1;
  const n = parseInt(value.trim(), 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}
