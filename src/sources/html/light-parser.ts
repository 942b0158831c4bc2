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
import { isJsSpace } from '../../document/index.ts';
import { kindOf, knownAsciiTagId, knownTagName, shortKnownId, tag, tagKinds, withNameCode } from './tags.ts';
import { HtmlTree } from './tree.ts';

/** Deeper elements are attached to the deepest kept one: nesting bombs cost linear time, as in browsers. */
const MAX_DEPTH = 512;

/** What the rules below need to know of a tag, as bits by tag id (one typed-array read per tag). */
const VOID = 1;
/** Content is not markup; `title` and `textarea` content is text with references. */
const RAW_TEXT = 2;
/** Content is skipped whole, up to the matching end tag (foreign or form content). */
const SKIPPED_WHOLE = 4;
const CLOSES_P = 8;
const HEADING = 16;
const SECTION = 32;
const CELL = 64;
/** Where content that is not table structure gets foster-parented out of the table. */
const TABLE_CONTEXT = 128;
/** Elements that bound "has an element in scope" (HTML standard §13.2.4.2), and its button and list item variants. */
const SCOPE = 256;
const BUTTON_SCOPE = 512;
const LIST_ITEM_SCOPE = 1024;
/** Container end tags that close back to their element when it is in scope. */
const SCOPED_END = 2048;
/** The standard's "special" category: an unmatched inline end tag never closes past these. */
const SPECIAL = 4096;
/** What may sit in table structure without being foster-parented. */
const TABLE_PART = 8192;

const KINDS = tagKinds([
  [
    'area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr',
    VOID | SPECIAL,
  ],
  ['script style xmp iframe noembed noframes noscript title textarea', RAW_TEXT | SPECIAL],
  ['svg math template select', SKIPPED_WHOLE],
  [
    'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form hr li dd dt xmp table',
    CLOSES_P,
  ],
  ['h1 h2 h3 h4 h5 h6', HEADING | SPECIAL],
  ['tbody thead tfoot', SECTION | SPECIAL],
  ['td th', CELL | SPECIAL],
  ['table tbody thead tfoot tr', TABLE_CONTEXT],
  [
    '#document applet caption html table td th marquee object template',
    SCOPE | BUTTON_SCOPE | LIST_ITEM_SCOPE,
  ],
  ['button', BUTTON_SCOPE],
  ['ol ul', LIST_ITEM_SCOPE],
  [
    'address article aside blockquote button center details dialog dir div dl fieldset figcaption figure footer form header hgroup listing main menu nav ol pre search section summary ul',
    SCOPED_END | SPECIAL,
  ],
  [
    '#document applet body caption colgroup dd dt frameset head html li marquee object p plaintext select table template tr',
    SPECIAL,
  ],
  ['table tbody thead tfoot tr td th caption colgroup col script style template', TABLE_PART],
]);

const ADDRESS = tag('address');
const BODY = tag('body');
const BR = tag('br');
const CAPTION = tag('caption');
const COL = tag('col');
const COLGROUP = tag('colgroup');
const DD = tag('dd');
const DIV = tag('div');
const DT = tag('dt');
const FRAMESET = tag('frameset');
const HEAD = tag('head');
const HTML = tag('html');
const IMAGE = tag('image');
const IMG = tag('img');
const LI = tag('li');
const P = tag('p');
const PLAINTEXT = tag('plaintext');
const SELECT = tag('select');
const TABLE = tag('table');
const TBODY = tag('tbody');
const TD = tag('td');
const TEMPLATE = tag('template');
const TEXTAREA = tag('textarea');
const TFOOT = tag('tfoot');
const TH = tag('th');
const THEAD = tag('thead');
const TITLE = tag('title');
const TR = tag('tr');
const XMP = tag('xmp');

const NONE = -1;
/** The tag id of text nodes (HtmlTree's). */
const TEXT = -1;

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

export function parseLight(html: string): HtmlTree | null {
  try {
    return new LightTreeBuilder(html).build();
  } catch (e) {
    if (e instanceof Bail) return null;
    throw e;
  }
}

