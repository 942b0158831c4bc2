/**
 * Judgements about parts of a page: site chrome around the content, hidden elements, and tables
 * used for layout rather than data. Each is cheap and conservative: recognition downstream copes
 * with leftover chrome, but not with a lost report table or heading.
 */
import { attribute, tagSet, type HtmlElement, type HtmlNode } from './tree.ts';

const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const CHROME_NAMES = /nav|menu|footer|breadcrumb|share|sidebar|copyright/i;
/** Cheap pre-filter on the raw attribute source, so most elements never get their attributes parsed. */
const MAYBE_CHROME_OR_HIDDEN =
  /nav|menu|footer|breadcrumb|share|sidebar|copyright|display|visibility|hidden/i;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Site navigation, header, footer, sharing widgets, or hidden content. A <header> or <footer> inside
 * <article> or <main> belongs to the article (its title, date, signature), so it is not chrome.
 */
export function isChromeOrHidden(el: HtmlElement, insideArticle: boolean): boolean {
  if (CHROME_TAGS.has(el.tag) && !(insideArticle && (el.tag === 'header' || el.tag === 'footer')))
    return true;
  if (typeof el.attrs === 'string' && (el.attrs === '' || !MAYBE_CHROME_OR_HIDDEN.test(el.attrs)))
    return false;
  const names = `${attribute(el, 'id') ?? ''} ${attribute(el, 'class') ?? ''}`;
  if (CHROME_NAMES.test(names)) return true;
  return attribute(el, 'hidden') !== null || HIDDEN_STYLE.test(attribute(el, 'style') ?? '');
}

/** Elements whose text never shows on the page. */
export const INVISIBLE = tagSet(
  'script style noscript template iframe svg math select textarea object embed applet button canvas audio video map datalist frame frameset noframes noembed',
);

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
 */
export function holdsContent(root: HtmlElement, budget: ScanBudget): boolean {
  let text = '';
  const stack: (HtmlNode | 'exit-table' | 'exit-h1')[] = [root];
  let tables = 0;
  let h1 = 0;
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (--budget.nodes < 0) return true;
    if (item === 'exit-table') tables--;
    else if (item === 'exit-h1') h1--;
    else if (item.type === 'text') {
      if (tables > 0 && DIGIT.test(item.text)) return true;
      if (h1 > 0 && /\S/.test(item.text)) return true;
      if (ENUMERATED_HEADING.test(item.text.trimStart())) return true;
      text += item.text;
    } else if (!INVISIBLE.has(item.tag)) {
      if (item.tag === 'table') {
        tables++;
        stack.push('exit-table');
      } else if (item.tag === 'h1') {
        h1++;
        stack.push('exit-h1');
      }
      for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]!);
    }
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
export function isLayoutTable(table: HtmlElement): boolean {
  let cells = 0;
  let nestsTable = false;
  for (const row of ownRows(table)) {
    for (const cell of row.children) {
      if (cell.type !== 'element' || (cell.tag !== 'td' && cell.tag !== 'th')) continue;
      cells++;
      const own = scanCell(cell);
      if (own.heading || own.textLength > LONG_CELL_TEXT) return true;
      nestsTable ||= own.nestedTable;
    }
  }
  return cells <= 1 || (nestsTable && cells <= SMALL_TABLE_CELLS);
}

/** The table's own rows: children, or children of its row groups. */
function ownRows(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  for (const child of table.children) {
    if (child.type !== 'element') continue;
    if (child.tag === 'tr') rows.push(child);
    else if (child.tag === 'tbody' || child.tag === 'thead' || child.tag === 'tfoot') {
      for (const row of child.children) if (row.type === 'element' && row.tag === 'tr') rows.push(row);
    }
  }
  return rows;
}

function scanCell(cell: HtmlElement): { textLength: number; heading: boolean; nestedTable: boolean } {
  let textLength = 0;
  let heading = false;
  let nestedTable = false;
  const stack: HtmlNode[] = [...cell.children];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'text') textLength += node.text.length;
    else if (node.tag === 'table') nestedTable = true;
    else if (!INVISIBLE.has(node.tag)) {
      if (/^h[1-6]$/.test(node.tag)) heading = true;
      for (const child of node.children) stack.push(child);
    }
  }
  return { textLength, heading, nestedTable };
}
