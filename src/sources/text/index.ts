/**
 * Reader for plain text reports (.txt, .md, crawler dumps): decode the bytes, then rebuild paragraphs and
 * table cells from the layout (see layout.ts). Tables written as HTML inside the text (Markdown from PDF
 * converters) are read by the HTML reader (embedded-tables.ts).
 */
import type { Block, Document } from '../../document/index.ts';
import { decodeText } from '../encoding.ts';
import type { Reader } from '../reader.ts';
import {
  blankTableBlocks,
  findTableBlocks,
  LineCounter,
  mayHoldTableBlocks,
  readTableBlock,
} from './embedded-tables.ts';
import { textToDocument as linesToDocument } from './layout.ts';

export const readText: Reader = (bytes) => {
  const { text, messages } = decodeText(bytes);
  return { document: textToDocument(text), kind: 'text', messages };
};

export function textToDocument(text: string): Document {
  const tables = mayHoldTableBlocks(text) ? findTableBlocks(text) : [];
  if (tables.length === 0) return linesToDocument(text);
  const around = linesToDocument(blankTableBlocks(text, tables)).blocks;
  const blocks: Block[] = [];
  const lines = new LineCounter(text);
  let next = 0;
  for (const table of tables) {
    while (next < around.length && around[next]!.span.start < table.start) blocks.push(around[next++]!);
    blocks.push(...readTableBlock(text, table, lines));
  }
  blocks.push(...around.slice(next));
  return { blocks, text };
}
