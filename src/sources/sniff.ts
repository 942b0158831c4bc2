/**
 * What kind of file this is, judged by its bytes first and its name last: crawled reports often
 * carry the wrong extension (a Word "HTML" saved as .doc, a text dump saved as .pdf).
 */
import { extname } from 'node:path';
import { utf16ByNulPattern } from './encoding.ts';

export type SniffedKind =
  'text' | 'html' | 'pdf' | 'docx' | 'odf' | 'zip' | 'ole' | 'rtf' | 'image' | 'binary' | 'empty';

/** How far into the file content checks look (HTML markers, PDF header after junk). */
const HEAD_BYTES = 4096;

const HTML_EXTENSIONS = new Set([
  '.htm',
  '.html',
  '.shtml',
  '.xhtml',
  '.mht',
  '.asp',
  '.aspx',
  '.jsp',
  '.php',
]);
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.tif', '.tiff', '.bmp', '.webp']);

export function sniff(bytes: Uint8Array, name: string): SniffedKind {
  const magic = byMagic(bytes);
  if (magic) return magic;

  const ext = extname(name).toLowerCase();
  const head = headText(bytes);
  if (head === null) return IMAGE_EXTENSIONS.has(ext) ? 'image' : 'binary';
  if (!/\S/.test(head.replace(/^(?:\ufeff|ï»¿)/, '')) && bytes.length <= HEAD_BYTES) return 'empty';
  // Every HTML test below needs a tag; most text reports have no `<` at all.
  if (!head.includes('<')) return 'text';
  if (isTextWithTables(head)) return 'text';
  if (looksLikeHtml(head)) return 'html';
  // Tie-breaker: an .html file that is a bare fragment (text with a few tags) is still HTML.
  if (HTML_EXTENSIONS.has(ext) && /<[a-z!/]/i.test(head)) return 'html';
  return 'text';
}

function byMagic(bytes: Uint8Array): SniffedKind | null {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return zipKind(bytes);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf';
  if (isImage(bytes)) return 'image';
  // PDF readers accept a header anywhere in the first KB (after e.g. an HTTP preamble).
  if (indexOfAscii(bytes, '%PDF-', 1024) !== -1) return 'pdf';
  return null;
}

function isImage(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && indexOfAscii(bytes.subarray(8, 12), 'WEBP', 4) === 0)
  );
}

/**
 * The first bytes as text good enough for markup checks, or null when they are binary.
 * Markup is ASCII, so UTF-8 and GBK can both be read as Latin-1 here; UTF-16 is decoded.
 */
function headText(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, HEAD_BYTES);
  const nul = head.indexOf(0);
  const utf16 = utf16Encoding(head, nul !== -1);
  if (utf16) return new TextDecoder(utf16).decode(head.subarray(0, head.length & ~1));
  // Trailing NUL padding does not make a file binary (see decodeText).
  if (nul !== -1 && head.subarray(nul).some((b) => b !== 0)) return null;
  return Buffer.from(head.buffer, head.byteOffset, nul === -1 ? head.length : nul).toString('latin1');
}

/** Without a BOM, UTF-16 is told by its NULs: a head without any is not UTF-16, and need not be counted. */
function utf16Encoding(head: Uint8Array, hasNul: boolean): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return hasNul ? utf16ByNulPattern(head) : null;
}

/** A table block as text/embedded-tables.ts reads it; one the head cuts off runs to the head's end. */
const TABLE_BLOCK =
  /(?:<html>\s*<body>\s*)?<table[\s>][\s\S]*?(?:<\/table>(?:\s*<\/body>)?(?:\s*<\/html>)?|$)/gi;

/**
 * Text with tables written as HTML blocks (Markdown from PDF converters: MinerU, pandoc): lines of text
 * around the tables, and no tag anywhere else. The text reader reads it, its tables through the HTML
 * reader; an HTML page, or a bare table with nothing around it, has tags or nothing outside its tables.
 */
function isTextWithTables(head: string): boolean {
  if (!/<table[\s>]/i.test(head)) return false;
  const outside = head.replace(TABLE_BLOCK, '\n');
  return !/<[a-z!/?]/i.test(outside) && /\S/.test(outside.replace(/^ï»¿/, ''));
}

const HTML_START = /^<(?:!doctype\s+html|html|head|body|meta|title|table|div|p)[\s>/]/i;
const HTML_INSIDE = /<(?:html|body|table)[\s>]/i;

/**
 * An HTML document starts (after BOM, whitespace, comments and an XML declaration) with a tag
 * from HTML_START — or carries <html>/<body>/<table> early, after a crawler's preamble.
 */
function looksLikeHtml(head: string): boolean {
  const start = head.replace(/^(?:\ufeff|ï»¿|\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, '');
  return HTML_START.test(start) || HTML_INSIDE.test(head);
}

/**
 * DOCX is a ZIP whose entries include word/document.xml; an OpenDocument file starts with a stored
 * `mimetype` entry naming its type. The central directory (at the end) lists every name; when it cannot be
 * found, the local headers are searched instead.
 */
function zipKind(bytes: Uint8Array): SniffedKind {
  const names = centralDirectoryNames(bytes, 256);
  const hasWord = names
    ? names.includes('word/document.xml')
    : indexOfAscii(bytes, 'word/document.xml', bytes.length) !== -1;
  if (hasWord) return 'docx';
  if (indexOfAscii(bytes, 'mimetypeapplication/vnd.oasis.opendocument.', 128) !== -1) return 'odf';
  return 'zip';
}

function centralDirectoryNames(bytes: Uint8Array, limit: number): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End-of-central-directory record: 22 bytes plus a comment of at most 65535 bytes.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  for (let k = 0; k < Math.min(count, limit); k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString('latin1'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function indexOfAscii(bytes: Uint8Array, needle: string, within: number): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, within));
  return view.indexOf(needle, 0, 'latin1');
}
