/**
 * The small element tree both HTML parsers build and the block walker reads. It is flat: a node is an
 * index into one Int32Array (tag id, source range, first and last child, next sibling, attribute or text
 * data), so the 2,000 tags of a report page cost no objects or child arrays of their own. Text and
 * attributes stay source ranges until read. Offsets point into the decoded HTML text, like parse5's
 * source locations.
 */
import { decodeAttributeValue } from './entities.ts';
import { KNOWN_TAG_COUNT, knownTagId, tag } from './tags.ts';

const TAG = 0;
const START = 1;
const END = 2;
const FIRST_CHILD = 3;
const LAST_CHILD = 4;
const NEXT_SIBLING = 5;
/**
 * Elements: the attribute source range [DATA, DATA_END), or the index of a parsed attribute map in
 * DATA with DATA_END -1. Text: the index of the decoded text in DATA, or -1 when the text is the source.
 */
const DATA = 6;
const DATA_END = 7;
const FIELDS = 8;

/** The tag id of text nodes. */
const TEXT = -1;
const NONE = -1;
const DOCUMENT = tag('#document');
const EMPTY = new Int32Array(0);

/**
 * One node array is kept between pages (see HtmlTree.release): a page's array is about 100 KB, and
 * allocating and zeroing it anew for every page cost as much as building half the tree. Arrays larger than
 * this are left to the collector rather than kept.
 */
const MAX_SPARE_LENGTH = 1 << 21;
let spareNodes: Int32Array | null = null;

export class HtmlTree {
  readonly root: number;
  private nodes: Int32Array;
  private count = 0;
  /** Texts that differ from their source (character references decoded, or parse5's). */
  private readonly texts: string[] = [];
  private readonly attributeMaps: Record<string, string>[] = [];
  /** Ids of this page's tag names that are not known names (rare: most pages have none). */
  private ownTags: Map<string, number> | null = null;

  constructor(readonly source: string) {
    // Report pages hold about one node per 12 characters: most are read without growing the array.
    const length = FIELDS * Math.max(64, source.length >> 3);
    // Every field of a node is written when the node is added, so a used array needs no clearing.
    if (spareNodes !== null && spareNodes.length >= length) {
      this.nodes = spareNodes;
      spareNodes = null;
    } else this.nodes = new Int32Array(length);
    this.root = this.element(DOCUMENT, 0, source.length, 0, 0);
  }

  /** Hands the node array on to the next page's tree; this tree must not be read afterwards. */
  release(): void {
    if (
      this.nodes.length <= MAX_SPARE_LENGTH &&
      (spareNodes === null || spareNodes.length < this.nodes.length)
    )
      spareNodes = this.nodes;
    this.nodes = EMPTY;
    this.count = 0;
  }

  /** The id of a lower-case tag name. */
  tagId(name: string): number {
    const known = knownTagId(name);
    if (known >= 0) return known;
    this.ownTags ??= new Map();
    let id = this.ownTags.get(name);
    if (id === undefined) {
      id = KNOWN_TAG_COUNT + this.ownTags.size;
      this.ownTags.set(name, id);
    }
    return id;
  }

  isText(node: number): boolean {
    return this.nodes[node * FIELDS + TAG] === TEXT;
  }

  tag(node: number): number {
    return this.nodes[node * FIELDS + TAG]!;
  }

  /** Offset of the start tag (or of the token that implied the element), or of the text. */
  start(node: number): number {
    return this.nodes[node * FIELDS + START]!;
  }

  /** Offset one past the end tag, or where the element was implicitly closed. */
  end(node: number): number {
    return this.nodes[node * FIELDS + END]!;
  }

  setEnd(node: number, end: number): void {
    this.nodes[node * FIELDS + END] = end;
  }

  /** -1 when the element is empty. */
  firstChild(node: number): number {
    return this.nodes[node * FIELDS + FIRST_CHILD]!;
  }

  private lastChild(node: number): number {
    return this.nodes[node * FIELDS + LAST_CHILD]!;
  }

  /** -1 after the last child. */
  nextSibling(node: number): number {
    return this.nodes[node * FIELDS + NEXT_SIBLING]!;
  }

  /** A text node's text, character references decoded. */
  text(node: number): string {
    const at = node * FIELDS;
    const decoded = this.nodes[at + DATA]!;
    return decoded === NONE
      ? this.source.slice(this.nodes[at + START], this.nodes[at + END])
      : this.texts[decoded]!;
  }

  textLength(node: number): number {
    const at = node * FIELDS;
    const decoded = this.nodes[at + DATA]!;
    return decoded === NONE ? this.nodes[at + END]! - this.nodes[at + START]! : this.texts[decoded]!.length;
  }

