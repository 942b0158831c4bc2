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
import { holdsContent, INVISIBLE, isChromeOrHidden, isLayoutTable, type ScanBudget } from './page-parts.ts';
import { normalizeLine } from './text.ts';
import { attribute, lineIndex, tagSet, type HtmlElement, type HtmlText } from './tree.ts';

/** Elements that start and end a line of rendered text. */
const BLOCK = tagSet(
  'address article aside blockquote center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li listing main menu nav ol p pre search section summary ul xmp plaintext option body html',
);
const HEADINGS = tagSet('h1 h2 h3 h4 h5 h6');
const PREFORMATTED = new Set(['pre', 'listing', 'xmp', 'plaintext']);
const ARTICLES = new Set(['article', 'main']);
const TABLE_PARTS = new Set(['tr', 'td', 'th', 'caption', 'thead', 'tbody', 'tfoot']);

/** What the walker needs to know of a tag, as bits: one map lookup per element instead of five set lookups. */
const IS_INVISIBLE = 1;
const IS_TABLE_PART = 2;
const IS_BLOCK = 4;
const IS_PREFORMATTED = 8;
const IS_HEADING = 16;
const IS_ARTICLE = 32;
const TAG_FLAGS = new Map<string, number>();
for (const [set, flag] of [
  [INVISIBLE, IS_INVISIBLE],
  [TABLE_PARTS, IS_TABLE_PART],
  [BLOCK, IS_BLOCK],
  [PREFORMATTED, IS_PREFORMATTED],
  [HEADINGS, IS_HEADING],
  [ARTICLES, IS_ARTICLE],
] as const) {
  for (const tag of set) TAG_FLAGS.set(tag, (TAG_FLAGS.get(tag) ?? 0) | flag);
}

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

  /** The normalised line and its range, or null when blank; resets the line either way. */
  take(): { text: string; start: number; end: number } | null {
    const text = this.raw === '' ? '' : normalizeLine(this.raw);
    const taken = text === '' ? null : { text, start: this.start, end: this.end };
    this.raw = '';
    this.start = -1;
    return taken;
  }
}

class CellBuilder {
  readonly lines: string[] = [];
  readonly line = new Line();
  constructor(readonly el: HtmlElement) {}

  endLine(): void {
    const taken = this.line.take();
    if (taken) this.lines.push(taken.text);
  }

  /** The cell's lines as one text. Most cells hold one line, which is returned without a join. */
  text(): string {
    return this.lines.length === 1 ? this.lines[0]! : this.lines.join('\n');
  }
}

class TableBuilder {
  readonly rows: TableRow[] = [];
  row: TableCell[] | null = null;
  cell: CellBuilder | null = null;
  /** Rows of tables nested in the open row's cells: they follow that row. */
  pending: TableRow[] = [];
  constructor(
    readonly el: HtmlElement,
    readonly outer: TableBuilder | null,
  ) {}

  endRow(): void {
    if (this.row && this.row.length > 0) this.rows.push({ cells: this.row });
    this.row = null;
    for (const row of this.pending) this.rows.push(row);
    this.pending = [];
  }
}

export function pageBlocks(root: HtmlElement, source: string): PageBlocks {
  return new BlockWalker(source).walk(root);
}

class BlockWalker {
  private readonly blocks: Block[] = [];
  private readonly paragraph = new Line();
  /** Open data tables, innermost last. */
  private readonly tables: TableBuilder[] = [];
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

  constructor(source: string) {
    this.lineAt = lineIndex(source);
    // Protection scans may look at each character's worth of nodes a few times over, no more.
    this.budget = { nodes: 4 * source.length + 10_000 };
  }

  walk(root: HtmlElement): PageBlocks {
    // Iterative, so that no nesting depth can exhaust the call stack: the open elements, each with the
    // index of its next child.
    const open: HtmlElement[] = [];
    const next: number[] = [];
    if (this.enter(root)) {
      open.push(root);
      next.push(0);
    }
    while (open.length > 0) {
      const top = open.length - 1;
      const el = open[top]!;
      const i = next[top]!;
      if (i === el.children.length) {
        open.pop();
        next.pop();
        this.exit(el);
        continue;
      }
      next[top] = i + 1;
      const child = el.children[i]!;
      if (child.type === 'text') this.text(child);
      else if (this.enter(child)) {
        open.push(child);
        next.push(0);
      }
    }
    this.breakLine();
    this.addTitle();
    return { blocks: this.blocks, dropped: this.dropped };
  }

  /** Returns false when the element's content is to be skipped. */
  private enter(el: HtmlElement): boolean {
    const tag = el.tag;
    const flags = TAG_FLAGS.get(tag) ?? 0;
    if (flags & IS_INVISIBLE) return false;
    if (tag === 'title') {
      this.title ??= this.titleOf(el);
      return false;
    }
    if (
      !(flags & IS_TABLE_PART) &&
      isChromeOrHidden(el, this.articles > 0) &&
      !holdsContent(el, this.budget)
    ) {
      this.dropped++;
      return false;
    }
    if (tag === 'table') {
      this.enterTable(el);
      return true;
    }
    if (flags & IS_TABLE_PART && this.tableKinds[this.tableKinds.length - 1] === 'data') {
      this.enterDataTablePart(el);
      return true;
    }
    if (tag === 'br' && this.headings > 0 && this.tables.length === 0) {
      // A heading is one line however it wraps (「某某局<br>2022年…年度报告」): the break joins like a source line break.
      this.paragraph.add('\n', el.start, el.end);
      return true;
    }
    if (flags & IS_HEADING) this.headings++;
    if (flags & IS_ARTICLE) this.articles++;
    if (tag === 'br' || flags & (IS_BLOCK | IS_TABLE_PART)) this.breakLine();
    if (flags & IS_PREFORMATTED) this.preformatted++;
    return true;
  }