class LightTreeBuilder {
  private readonly tree: HtmlTree;
  /** The open elements, the document first, and their tag ids (read at every tag, so kept beside). */
  private readonly stack: number[];
  private readonly stackTags: number[];
  /** Stack indices of the open tables, innermost last. */
  private readonly tables: number[] = [];
  /** Tree parents of tables, for foster parenting. */
  private readonly tableParents = new Map<number, number>();
  private openParagraphs = 0;
  /** Offset of the next `&` at or after the last text read (html.length when none): text without one is not decoded. */
  private nextAmpersand = -1;
  /** The key of the tag name `tagNameEnd` read last (exact for names of up to four characters). */
  private nameKey = 0;

  constructor(private readonly html: string) {
    this.tree = new HtmlTree(html);
    this.stack = [this.tree.root];
    this.stackTags = [this.tree.tag(this.tree.root)];
  }

  build(): HtmlTree {
    const html = this.html;
    let pos = 0;
    while (pos < html.length) {
      // Tags mostly follow tags (`<td><p><span>`): a search for the next '<' costs more than this look.
      if (html.charCodeAt(pos) !== 0x3c /* < */) {
        const lt = html.indexOf('<', pos + 1);
        this.text(pos, lt === -1 ? html.length : lt);
        if (lt === -1) break;
        pos = lt;
      }
      pos = this.markup(pos);
    }
    this.popTo(1, html.length);
    return this.tree;
  }

