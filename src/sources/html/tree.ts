/**
 * The small element tree both HTML parsers build and the block walker reads.
 * Offsets point into the decoded HTML text, like parse5's source locations.
 */
import { decodeAttributeValue } from './entities.ts';

export interface HtmlElement {
  type: 'element';
  /** Lower-case tag name. */
  tag: string;
  /** Raw attribute source until first asked for, then the parsed map (most elements are never asked). */
  attrs: string | Record<string, string>;
  children: HtmlNode[];
  /** Offset of the start tag (or of the token that implied the element). */
  start: number;
  /** Offset one past the end tag, or where the element was implicitly closed. */
  end: number;
}

export interface HtmlText {
  type: 'text';
  /** Text with character references decoded. */
  text: string;
  start: number;
  end: number;
}

export type HtmlNode = HtmlElement | HtmlText;

export function element(tag: string, attrs: HtmlElement['attrs'], start: number, end = start): HtmlElement {
  return { type: 'element', tag, attrs, children: [], start, end };
}

export function attribute(el: HtmlElement, name: string): string | null {
  if (typeof el.attrs === 'string') el.attrs = parseAttributes(el.attrs);
  return el.attrs[name] ?? null;
}

const ATTRIBUTE = /([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Parses the attribute part of a start tag; the first of duplicate names wins, as in HTML. */
function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (source === '') return attrs;
  if (parseSimpleAttributes(source, attrs)) return attrs;
  for (const name in attrs) delete attrs[name];
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(source); m; m = ATTRIBUTE.exec(source)) {
    const name = m[1]!.toLowerCase();
    if (name in attrs) continue;
    attrs[name] = decodeAttributeValue(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/**
 * The common form ` name="value" name2` (single spaces, plain names, double quotes), read without the
 * pattern, with the same result; false (and `attrs` to be discarded) for any other form.
 */
function parseSimpleAttributes(source: string, attrs: Record<string, string>): boolean {
  let i = 0;
  while (i < source.length) {
    if (source.charCodeAt(i) !== 0x20) return false;
    i++;
    const nameStart = i;
    while (i < source.length && isPlainNameCode(source.charCodeAt(i))) i++;
    if (i === nameStart) return false;
    const name = source.slice(nameStart, i).toLowerCase();
    let value = '';
    if (source.charCodeAt(i) === 0x3d /* = */) {
      if (source.charCodeAt(i + 1) !== 0x22 /* " */) return false;
      const close = source.indexOf('"', i + 2);
      if (close < 0) return false;
      value = source.slice(i + 2, close);
      i = close + 1;
    }
    if (!(name in attrs)) attrs[name] = decodeAttributeValue(value);
  }
  return true;
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
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** A set of tag names written as one space-separated list. */
export function tagSet(names: string): Set<string> {
  return new Set(names.split(' '));
}
