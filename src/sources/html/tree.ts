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
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(source); m; m = ATTRIBUTE.exec(source)) {
    const name = m[1]!.toLowerCase();
    if (name in attrs) continue;
    attrs[name] = decodeAttributeValue(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
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