  private markup(at: number): number {
    const html = this.html;
    const next = html.charCodeAt(at + 1);
    if (isAsciiLetter(next)) {
      const nameEnd = this.tagNameEnd(at + 1);
      const gt = simpleAttributesEnd(html, nameEnd);
      if (gt > 0)
        return this.startTag(this.asciiTagId(at + 1, nameEnd, this.nameKey), nameEnd, gt, at, gt + 1);
      START_TAG.lastIndex = at;
      const m = START_TAG.exec(html);
      if (!m) throw new Bail();
      const attributesStart = at + 1 + m[1]!.length;
      return this.startTag(
        this.tree.tagId(m[1]!.toLowerCase()),
        attributesStart,
        attributesStart + m[2]!.length,
        at,
        START_TAG.lastIndex,
      );
    }
    if (next === 0x2f /* / */) {
      if (isAsciiLetter(html.charCodeAt(at + 2))) {
        const nameEnd = this.tagNameEnd(at + 2);
        if (html.charCodeAt(nameEnd) === 0x3e /* > */) {
          this.endTag(this.asciiTagId(at + 2, nameEnd, this.nameKey), at, nameEnd + 1);
          return nameEnd + 1;
        }
        END_TAG.lastIndex = at;
        const m = END_TAG.exec(html);
        if (!m) throw new Bail();
        this.endTag(this.tree.tagId(m[1]!.toLowerCase()), at, END_TAG.lastIndex);
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
    this.insertText(at, at + 1, null);
    return at + 1;
  }

  /** The id of the tag whose ASCII name spans html[from, to); `key` is the name's key when it is short. */
  private asciiTagId(from: number, to: number, key: number): number {
    const known = to - from <= 4 ? shortKnownId(key) : knownAsciiTagId(this.html, from, to);
    return known >= 0 ? known : this.tree.tagId(this.html.slice(from, to).toLowerCase());
  }

  /** End of a tag name starting at `from`: the first white space, `/`, `>` or non-ASCII character. Sets `nameKey`. */
  private tagNameEnd(from: number): number {
    const html = this.html;
    let key = 0;
    let i = from;
    while (i < html.length) {
      const c = html.charCodeAt(i);
      if (c <= 0x20 || c === 0x2f /* / */ || c === 0x3e /* > */ || c >= 0x80) break;
      key = withNameCode(key, c);
      i++;
    }
    this.nameKey = key;
    return i;
  }

  private text(start: number, end: number): void {
    this.insertText(start, end, this.decodedText(start, end));
  }

  /** The text of html[start, end) with character references decoded, or null when it has none (the source is the text). */
  private decodedText(start: number, end: number): string | null {
    if (this.nextAmpersand < start) {
      const amp = this.html.indexOf('&', start);
      this.nextAmpersand = amp === -1 ? this.html.length : amp;
    }
    if (this.nextAmpersand >= end) return null;
    const decoded = decodeCharacterReferences(this.html.slice(start, end));
    if (decoded === null) throw new Bail();
    return decoded;
  }

  private startTag(name: number, attrStart: number, attrEnd: number, start: number, end: number): number {
    const tag = name === IMAGE ? IMG : name;
    switch (tag) {
      case HTML:
      case HEAD:
      case BODY:
        return end;
      case FRAMESET:
      case PLAINTEXT:
        throw new Bail();
      case TD:
      case TH:
        this.startCell(tag, attrStart, attrEnd, start);
        return end;
      case TR:
        this.startRow(attrStart, attrEnd, start);
        return end;
      case TBODY:
      case THEAD:
      case TFOOT:
      case CAPTION: {
        const table = this.innermostTable();
        if (table < 0) return end;
        this.popTo(table + 1, start);
        this.open(this.tree.element(tag, start, start, attrStart, attrEnd), tag);
        return end;
      }
      case COLGROUP:
      case COL: {
        const table = this.innermostTable();
        if (table < 0) return end;
        this.popTo(table + 1, start);
        this.insert(this.tree.element(tag, start, end, attrStart, attrEnd), tag);
        return end;
      }
      case TABLE:
        this.startTable(attrStart, attrEnd, start);
        return end;
    }

    const kind = kindOf(KINDS, tag);
    if (kind & RAW_TEXT) return this.rawText(tag, attrStart, attrEnd, start, end);
    if (kind & SKIPPED_WHOLE) return this.skippedWhole(tag, attrStart, attrEnd, start, end);
    if (kind & CLOSES_P) this.closeParagraph(start);
    if (tag === LI) this.closeListItem(LI, LI, start);
    else if (tag === DD || tag === DT) this.closeListItem(DD, DT, start);
    else if (kind & HEADING && kindOf(KINDS, this.currentTag()) & HEADING)
      this.popTo(this.stack.length - 1, start);
    const el = this.tree.element(tag, start, end, attrStart, attrEnd);
    if (kind & VOID) this.insert(el, tag);
    else this.open(el, tag);
    return end;
  }

  private endTag(tag: number, start: number, end: number): void {
    // Most end tags close the current element (`</span>`, `</td>`): every rule below does that when the
    // element is on top. (The tags they ignore or insert, like </html> or </br>, are never on the stack.)
    const top = this.stackTags.length - 1;
    if (top > 0 && this.stackTags[top] === tag) {
      this.close(top, start, end);
      return;
    }
    switch (tag) {
      case HTML:
      case HEAD:
      case BODY:
      case COLGROUP:
      case COL:
        return;
      case BR:
        this.insert(this.tree.element(BR, start, end, 0, 0), BR);
        return;
      case P: {
        const at = this.openParagraphs > 0 ? this.inScope(P, BUTTON_SCOPE) : -1;
        if (at >= 0) this.close(at, start, end);
        // A stray </p> makes an empty paragraph in HTML: still a line break.
        else this.insert(this.tree.element(P, start, end, 0, 0), P);
        return;
      }
      case TD:
      case TH:
      case TR:
      case TBODY:
      case THEAD:
      case TFOOT:
      case CAPTION: {
        const at = this.aboveInnermostTable(tag, 0);
        if (at >= 0) this.close(at, start, end);
        return;
      }
      case TABLE: {
        const table = this.innermostTable();
        if (table >= 0) this.close(table, start, end);
        return;
      }
      case LI: {
        const at = this.inScope(LI, LIST_ITEM_SCOPE);
        if (at >= 0) this.close(at, start, end);
        return;
      }
      case DD:
      case DT: {
        const at = this.inScope(tag, SCOPE);
        if (at >= 0) this.close(at, start, end);
        return;
      }
    }
    const kind = kindOf(KINDS, tag);
    if (kind & (HEADING | SCOPED_END)) {
      const at = kind & HEADING ? this.headingInScope() : this.inScope(tag, SCOPE);
      if (at >= 0) this.close(at, start, end);
      return;
    }
    // Any other end tag: close the element if nothing special stands in between.
    for (let i = this.stack.length - 1; i > 0; i--) {
      const open = this.stackTags[i]!;
      if (open === tag) {
        this.close(i, start, end);
        return;
      }
      if (kindOf(KINDS, open) & SPECIAL) return;
    }
  }

  private startCell(tag: number, attrStart: number, attrEnd: number, start: number): void {
    const table = this.innermostTable();
    if (table < 0) return;
    const openCell = this.aboveInnermostTable(NONE, CELL);
    if (openCell >= 0) this.popTo(openCell, start);
    const row = this.aboveInnermostTable(TR, 0);
    if (row >= 0) this.popTo(row + 1, start);
    else {
      this.popTo(this.sectionOrTable(table) + 1, start);
      this.open(this.tree.element(TR, start, start, 0, 0), TR);
    }
    this.open(this.tree.element(tag, start, start, attrStart, attrEnd), tag);
  }

  private startRow(attrStart: number, attrEnd: number, start: number): void {
    const table = this.innermostTable();
    if (table < 0) return;
    this.popTo(this.sectionOrTable(table) + 1, start);
    this.open(this.tree.element(TR, start, start, attrStart, attrEnd), TR);
  }

  private startTable(attrStart: number, attrEnd: number, start: number): void {
    const table = this.innermostTable();
    // <table> directly inside a table (not in a cell) closes that table first, as in HTML.
    if (table >= 0 && this.aboveInnermostTable(CAPTION, CELL) < 0) this.popTo(table, start);
    this.closeParagraph(start);
    this.open(this.tree.element(TABLE, start, start, attrStart, attrEnd), TABLE);
  }

  private rawText(tag: number, attrStart: number, attrEnd: number, start: number, end: number): number {
    const html = this.html;
    const pattern = endTagPattern(knownTagName(tag), false);
    pattern.lastIndex = end;
    const close = pattern.exec(html);
    const contentEnd = close ? close.index : html.length;
    const after = close ? afterGreaterThan(html, close.index + 2) : html.length;
    if (tag === XMP) this.closeParagraph(start);
    const el = this.tree.element(tag, start, after, attrStart, attrEnd);
    if ((tag === TITLE || tag === TEXTAREA || tag === XMP) && contentEnd > end) {
      // <xmp> shows its content verbatim; <title> and <textarea> decode character references.
      const decoded = tag === XMP ? null : this.decodedText(end, contentEnd);
      this.tree.append(el, this.tree.textNode(end, contentEnd, decoded));
    }
    this.insert(el, tag);
    return after;
  }

  /** Skips to the matching end tag, counting nested ones; the content never reaches the document. */
  private skippedWhole(tag: number, attrStart: number, attrEnd: number, start: number, end: number): number {
    const html = this.html;
    if (html.charCodeAt(end - 2) === 0x2f /* self-closing <svg/> */ && tag !== SELECT && tag !== TEMPLATE) {
      this.insert(this.tree.element(tag, start, end, attrStart, attrEnd), tag);
      return end;
    }
    const pattern = endTagPattern(knownTagName(tag), true);
    pattern.lastIndex = end;
    let depth = 1;
    for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) {
        const after = afterGreaterThan(html, m.index + 2);
        this.insert(this.tree.element(tag, start, after, attrStart, attrEnd), tag);
        return after;
      }
    }
    throw new Bail();
  }

