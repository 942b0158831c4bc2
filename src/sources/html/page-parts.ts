/**
 * Judgements about parts of a page: site chrome around the content, hidden elements, and tables
 * used for layout rather than data. Each is cheap and conservative: recognition downstream copes
 * with leftover chrome, but not with a lost report table or heading.
 */
import { kindOf, tag, tagKinds } from './tags.ts';
import type { HtmlTree } from './tree.ts';

/** Elements whose text never shows on the page. */
const INVISIBLE =
  'script style noscript template iframe svg math select textarea object embed applet button canvas audio video map datalist frame frameset noframes noembed';

const IS_INVISIBLE = 1;
const IS_CHROME = 2;
const IS_HEADING = 4;
const KINDS = tagKinds([
  [INVISIBLE, IS_INVISIBLE],
  ['nav header footer aside', IS_CHROME],
  ['h1 h2 h3 h4 h5 h6', IS_HEADING],
]);
const FOOTER = tag('footer');
const H1 = tag('h1');
const HEADER = tag('header');
const TABLE = tag('table');
const TBODY = tag('tbody');
const TD = tag('td');
const TFOOT = tag('tfoot');
const TH = tag('th');
const THEAD = tag('thead');
const TR = tag('tr');

const NONE = -1;

const CHROME_NAMES = /nav|menu|footer|breadcrumb|share|sidebar|copyright/i;
/** Cheap pre-filter on the raw attribute source, so most elements never get their attributes read. */
const MAYBE_CHROME_OR_HIDDEN =
  /nav|menu|footer|breadcrumb|share|sidebar|copyright|display|visibility|hidden/i;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Site navigation, header, footer, sharing widgets, or hidden content. A <header> or <footer> inside
 * <article> or <main> belongs to the article (its title, date, signature), so it is not chrome.
 */
export function isChromeOrHidden(tree: HtmlTree, el: number, tagId: number, insideArticle: boolean): boolean {
  if (kindOf(KINDS, tagId) & IS_CHROME && !(insideArticle && (tagId === HEADER || tagId === FOOTER)))
    return true;
  const source = tree.attributeSource(el);
  if (source !== null && (source === '' || !MAYBE_CHROME_OR_HIDDEN.test(source))) return false;
  const names = `${tree.attribute(el, 'id') ?? ''} ${tree.attribute(el, 'class') ?? ''}`;
  if (CHROME_NAMES.test(names)) return true;
  return tree.attribute(el, 'hidden') !== undefined || HIDDEN_STYLE.test(tree.attribute(el, 'style') ?? '');
}

export function isInvisible(tagId: number): boolean {
  return (kindOf(KINDS, tagId) & IS_INVISIBLE) !== 0;
}

const ENUMERATED_HEADING = /^[一二三四五六七八九十]+、/;
const FULL_DATE = /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/;
const DIGIT = /[0-9０-９]/;

/** Shared per-page allowance of nodes that protection checks may visit (keeps hostile pages linear). */
export interface ScanBudget {
  nodes: number;
}

/**
 * True when dropping the element could lose report content: it holds a table with digits, a line
 * opening with a Chinese enumeration (「一、」), an <h1> with text, or a full date (the signature
 * date). Also true once the budget is spent, so that a page too costly to judge keeps everything.
 * The budget counts every node visited, and the end of every table and <h1> (a page's judgements
 * share it, so the count is part of the behaviour).
 */