  /** The attribute part of the start tag as written, or null when the attributes came parsed (parse5). */
  attributeSource(node: number): string | null {
    const at = node * FIELDS;
    const end = this.nodes[at + DATA_END]!;
    if (end < 0) return null;
    const start = this.nodes[at + DATA]!;
    return start === end ? '' : this.source.slice(start, end);
  }

  /**
   * The value of attribute `name` (lower-case), character references decoded; undefined when absent. The
   * first of duplicate names wins, as in HTML.
   */
  attribute(node: number, name: string): string | undefined {
    const at = node * FIELDS;
    const start = this.nodes[at + DATA]!;
    const end = this.nodes[at + DATA_END]!;
    if (end < 0) return this.attributeMaps[start]![name];
    const simple = simpleAttribute(this.source, start, end, name);
    return simple !== null ? simple : patternAttribute(this.source.slice(start, end), name);
  }

  /**
   * Attributes `first` and `second` (lower-case names) read in one pass, without cutting values out of the
   * page: `values[0]` and `values[1]` get the number when the value is written as one to nine ASCII digits
   * (`colspan="3"`), ABSENT, or NOT_DIGITS for any other value or spelling of the attributes (which
   * `attribute` then reads).
   */
  digitAttributes(node: number, first: string, second: string, values: Int32Array): void {
    const at = node * FIELDS;
    const end = this.nodes[at + DATA_END]!;
    values[0] = values[1] = ABSENT;
    if (end < 0 || !readDigitAttributes(this.source, this.nodes[at + DATA]!, end, first, second, values)) {
      values[0] = values[1] = NOT_DIGITS;
    }
  }

  /** A new element, not yet in the tree, with its attributes at source[attrStart, attrEnd). */
  element(tagId: number, start: number, end: number, attrStart: number, attrEnd: number): number {
    const node = this.add(tagId, start, end);
    this.nodes[node * FIELDS + DATA] = attrStart;
    this.nodes[node * FIELDS + DATA_END] = attrEnd;
    return node;
  }

  elementWithAttributes(
    tagId: number,
    start: number,
    end: number,
    attributes: Record<string, string>,
  ): number {
    const node = this.add(tagId, start, end);
    this.nodes[node * FIELDS + DATA] = this.attributeMaps.push(attributes) - 1;
    this.nodes[node * FIELDS + DATA_END] = -1;
    return node;
  }

  /** A new text node, not yet in the tree: source[start, end), or `decoded` when that differs from the source. */
  textNode(start: number, end: number, decoded: string | null): number {
    const node = this.add(TEXT, start, end);
    this.nodes[node * FIELDS + DATA] = decoded === null ? NONE : this.texts.push(decoded) - 1;
    this.nodes[node * FIELDS + DATA_END] = NONE;
    return node;
  }

  /** Appends text, joining it to a text node that ends where it starts (as the HTML tree builder does). */
  appendText(parent: number, start: number, end: number, decoded: string | null): void {
    const last = this.lastChild(parent);
    if (last === NONE || !this.isText(last) || this.end(last) !== start) {
      this.append(parent, this.textNode(start, end, decoded));
      return;
    }
    const at = last * FIELDS;
    const lastDecoded = this.nodes[at + DATA]!;
    if (lastDecoded !== NONE || decoded !== null) {
      const joined = this.text(last) + (decoded ?? this.source.slice(start, end));
      if (lastDecoded === NONE) this.nodes[at + DATA] = this.texts.push(joined) - 1;
      else this.texts[lastDecoded] = joined;
    }
    this.nodes[at + END] = end;
  }

  append(parent: number, child: number): void {
    const last = this.lastChild(parent);
    if (last === NONE) this.nodes[parent * FIELDS + FIRST_CHILD] = child;
    else this.nodes[last * FIELDS + NEXT_SIBLING] = child;
    this.nodes[parent * FIELDS + LAST_CHILD] = child;
  }

  /** Inserts `child` just before `sibling`, a child of `parent`. */
  insertBefore(parent: number, child: number, sibling: number): void {
    this.nodes[child * FIELDS + NEXT_SIBLING] = sibling;
    const first = this.firstChild(parent);
    if (first === sibling) {
      this.nodes[parent * FIELDS + FIRST_CHILD] = child;
      return;
    }
    let previous = first;
    while (this.nextSibling(previous) !== sibling) previous = this.nextSibling(previous);
    this.nodes[previous * FIELDS + NEXT_SIBLING] = child;
  }