  /** Text html[start, end), or `decoded` when references changed it. */
  private insertText(start: number, end: number, decoded: string | null): void {
    const parent = this.current();
    if (
      kindOf(KINDS, this.currentTag()) & TABLE_CONTEXT &&
      (decoded === null ? hasNonSpace(this.html, start, end) : hasNonSpace(decoded, 0, decoded.length))
    ) {
      this.fosterParent(this.tree.textNode(start, end, decoded), TEXT);
      return;
    }
    this.tree.appendText(parent, start, end, decoded);
  }

  /** Inserts `node`, an element with tag id `tag`. */
  private insert(node: number, tag: number): void {
    const parent = this.current();
    if (kindOf(KINDS, this.currentTag()) & TABLE_CONTEXT && !(kindOf(KINDS, tag) & TABLE_PART))
      this.fosterParent(node, tag);
    else {
      this.tree.append(parent, node);
      if (tag === TABLE) this.tableParents.set(node, parent);
    }
  }

  /** Content misplaced inside table structure goes just before the table (HTML "foster parenting"). */
  private fosterParent(node: number, tag: number): void {
    const table = this.stack[this.innermostTable()]!;
    const parent = this.tableParents.get(table)!;
    this.tree.insertBefore(parent, node, table);
    if (tag === TABLE) this.tableParents.set(node, parent);
  }

  private open(el: number, tag: number): void {
    this.insert(el, tag);
    this.push(el, tag);
  }

