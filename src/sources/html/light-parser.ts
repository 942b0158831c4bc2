/**
 * A fast, tolerant HTML tree builder for the pages reports come in.
 *
 * parse5 implements the whole HTML standard but costs 2–6 ms for a 35 KB report page, several
 * times the budget of the whole pipeline. This builder follows the standard's rules that decide
 * what text sits in which paragraph and table cell (implied end tags, table structure, foster
 * parenting, raw-text elements, scope of end tags) and skips the rest (formatting-element
 * reconstruction changes nesting, not text). Whenever a page leaves that safe ground (a tag it
 * cannot tokenise, an unknown character reference, framesets, unclosed <svg>/<select>), it
 * returns null and the caller uses parse5 instead.
 */
import { decodeCharacterReferences } from './entities.ts';
import { element, tagSet, type HtmlElement, type HtmlNode } from './tree.ts';

/** Deeper elements are attached to the deepest kept one: nesting bombs cost linear time, as in browsers. */
const MAX_DEPTH = 512;

const VOID = tagSet(
  'area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr',
);

/** Elements whose content is not markup; `title` and `textarea` content is text with references. */
const RAW_TEXT = tagSet('script style xmp iframe noembed noframes noscript title textarea');

/** Elements whose content is skipped whole, up to the matching end tag (foreign or form content). */
const SKIPPED_WHOLE = new Set(['svg', 'math', 'template', 'select']);

const CLOSES_P = tagSet(
  'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form hr li dd dt xmp table',
);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Start-tag kinds, as bits of one map entry per tag (the sets above and below, looked up once). */
const RAW = 1;
const SKIPPED = 2;
const CLOSES_PARAGRAPH = 4;
const HEADING = 8;
const IS_VOID = 16;
const LIST_ITEM = 32;
const START_KIND = new Map<string, number>();
for (const [set, bit] of [
  [RAW_TEXT, RAW],
  [SKIPPED_WHOLE, SKIPPED],
  [CLOSES_P, CLOSES_PARAGRAPH],
  [HEADINGS, HEADING],
  [VOID, IS_VOID],
  [new Set(['li', 'dd', 'dt']), LIST_ITEM],
] as const) {
  for (const tag of set) START_KIND.set(tag, (START_KIND.get(tag) ?? 0) | bit);
}
const SECTIONS = new Set(['tbody', 'thead', 'tfoot']);
const CELLS = new Set(['td', 'th']);
/** Where content that is not table structure gets foster-parented out of the table. */
const TABLE_CONTEXT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr']);

/** Elements that bound "has an element in scope" (HTML standard §13.2.4.2). */
const SCOPE = tagSet('#document applet caption html table td th marquee object template');
const BUTTON_SCOPE = new Set([...SCOPE, 'button']);
const LIST_ITEM_SCOPE = new Set([...SCOPE, 'ol', 'ul']);

/** Container end tags that close back to their element when it is in scope. */
const SCOPED_END = tagSet(
  'address article aside blockquote button center details dialog dir div dl fieldset figcaption figure footer form header hgroup listing main menu nav ol pre search section summary ul',
);

/** The standard's "special" category: an unmatched inline end tag never closes past these. */
const SPECIAL = new Set([
  ...SCOPED_END,
  ...HEADINGS,
  ...SECTIONS,
  ...CELLS,
  ...VOID,
  ...RAW_TEXT,
  ...tagSet(
    '#document applet body caption colgroup dd dt frameset head html li marquee object p plaintext select table template tr',
  ),
]);

/** Known tag names as matched (any case) → one shared lower-case string, so set lookups hash once. */
const KNOWN_TAGS = new Map<string, string>();
for (const tag of [
  ...SPECIAL,
  'a',
  'b',
  'i',
  'u',
  's',
  'em',
  'strong',
  'span',
  'font',
  'small',
  'big',
  'sub',
  'sup',
  'o:p',
  'label',
  'image',
]) {
  KNOWN_TAGS.set(tag, tag);
  KNOWN_TAGS.set(tag.toUpperCase(), tag);
}

function tagName(matched: string): string {
  return KNOWN_TAGS.get(matched) ?? matched.toLowerCase();
}

/** Known tag names by a hash of their lower-case form (a name whose hash is taken keeps the slow path). */
const KNOWN_BY_HASH = new Map<number, string>();
for (const tag of new Set(KNOWN_TAGS.values())) {
  const hash = lowerHash(tag, 0, tag.length);
  if (!KNOWN_BY_HASH.has(hash)) KNOWN_BY_HASH.set(hash, tag);
}