export function holdsContent(tree: HtmlTree, root: number, budget: ScanBudget): boolean {
  let text = '';
  let tables = 0;
  let h1 = 0;
  // Depth-first, in document order, without recursion: the open elements, root first.
  const open: number[] = [];
  let node = root;
  for (;;) {
    if (node === NONE) {
      if (open.length === 0) break;
      const done = open.pop()!;
      node = done === root ? NONE : tree.nextSibling(done);
      const tagId = tree.tag(done);
      if (tagId === TABLE || tagId === H1) {
        if (--budget.nodes < 0) return true;
        if (tagId === TABLE) tables--;
        else h1--;
      }
      continue;
    }
    if (--budget.nodes < 0) return true;
    if (tree.isText(node)) {
      const value = tree.text(node);
      if (tables > 0 && DIGIT.test(value)) return true;
      if (h1 > 0 && /\S/.test(value)) return true;
      if (ENUMERATED_HEADING.test(value.trimStart())) return true;
      text += value;
    } else if (!isInvisible(tree.tag(node))) {
      const tagId = tree.tag(node);
      if (tagId === TABLE) tables++;
      else if (tagId === H1) h1++;
      open.push(node);
      node = tree.firstChild(node);
      continue;
    }
    node = node === root ? NONE : tree.nextSibling(node);
  }
  return FULL_DATE.test(text.replace(/\s+/g, ''));
}

/** A cell of a data table is never this long (whitespace included); a layout cell holding an article is. */
const LONG_CELL_TEXT = 200;
/** Layout grids are small; a data table with a nested table in a cell has many cells of its own. */
const SMALL_TABLE_CELLS = 6;

/**
 * A table is layout (transparent: its cells' content becomes ordinary blocks) when it has a single
 * cell, or a cell holds a heading or more than LONG_CELL_TEXT characters of its own text, or a cell
 * holds a nested table and the table has at most SMALL_TABLE_CELLS cells of its own. Otherwise it
 * is data. Nested tables are not entered, so every node is looked at by one table only.
 */
export function isLayoutTable(tree: HtmlTree, table: number): boolean {
  const scan: TableScan = { cells: 0, nestsTable: false };
  for (let child = tree.firstChild(table); child !== NONE; child = tree.nextSibling(child)) {
    const tagId = tree.tag(child);
    if (tagId === TR) {
      if (holdsLayoutCell(tree, child, scan)) return true;
    } else if (tagId === TBODY || tagId === THEAD || tagId === TFOOT) {
      for (let row = tree.firstChild(child); row !== NONE; row = tree.nextSibling(row)) {
        if (tree.tag(row) === TR && holdsLayoutCell(tree, row, scan)) return true;
      }
    }
  }
  return scan.cells <= 1 || (scan.nestsTable && scan.cells <= SMALL_TABLE_CELLS);
}

/** What the cells of a table seen so far hold. */
interface TableScan {
  cells: number;
  nestsTable: boolean;
}

/** Counts the row's cells into `scan`; true when one of them makes the table layout. */
function holdsLayoutCell(tree: HtmlTree, row: number, scan: TableScan): boolean {
  for (let cell = tree.firstChild(row); cell !== NONE; cell = tree.nextSibling(cell)) {
    const tagId = tree.tag(cell);
    if (tagId !== TD && tagId !== TH) continue;
    scan.cells++;
    if (isLayoutCell(tree, cell, scan)) return true;
  }
  return false;
}

/** The open elements of `isLayoutCell`'s walk (up to its depth), kept from cell to cell: a table has hundreds. */
const cellScanStack: number[] = [];

/** A cell holding a heading or more than LONG_CELL_TEXT characters of its own text; notes a nested table in `scan`. */
function isLayoutCell(tree: HtmlTree, cell: number, scan: TableScan): boolean {
  let textLength = 0;
  let heading = false;
  const open = cellScanStack;
  let depth = 0;
  let node = tree.firstChild(cell);
  for (;;) {
    if (node === NONE) {
      if (depth === 0) break;
      node = tree.nextSibling(open[--depth]!);
      continue;
    }
    if (tree.isText(node)) textLength += tree.textLength(node);
    else {
      const tagId = tree.tag(node);
      if (tagId === TABLE) scan.nestsTable = true;
      else if (!isInvisible(tagId)) {
        if (kindOf(KINDS, tagId) & IS_HEADING) heading = true;
        open[depth++] = node;
        node = tree.firstChild(node);
        continue;
      }
    }
    node = tree.nextSibling(node);
  }
  return heading || textLength > LONG_CELL_TEXT;
}
