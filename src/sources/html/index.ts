/**
 * The HTML reader: a crawled report page (whole CMS page or bare fragment) → Document.
 * Document.text is the decoded page; every block and cell points into it.
 */
import { UnusableInputError, finding, type Finding } from '../../diagnostics/index.ts';
import type { Block } from '../../document/index.ts';
import { decodeText } from '../encoding.ts';
import type { Reader } from '../reader.ts';
import { pageBlocks } from './blocks.ts';
import { declaredCharset } from './charset.ts';
import { parseLight } from './light-parser.ts';
import { parseSpec } from './spec-parser.ts';

export const readHtml: Reader = (bytes) => {
  const decoded = decodeText(bytes, declaredCharset(bytes));
  const text = decoded.text;
  const { blocks, dropped } = htmlBlocks(text);
  if (blocks.length === 0) {
    throw new UnusableInputError('input.noText', '网页中没有可读的文字', 'the web page has no readable text');
  }
  const messages: Finding[] = [...decoded.messages];
  if (dropped > 0) {
    messages.push(
      finding(
        'read.html.chromeDropped',
        'info',
        `已略去网页的导航、页眉页脚、分享栏或隐藏内容共 ${dropped} 处`,
      ),
    );
  }
  return { document: { blocks, text }, kind: 'html', messages };
};

/**
 * The blocks of decoded HTML, spans pointing into it, and how many parts of the page were dropped as chrome.
 * Also reads the tables written as HTML inside a text file (text/embedded-tables.ts).
 */
export function htmlBlocks(text: string): { blocks: Block[]; dropped: number } {
  const tree = parseLight(text) ?? parseSpec(text);
  const result = pageBlocks(tree, text);
  tree.release();
  return result;
}