/** Known names of at most four characters by their packed lower-case codes (7 bits each; tag names here are ASCII). */
const SHORT_KNOWN = new Map<number, string>();
for (const tag of new Set(KNOWN_TAGS.values())) {
  if (tag.length > 4) continue;
  let key = 0;
  for (let i = 0; i < tag.length; i++) key = (key << 7) | tag.charCodeAt(i);
  SHORT_KNOWN.set(key, tag);
}

function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

function lowerHash(text: string, from: number, to: number): number {
  let hash = 0;
  for (let i = from; i < to; i++) hash = (Math.imul(hash, 31) + lowerAscii(text.charCodeAt(i))) | 0;
  return hash;
}

/**
 * The name of a tag whose ASCII name spans html[from, to): a known tag is found without cutting the name
 * out of the page (two thousand tags a page), any other is read by tagName.
 */
function asciiTagName(html: string, from: number, to: number): string {
  if (to - from <= 4) {
    // Short names (p, td, span, …: most tags) pack into one small integer, exactly.
    let key = 0;
    for (let i = from; i < to; i++) {
      const c = html.charCodeAt(i);
      key = (key << 7) | (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
    }
    const short = SHORT_KNOWN.get(key);
    if (short !== undefined) return short;
  }
  const known = KNOWN_BY_HASH.get(lowerHash(html, from, to));
  if (known !== undefined && known.length === to - from) {
    let same = true;
    for (let k = 0; k < known.length && same; k++)
      same = lowerAscii(html.charCodeAt(from + k)) === known.charCodeAt(k);
    if (same) return known;
  }
  return tagName(html.slice(from, to));
}

const START_TAG =
  /<([a-zA-Z][^\s/>]*)((?:[\s/]+[^\s"'>/=][^\s"'>/=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>][^\s>]*))?|(?<=["'])[^\s"'>/=][^\s"'>/=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>][^\s>]*))?)*)[\s/]*>/y;
const END_TAG = /<\/([a-zA-Z][^\s/>]*)[^>]*>/y;

const endTagPatterns = new Map<string, RegExp>();

/** `</name` followed by a delimiter, case-insensitively; cached per tag name. */
function endTagPattern(tag: string, nested: boolean): RegExp {
  const key = nested ? `+${tag}` : tag;
  let re = endTagPatterns.get(key);
  if (!re) {
    re = new RegExp(nested ? `<(/?)${tag}(?=[\\s/>])` : `</${tag}(?=[\\s/>])`, 'gi');
    endTagPatterns.set(key, re);
  }
  return re;
}

class Bail extends Error {}

export function parseLight(html: string): HtmlElement | null {
  try {
    return new LightTreeBuilder(html).build();
  } catch (e) {
    if (e instanceof Bail) return null;
    throw e;
  }
}

class LightTreeBuilder {
  private readonly root: HtmlElement;
  private readonly stack: HtmlElement[];
  /** Stack indices of the open tables, innermost last. */
  private readonly tables: number[] = [];
  /** Tree parents of tables, for foster parenting. */
  private readonly tableParents = new Map<HtmlElement, HtmlElement>();
  private openParagraphs = 0;

  constructor(private readonly html: string) {
    this.root = element('#document', '', 0, html.length);
    this.stack = [this.root];
  }

  build(): HtmlElement {
    const html = this.html;
    let pos = 0;
    while (pos < html.length) {
      const lt = html.indexOf('<', pos);
      const textEnd = lt === -1 ? html.length : lt;
      if (textEnd > pos) this.text(pos, textEnd);
      if (lt === -1) break;
      pos = this.markup(lt);
    }
    this.popTo(1, html.length);
    return this.root;
  }

  private markup(at: number): number {
    const html = this.html;
    const next = html.charCodeAt(at + 1);
    if (isAsciiLetter(next)) {
      const nameEnd = tagNameEnd(html, at + 1);
      const gt = simpleAttributesEnd(html, nameEnd);
      if (gt > 0) {
        const name = asciiTagName(html, at + 1, nameEnd);
        return this.startTag(name, gt > nameEnd ? html.slice(nameEnd, gt) : '', at, gt + 1);
      }
      START_TAG.lastIndex = at;
      const m = START_TAG.exec(html);
      if (!m) throw new Bail();
      return this.startTag(tagName(m[1]!), m[2]!, at, START_TAG.lastIndex);
    }
    if (next === 0x2f /* / */) {
      if (isAsciiLetter(html.charCodeAt(at + 2))) {
        const nameEnd = tagNameEnd(html, at + 2);
        if (html.charCodeAt(nameEnd) === 0x3e /* > */) {
          this.endTag(asciiTagName(html, at + 2, nameEnd), at, nameEnd + 1);
          return nameEnd + 1;
        }
        END_TAG.lastIndex = at;
        const m = END_TAG.exec(html);
        if (!m) throw new Bail();
        this.endTag(tagName(m[1]!), at, END_TAG.lastIndex);
        return END_TAG.lastIndex;
      }
      return afterGreaterThan(html, at + 2);
    }
    if (next === 0x21 /* ! */) {
      if (html.startsWith('<!--', at)) {
        if (html.startsWith('>', at + 4)) return at + 5;
        if (html.startsWith('->', at + 4)) return at + 6;
        const close = html.indexOf('--', at + 4);
        return close === -1 ? html.length : commentEnd(html, close);
      }
      return afterGreaterThan(html, at + 2);
    }
    if (next === 0x3f /* ? */) return afterGreaterThan(html, at + 2);
    this.insertText('<', at, at + 1);
    return at + 1;
  }

  private text(start: number, end: number): void {
    const decoded = decodeCharacterReferences(this.html.slice(start, end));
    if (decoded === null) throw new Bail();
    this.insertText(decoded, start, end);
  }

  private startTag(name: string, attrs: string, start: number, end: number): number {
    const tag = name === 'image' ? 'img' : name;
    switch (tag) {
      case 'html':
      case 'head':
      case 'body':
        return end;
      case 'frameset':
      case 'plaintext':
        throw new Bail();
      case 'td':
      case 'th':
        this.startCell(tag, attrs, start);
        return end;
      case 'tr':
        this.startRow(attrs, start);
        return end;
      case 'tbody':
      case 'thead':
      case 'tfoot':
      case 'caption': {
        const table = this.innermostTable();
        if (table < 0) return end;
        this.popTo(table + 1, start);
        this.open(element(tag, attrs, start));
        return end;
      }
      case 'colgroup':
      case 'col': {
        const table = this.innermostTable();
        if (table < 0) return end;
        this.popTo(table + 1, start);
        this.insert(element(tag, attrs, start, end));
        return end;
      }
      case 'table':
        this.startTable(attrs, start);
        return end;
    }

    // One lookup for what the rules below need to know of the tag (most tags are none of these).
    const kind = START_KIND.get(tag) ?? 0;
    if (kind !== 0) {
      if (kind & RAW) return this.rawText(tag, attrs, start, end);
      if (kind & SKIPPED) return this.skippedWhole(tag, attrs, start, end);
      if (kind & CLOSES_PARAGRAPH) this.closeParagraph(start);
      if (tag === 'li') this.closeListItem(['li'], start);
      else if (tag === 'dd' || tag === 'dt') this.closeListItem(['dd', 'dt'], start);
      else if (kind & HEADING && HEADINGS.has(this.current().tag)) this.popTo(this.stack.length - 1, start);
      if (kind & IS_VOID) {
        this.insert(element(tag, attrs, start, end));
        return end;
      }
    }
    this.open(element(tag, attrs, start, end));
    return end;
  }

  private endTag(tag: string, start: number, end: number): void {
    switch (tag) {
      case 'html':
      case 'head':
      case 'body':
      case 'colgroup':
      case 'col':
        return;
      case 'br':
        this.insert(element('br', '', start, end));
        return;
      case 'p': {
        const at = this.openParagraphs > 0 ? this.inScope((t) => t === 'p', BUTTON_SCOPE) : -1;
        if (at >= 0) this.close(at, start, end);
        // A stray </p> makes an empty paragraph in HTML: still a line break.
        else this.insert(element('p', '', start, end));
        return;
      }
      case 'td':
      case 'th':
      case 'tr':
      case 'tbody':
      case 'thead':
      case 'tfoot':
      case 'caption': {
        const at = this.aboveInnermostTable((t) => t === tag);
        if (at >= 0) this.close(at, start, end);
        return;
      }
      case 'table': {
        const table = this.innermostTable();
        if (table >= 0) this.close(table, start, end);
        return;
      }
      case 'li': {
        const at = this.inScope((t) => t === 'li', LIST_ITEM_SCOPE);
        if (at >= 0) this.close(at, start, end);
        return;
      }
      case 'dd':
      case 'dt': {
        const at = this.inScope((t) => t === tag, SCOPE);
        if (at >= 0) this.close(at, start, end);
        return;
      }
    }
    if (HEADINGS.has(tag)) {
      const at = this.inScope((t) => HEADINGS.has(t), SCOPE);
      if (at >= 0) this.close(at, start, end);
      return;
    }
    if (SCOPED_END.has(tag)) {
      const at = this.inScope((t) => t === tag, SCOPE);
      if (at >= 0) this.close(at, start, end);
      return;
    }
    // Any other end tag: close the element if nothing special stands in between.
    for (let i = this.stack.length - 1; i > 0; i--) {
      const open = this.stack[i]!.tag;
      if (open === tag) {
        this.close(i, start, end);
        return;
      }
      if (SPECIAL.has(open)) return;
    }
  }

  private startCell(tag: string, attrs: string, start: number): void {
    const table = this.innermostTable();
    if (table < 0) return;
    const openCell = this.aboveInnermostTable((t) => CELLS.has(t));
    if (openCell >= 0) this.popTo(openCell, start);
    const row = this.aboveInnermostTable((t) => t === 'tr');
    if (row >= 0) this.popTo(row + 1, start);
    else {
      this.popTo(this.sectionOrTable(table) + 1, start);
      this.open(element('tr', '', start));
    }
    this.open(element(tag, attrs, start));
  }

  private startRow(attrs: string, start: number): void {
    const table = this.innermostTable();
    if (table < 0) return;
    this.popTo(this.sectionOrTable(table) + 1, start);
    this.open(element('tr', attrs, start));
  }

  private startTable(attrs: string, start: number): void {
    const table = this.innermostTable();
    // <table> directly inside a table (not in a cell) closes that table first, as in HTML.
    if (table >= 0 && this.aboveInnermostTable((t) => CELLS.has(t) || t === 'caption') < 0) {
      this.popTo(table, start);
    }
    this.closeParagraph(start);
    this.open(element('table', attrs, start));
  }

  private rawText(tag: string, attrs: string, start: number, end: number): number {
    const html = this.html;
    const pattern = endTagPattern(tag, false);
    pattern.lastIndex = end;
    const close = pattern.exec(html);
    const contentEnd = close ? close.index : html.length;
    const after = close ? afterGreaterThan(html, close.index + 2) : html.length;
    if (tag === 'xmp') this.closeParagraph(start);
    const el = element(tag, attrs, start, after);
    if ((tag === 'title' || tag === 'textarea' || tag === 'xmp') && contentEnd > end) {
      // <xmp> shows its content verbatim; <title> and <textarea> decode character references.
      const text =
        tag === 'xmp' ? html.slice(end, contentEnd) : decodeCharacterReferences(html.slice(end, contentEnd));
      if (text === null) throw new Bail();
      el.children.push({ type: 'text', text, start: end, end: contentEnd });
    }
    this.insert(el);
    return after;
  }

  /** Skips to the matching end tag, counting nested ones; the content never reaches the document. */
  private skippedWhole(tag: string, attrs: string, start: number, end: number): number {
    const html = this.html;
    if (
      html.charCodeAt(end - 2) === 0x2f /* self-closing <svg/> */ &&
      tag !== 'select' &&
      tag !== 'template'
    ) {
      this.insert(element(tag, attrs, start, end));
      return end;
    }
    const pattern = endTagPattern(tag, true);
    pattern.lastIndex = end;
    let depth = 1;
    for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) {
        const after = afterGreaterThan(html, m.index + 2);
        this.insert(element(tag, attrs, start, after));
        return after;
      }
    }
    throw new Bail();
  }

  private insertText(text: string, start: number, end: number): void {
    const parent = this.current();
    if (TABLE_CONTEXT.has(parent.tag) && /\S/.test(text)) {
      this.fosterParent({ type: 'text', text, start, end });
      return;
    }
    const last = parent.children[parent.children.length - 1];
    if (last && last.type === 'text' && last.end === start) {
      last.text += text;
      last.end = end;
    } else parent.children.push({ type: 'text', text, start, end });
  }

  private insert(node: HtmlElement): void {
    const parent = this.current();
    if (TABLE_CONTEXT.has(parent.tag) && !isTablePart(node.tag)) this.fosterParent(node);
    else {
      parent.children.push(node);
      if (node.tag === 'table') this.tableParents.set(node, parent);
    }
  }

  /** Content misplaced inside table structure goes just before the table (HTML "foster parenting"). */
  private fosterParent(node: HtmlNode): void {
    const table = this.stack[this.innermostTable()]!;
    const parent = this.tableParents.get(table)!;
    parent.children.splice(parent.children.indexOf(table), 0, node);
    if (node.type === 'element' && node.tag === 'table') this.tableParents.set(node, parent);
  }

  private open(el: HtmlElement): void {
    this.insert(el);
    this.push(el);
  }

  private push(el: HtmlElement): void {
    if (this.stack.length >= MAX_DEPTH) return;
    this.stack.push(el);
    if (el.tag === 'table') this.tables.push(this.stack.length - 1);
    else if (el.tag === 'p') this.openParagraphs++;
  }

  /** Pops the elements at `index` and above, ending them at `at`. */
  private popTo(index: number, at: number): void {
    const stack = this.stack;
    while (stack.length > index) {
      const el = stack.pop()!;
      el.end = at;
      if (el.tag === 'p') this.openParagraphs--;
      else if (el.tag === 'table') this.tables.pop();
    }
  }

  /** Closes the element at `index` by its own end tag. */
  private close(index: number, start: number, end: number): void {
    const el = this.stack[index]!;
    this.popTo(index, start);
    el.end = end;
  }

  private closeParagraph(at: number): void {
    if (this.openParagraphs === 0) return;
    const p = this.inScope((t) => t === 'p', BUTTON_SCOPE);
    if (p >= 0) this.popTo(p, at);
  }

  private closeListItem(tags: string[], at: number): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const tag = this.stack[i]!.tag;
      if (tags.includes(tag)) {
        this.popTo(i, at);
        return;
      }
      if (SPECIAL.has(tag) && tag !== 'address' && tag !== 'div' && tag !== 'p') return;
    }
  }

  private inScope(matches: (tag: string) => boolean, boundaries: Set<string>): number {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const tag = this.stack[i]!.tag;
      if (matches(tag)) return i;
      if (boundaries.has(tag)) return -1;
    }
    return -1;
  }

  private innermostTable(): number {
    return this.tables.length > 0 ? this.tables[this.tables.length - 1]! : -1;
  }

  /** Index of the nearest matching element above the innermost table, or -1. */
  private aboveInnermostTable(matches: (tag: string) => boolean): number {
    const table = this.innermostTable();
    if (table < 0) return -1;
    for (let i = this.stack.length - 1; i > table; i--) if (matches(this.stack[i]!.tag)) return i;
    return -1;
  }

  private sectionOrTable(table: number): number {
    const next = this.stack[table + 1];
    return next && SECTIONS.has(next.tag) ? table + 1 : table;
  }

  private current(): HtmlElement {
    return this.stack[this.stack.length - 1]!;
  }
}

