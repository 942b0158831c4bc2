/**
 * Reader for plain text reports (.txt, .md, crawler dumps): decode the bytes, then rebuild paragraphs and
 * table cells from the layout (see layout.ts). Tables written as HTML inside the text (Markdown from PDF
 * converters) are read by the HTML reader (embedded-tables.ts).
 */
import type { Block, Document } from '../../document/index.ts';
import { decodeText } from '../encoding.ts';
import type { Reader } from '../reader.ts';
import {
  findTableBlocks,
  mayHoldTableBlocks,
  readTableBlocks,
  withoutTableBlocks,
} from './embedded-tables.ts';
import { textToDocument as linesToDocument } from './layout.ts';

export const readText: Reader = (bytes) => {
  const { text, messages } = decodeText(bytes);
  return { document: textToDocument(text), kind: 'text', messages };
};

export function textToDocument(text: string): Document {
  const tables = mayHoldTableBlocks(text) ? findTableBlocks(text) : [];
  if (tables.length === 0) return linesToDocument(text);
  const lines = linesToDocument(withoutTableBlocks(text, tables), tables).blocks;
  const html = readTableBlocks(text, tables);
  // Both lists are in text order and never overlap: merge them.
  const blocks: Block[] = [];
  let i = 0;
  let j = 0;
  while (i < lines.length || j < html.length) {
    const takeLine = j >= html.length || (i < lines.length && lines[i]!.span.start < html[j]!.span.start);
    blocks.push(takeLine ? lines[i++]! : html[j++]!);
  }
  return { blocks, text };
}
