/**
 * The standard-conforming path: parse5 builds the tree, converted to the reader's small tree.
 * Used when the fast builder declines a page (see light-parser.ts), and by the tests as the
 * reference the fast builder is checked against.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { element, type HtmlElement } from './tree.ts';

type Parse5Parent = DefaultTreeAdapterMap['parentNode'];

export function parseSpec(html: string): HtmlElement {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const root = element('#document', {}, 0, html.length);
  // Iterative: a page nested 50,000 levels deep must not exhaust the call stack.
  const work: [Parse5Parent, HtmlElement][] = [[document, root]];
  for (let item = work.pop(); item; item = work.pop()) {
    const [from, to] = item;
    for (const child of from.childNodes) {
      const location = child.sourceCodeLocation;
      const start = location?.startOffset ?? to.start;
      const end = location?.endOffset ?? to.end;
      if (child.nodeName === '#text') {
        to.children.push({
          type: 'text',
          text: (child as DefaultTreeAdapterMap['textNode']).value,
          start,
          end,
        });
      } else if ('tagName' in child) {
        const attrs: Record<string, string> = {};
        for (const a of child.attrs) if (!(a.name in attrs)) attrs[a.name] = a.value;
        const el = element(child.tagName, attrs, start, end);
        to.children.push(el);
        work.push([child, el]);
      }
    }
  }
  return root;
}
