/**
 * Reader for plain text reports (.txt, .md, crawler dumps): decode the bytes, then rebuild paragraphs and
 * table cells from the layout (see layout.ts).
 */
import { decodeText } from '../encoding.ts';
import type { Reader } from '../reader.ts';
import { textToDocument } from './layout.ts';

export const readText: Reader = (bytes) => {
  const { text, messages } = decodeText(bytes);
  return { document: textToDocument(text), kind: 'text', messages };
};

export { textToDocument };