function isTablePart(tag: string): boolean {
  return (
    tag === 'table' ||
    SECTIONS.has(tag) ||
    tag === 'tr' ||
    CELLS.has(tag) ||
    tag === 'caption' ||
    tag === 'colgroup' ||
    tag === 'col' ||
    tag === 'script' ||
    tag === 'style' ||
    tag === 'template'
  );
}

/*
 * Most tags are plain: `<td>`, `</p>`, `<td valign="middle">`. These two scanners read them without the
 * tag patterns, which they agree with on every tag they accept; anything else (white space other than
 * single-byte spaces, unquoted or single-quoted values, a slash, a non-ASCII name) is left to the patterns.
 */

/** End of a tag name starting at `from`: the first white space, `/`, `>` or non-ASCII character. */
function tagNameEnd(html: string, from: number): number {
  let i = from;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c <= 0x20 || c === 0x2f /* / */ || c === 0x3e /* > */ || c >= 0x80) break;
    i++;
  }
  return i;
}

/**
 * From the end of a tag name: attributes written as ` name` or ` name="value"` up to a `>`. Returns the
 * offset of that `>`, or -1 when the tag is written any other way.
 */
function simpleAttributesEnd(html: string, from: number): number {
  let i = from;
  for (;;) {
    const c = html.charCodeAt(i);
    if (c === 0x3e /* > */) return i;
    if (c !== 0x20) return -1;
    while (html.charCodeAt(i) === 0x20) i++;
    const nameStart = i;
    while (isAttributeNameCode(html.charCodeAt(i))) i++;
    if (i === nameStart) return -1;
    if (html.charCodeAt(i) === 0x3d /* = */) {
      if (html.charCodeAt(i + 1) !== 0x22 /* " */) return -1;
      const close = html.indexOf('"', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    }
  }
}

/** ASCII letters, digits, `-`, `_` and `:` (a subset of what an attribute name may hold). */
function isAttributeNameCode(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x3a;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** A comment ends at the first "-->" or "--!>" (HTML comment end states). */
function commentEnd(html: string, dashes: number): number {
  for (let at = dashes; at !== -1; at = html.indexOf('--', at + 1)) {
    if (html.startsWith('-->', at)) return at + 3;
    if (html.startsWith('--!>', at)) return at + 4;
  }
  return html.length;
}

function afterGreaterThan(html: string, from: number): number {
  const gt = html.indexOf('>', from);
  return gt === -1 ? html.length : gt + 1;
}