  private push(el: number, tag: number): void {
    if (this.stack.length >= MAX_DEPTH) return;
    this.stack.push(el);
    this.stackTags.push(tag);
    if (tag === TABLE) this.tables.push(this.stack.length - 1);
    else if (tag === P) this.openParagraphs++;
  }

  /** Pops the elements at `index` and above, ending them at `at`. */
  private popTo(index: number, at: number): void {
    const stack = this.stack;
    while (stack.length > index) {
      const el = stack.pop()!;
      const tag = this.stackTags.pop()!;
      this.tree.setEnd(el, at);
      if (tag === P) this.openParagraphs--;
      else if (tag === TABLE) this.tables.pop();
    }
  }

  /** Closes the element at `index` by its own end tag. */
  private close(index: number, start: number, end: number): void {
    const el = this.stack[index]!;
    this.popTo(index, start);
    this.tree.setEnd(el, end);
  }

  private closeParagraph(at: number): void {
    if (this.openParagraphs === 0) return;
    const p = this.inScope(P, BUTTON_SCOPE);
    if (p >= 0) this.popTo(p, at);
  }

  /** Closes an open `first` or `second` (li, or dd and dt) unless a special element other than address, div, p intervenes. */
  private closeListItem(first: number, second: number, at: number): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const tag = this.stackTags[i]!;
      if (tag === first || tag === second) {
        this.popTo(i, at);
        return;
      }
      if (kindOf(KINDS, tag) & SPECIAL && tag !== ADDRESS && tag !== DIV && tag !== P) return;
    }
  }

  /** Stack index of the open `tag` when in scope (the `boundary` kind bounds the scope), or -1. */
  private inScope(tag: number, boundary: number): number {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const open = this.stackTags[i]!;
      if (open === tag) return i;
      if (kindOf(KINDS, open) & boundary) return -1;
    }
    return -1;
  }

  private headingInScope(): number {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const kind = kindOf(KINDS, this.stackTags[i]!);
      if (kind & HEADING) return i;
      if (kind & SCOPE) return -1;
    }
    return -1;
  }

  private innermostTable(): number {
    return this.tables.length > 0 ? this.tables[this.tables.length - 1]! : -1;
  }

  /** Index of the nearest element above the innermost table that is `tag` or of kind `kind`, or -1. */
  private aboveInnermostTable(tag: number, kind: number): number {
    const table = this.innermostTable();
    if (table < 0) return -1;
    for (let i = this.stack.length - 1; i > table; i--) {
      const open = this.stackTags[i]!;
      if (open === tag || kindOf(KINDS, open) & kind) return i;
    }
    return -1;
  }

  private sectionOrTable(table: number): number {
    const next = this.stackTags[table + 1];
    return next !== undefined && kindOf(KINDS, next) & SECTION ? table + 1 : table;
  }

  private current(): number {
    return this.stack[this.stack.length - 1]!;
  }

  private currentTag(): number {
    return this.stackTags[this.stackTags.length - 1]!;
  }
}

/** Whether text[from, to) holds a character that `\s` does not match. */
function hasNonSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isJsSpace(text.charCodeAt(i))) return true;
  return false;
}

/*
 * Most tags are plain: `<td>`, `</p>`, `<td valign="middle">`. `tagNameEnd` and `simpleAttributesEnd` read
 * them without the tag patterns, which they agree with on every tag they accept; anything else (white space
 * other than single-byte spaces, unquoted or single-quoted values, a slash, a non-ASCII name) is left to the
 * patterns.
 */

/**
 * Attributes written as ` name` or ` name="value"` (names of ASCII letters, digits, `-`, `_` and `:`, a
 * subset of what an attribute name may hold), then a `>`.
 */
const SIMPLE_ATTRIBUTES = /(?: +[A-Za-z0-9_:-]+(?:="[^"]*")?)*>/y;

/**
 * From the end of a tag name: the offset of the `>` that ends simple attributes (SIMPLE_ATTRIBUTES), or -1
 * when the tag is written any other way. One sticky match costs less than a loop over the characters.
 */
function simpleAttributesEnd(html: string, from: number): number {
  if (html.charCodeAt(from) === 0x3e /* > */) return from;
  SIMPLE_ATTRIBUTES.lastIndex = from;
  return SIMPLE_ATTRIBUTES.test(html) ? SIMPLE_ATTRIBUTES.lastIndex - 1 : -1;
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