  private exit(el: HtmlElement): void {
    const tag = el.tag;
    const flags = TAG_FLAGS.get(tag) ?? 0;
    if (tag === 'table') this.exitTable();
    else if (flags & IS_TABLE_PART && this.tableKinds[this.tableKinds.length - 1] === 'data')
      this.exitDataTablePart(el);
    else if (flags & (IS_BLOCK | IS_TABLE_PART)) this.breakLine();
    if (flags & IS_PREFORMATTED) this.preformatted--;
    if (flags & IS_HEADING) this.headings--;
    if (flags & IS_ARTICLE) this.articles--;
  }

  private text(node: HtmlText): void {
    const line = this.currentLine();
    if (!line) return;
    if (this.preformatted === 0 || !/[\n\r]/.test(node.text)) {
      line.add(node.text, node.start, node.end);
      return;
    }
    // Offsets of lines inside a text node are exact only when no character reference was decoded.
    const exact = node.text.length === node.end - node.start;
    let at = 0;
    for (const piece of node.text.split(/\r\n?|\n/)) {
      if (at > 0) this.breakLine();
      const start = exact ? node.start + at : node.start;
      this.currentLine()!.add(piece, start, exact ? start + piece.length : node.end);
      at += piece.length + (node.text.startsWith('\r\n', at + piece.length) ? 2 : 1);
    }
  }

  private enterTable(el: HtmlElement): void {
    this.breakLine();
    // Past a few levels, nested tables are looked through: flattening them would copy rows once per level.
    if (this.tables.length >= MAX_DATA_TABLE_NESTING || isLayoutTable(el)) {
      this.tableKinds.push('layout');
      return;
    }
    this.tableKinds.push('data');
    this.tables.push(new TableBuilder(el, this.tables[this.tables.length - 1] ?? null));
  }

  private exitTable(): void {
    const kind = this.tableKinds.pop();
    if (kind === 'layout') {
      this.breakLine();
      return;
    }
    const table = this.tables.pop()!;
    if (table.cell) this.endCell(table);
    table.endRow();
    if (table.rows.length === 0) return;
    if (table.outer) {
      // Nested data table: its rows follow the outer row that holds it (or precede the outer rows, from a caption).
      const target = table.outer.row ? table.outer.pending : table.outer.rows;
      for (const row of table.rows) target.push(row);
      return;
    }
    this.blocks.push({ kind: 'table', rows: table.rows, span: this.span(table.el.start, table.el.end) });
  }

  private enterDataTablePart(el: HtmlElement): void {
    const table = this.tables[this.tables.length - 1]!;
    switch (el.tag) {
      case 'tr':
        if (table.cell) this.endCell(table);
        table.endRow();
        table.row = [];
        break;
      case 'td':
      case 'th':
      case 'caption':
        if (table.cell) this.endCell(table);
        if (el.tag !== 'caption') table.row ??= [];
        table.cell = new CellBuilder(el);
        break;
    }
  }

  private exitDataTablePart(el: HtmlElement): void {
    const table = this.tables[this.tables.length - 1]!;
    if (el.tag === 'tr') table.endRow();
    else if ((el.tag === 'td' || el.tag === 'th' || el.tag === 'caption') && table.cell?.el === el)
      this.endCell(table);
  }

  private endCell(table: TableBuilder): void {
    const builder = table.cell!;
    table.cell = null;
    builder.endLine();
    const el = builder.el;
    if (el.tag === 'caption') {
      // A caption titles the table: a paragraph before it, or a one-cell row inside a nested table.
      if (builder.lines.length === 0) return;
      if (table.outer) table.rows.push({ cells: [cell(builder.text(), this.span(el.start, el.end))] });
      else for (const text of builder.lines) this.blocks.push(paragraph(text, this.span(el.start, el.end)));
      return;
    }
    table.row ??= [];
    table.row.push(
      cell(
        builder.text(),
        this.span(el.start, el.end),
        spanAttribute(el, 'rowspan', 65534),
        spanAttribute(el, 'colspan', 1000),
      ),
    );
  }

  /** Where text goes now: the open cell of the innermost data table, or the running paragraph. */
  private currentLine(): Line | null {
    const table = this.tables[this.tables.length - 1];
    if (!table) return this.paragraph;
    return table.cell ? table.cell.line : null;
  }

  private breakLine(): void {
    const table = this.tables[this.tables.length - 1];
    if (table) {
      table.cell?.endLine();
      return;
    }
    const taken = this.paragraph.take();
    if (taken) this.blocks.push(paragraph(taken.text, this.span(taken.start, taken.end)));
  }

  private titleOf(el: HtmlElement): { text: string; span: SourceSpan } | null {
    const first = el.children[0];
    if (!first || first.type !== 'text') return null;
    const text = normalizeLine(first.text);
    return text ? { text, span: this.span(first.start, first.end) } : null;
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

/** rowspan/colspan as HTML reads them: leading digits, at least 1, capped as browsers cap them. */
function spanAttribute(el: HtmlElement, name: string, max: number): number {
  if (typeof el.attrs === 'string' && !/span/i.test(el.attrs)) return 1;
  const value = attribute(el, name);
  if (value === null) return 1;
  const n = parseInt(value.trim(), 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}
