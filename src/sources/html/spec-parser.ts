/**
 * The standard-conforming path: parse5 builds the tree, converted to the reader's small tree.
 * Used when the fast builder declines a page (see light-parser.ts), and by the tests as the
 * reference the fast builder is checked against.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { HtmlTree } from './tree.ts';

type Parse5Parent = DefaultTreeAdapterMap['parentNode'];

export function parseSpec(html: string): HtmlTree {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const tree = new HtmlTree(html);
  // Iterative: a page nested 50,000 levels deep must not exhaust the call stack.
  const work: [Parse5Parent, number][] = [[document, tree.root]];
  for (let item = work.pop(); item; item = work.pop()) {
    const [from, to] = item;
    for (const child of from.childNodes) {
      const location = child.sourceCodeLocation;
      const start = location?.startOffset ?? tree.start(to);
      const end = location?.endOffset ?? tree.end(to);
      if (child.nodeName === '#text') {
        tree.append(to, tree.textNode(start, end, (child as DefaultTreeAdapterMap['textNode']).value));
      } else if ('tagName' in child) {
        const attrs: Record<string, string> = {};
        for (const a of child.attrs) if (!(a.name in attrs)) attrs[a.name] = a.value;
        const el = tree.elementWithAttributes(tree.tagId(child.tagName), start, end, attrs);
        tree.append(to, el);
        work.push([child, el]);
      }
    }
  }
  return tree;
}