  private add(tagId: number, start: number, end: number): number {
    if ((this.count + 1) * FIELDS > this.nodes.length) {
      const grown = new Int32Array(this.nodes.length * 2);
      grown.set(this.nodes);
      this.nodes = grown;
    }
    const node = this.count++;
    const at = node * FIELDS;
    this.nodes[at + TAG] = tagId;
    this.nodes[at + START] = start;
    this.nodes[at + END] = end;
    this.nodes[at + FIRST_CHILD] = NONE;
    this.nodes[at + LAST_CHILD] = NONE;
    this.nodes[at + NEXT_SIBLING] = NONE;
    return node;
  }
}

/**
 * Attribute `name` read from source[from, to) when the attributes there are all written in the common
 * form ` name="value" name2` (single spaces, plain names, double quotes): its value, or undefined when
 * absent. Null when they are written any other way, for the pattern to read (it agrees on this form).
 */
function simpleAttribute(source: string, from: number, to: number, name: string): string | undefined | null {
  let value: string | undefined;
  const simple = eachSimpleAttribute(source, from, to, (nameStart, nameEnd, valueStart, valueEnd) => {
    if (value !== undefined || !isName(source, nameStart, nameEnd, name)) return;
    value = valueStart < 0 ? '' : decodeAttributeValue(source.slice(valueStart, valueEnd));
  });
  return simple ? value : null;
}

/** What `digitAttributes` gives for an absent attribute. */
export const ABSENT = -1;
/** What `digitAttributes` gives when the value or the attributes are written any other way. */
export const NOT_DIGITS = -2;

/**
 * `simpleAttribute` for two names at once, for values of digits (see `digitAttributes`). False when the
 * attributes are not all written in the simple form, as the pattern would then read them.
 */
function readDigitAttributes(
  source: string,
  from: number,
  to: number,
  first: string,
  second: string,
  values: Int32Array,
): boolean {
  return eachSimpleAttribute(source, from, to, (nameStart, nameEnd, valueStart, valueEnd) => {
    // The first of duplicate names wins.
    const k =
      values[0] === ABSENT && isName(source, nameStart, nameEnd, first)
        ? 0
        : values[1] === ABSENT && isName(source, nameStart, nameEnd, second)
          ? 1
          : -1;
    if (k >= 0) values[k] = valueStart < 0 ? NOT_DIGITS : digitsValue(source, valueStart, valueEnd);
  });
}

/**
 * Each attribute of source[from, to) written ` name="value"` or ` name` (plain ASCII name, no character other
 * than one space before it): its name's range and its value's (-1, -1 when written bare). False as soon as
 * one is written any other way; the attributes before it have been visited.
 */
function eachSimpleAttribute(
  source: string,
  from: number,
  to: number,
  visit: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => void,
): boolean {
  let i = from;
  while (i < to) {
    if (source.charCodeAt(i) !== 0x20) return false;
    i++;
    const nameStart = i;
    while (i < to && isPlainNameCode(source.charCodeAt(i))) i++;
    if (i === nameStart) return false;
    const nameEnd = i;
    if (i < to && source.charCodeAt(i) === 0x3d /* = */) {
      if (i + 1 >= to || source.charCodeAt(i + 1) !== 0x22 /* " */) return false;
      const close = source.indexOf('"', i + 2);
      if (close < 0 || close >= to) return false;
      visit(nameStart, nameEnd, i + 2, close);
      i = close + 1;
    } else visit(nameStart, nameEnd, -1, -1);
  }
  return true;
}

/** The number source[from, to) spells in one to nine ASCII digits, else NOT_DIGITS. */
function digitsValue(source: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return NOT_DIGITS;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return NOT_DIGITS;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

/** Whether source[from, to), a plain ASCII name, is `name` in any case. */
function isName(source: string, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let k = 0; k < name.length; k++) {
    const c = source.charCodeAt(from + k);
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== name.charCodeAt(k)) return false;
  }
  return true;
}

const ATTRIBUTE = /([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Attribute `name` by the pattern, from any spelling of the attribute part of a start tag. */
function patternAttribute(source: string, name: string): string | undefined {
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(source); m; m = ATTRIBUTE.exec(source)) {
    if (m[1]!.toLowerCase() === name) return decodeAttributeValue(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return undefined;
}

/** ASCII letters, digits, `-` and `_`. */
function isPlainNameCode(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x5f
  );
}

/** Maps offsets to 1-based line numbers; built once per document. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  // Blocks are asked for in page order, mostly: the line found last, or the next, is usually the answer.
  let last = 0;
  return (offset) => {
    if (starts[last]! <= offset) {
      if (last + 1 === starts.length || offset < starts[last + 1]!) return last + 1;
      if (last + 2 === starts.length || offset < starts[last + 2]!) return ++last + 1;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    last = lo;
    return lo + 1;
  };
}
