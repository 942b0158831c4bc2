/**
 * Bytes → text for every text-like source. Detects the encoding from the bytes themselves
 * (BOM, UTF-16 NUL pattern, strict UTF-8, else GB18030) and treats a declared charset as a hint.
 * Line endings are left alone: reader spans are offsets into exactly the text returned here.
 */
import { isUtf8, transcode } from 'node:buffer';
import { UnusableInputError, finding, type Finding } from '../diagnostics/index.ts';

export interface DecodedText {
  text: string;
  /** WHATWG name of the decoder used: `utf-8`, `utf-16le`, `utf-16be`, `gb18030`, or an honoured declared one. */
  encoding: string;
  messages: Finding[];
}

/** GB2312 and GBK are subsets of GB18030, so one decoder serves the whole family. */
const GB_FAMILY = new Set(['gbk', 'gb18030']);

/**
 * Declared encodings other than the GB family that a Chinese government page may honestly use.
 * Anything else declared (windows-1252, iso-8859-1, …) on non-UTF-8 bytes is a mislabelled GBK page.
 */
const HONOURED_LEGACY = new Set(['big5', 'shift_jis', 'euc-jp', 'euc-kr', 'iso-2022-jp']);

/** How many leading bytes the cheap heuristics look at; reports put their character early. */
const SAMPLE_BYTES = 8192;

const utf8Decoder = new TextDecoder('utf-8');
const gbDecoder = new TextDecoder('gb18030');

/**
 * Text of bytes already known to be valid UTF-8. ICU's transcoding to UTF-16 and a copy of its code units
 * cost about a tenth of `TextDecoder` (or `Buffer#toString`) on a 16 KB page of Chinese: those build the
 * string character by character. (ICU is there: the GB18030 decoder needs it too.) Bytes that start with a
 * BOM still go through the TextDecoder, which drops it.
 */
function decodeValidUtf8(bytes: Uint8Array): string {
  const startsWithBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (startsWithBom) return utf8Decoder.decode(bytes);
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return transcode(view, 'utf8', 'utf16le').toString('utf16le');
}

/** A declared charset: its WHATWG name for decoding, the label as written for messages. */
interface Declared {
  name: string;
  label: string;
}

export function decodeText(bytes: Uint8Array, declared?: string | null): DecodedText {
  if (bytes.length === 0) throw emptyInput();
  const name = canonicalEncoding(declared);
  const result = decodeBytes(bytes, name && declared ? { name, label: declared.trim() } : null);
  // `\S` treats U+3000 and U+00A0 as space too: a page of ideographic spaces is still empty.
  if (!/\S/.test(result.text)) throw emptyInput();
  return result;
}

function decodeBytes(bytes: Uint8Array, declared: Declared | null): DecodedText {
  const bom = byteOrderMark(bytes);
  if (bom) return decodeWithBom(bytes, bom, declared);

  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.indexOf(0) !== -1) {
    const utf16 = utf16ByNulPattern(bytes);
    if (utf16) return checked(decodeWith(utf16, bytes));
    // Some crawlers pad files with NULs; only NULs inside the content mean binary.
    const content = withoutTrailingNuls(bytes);
    if (content.length === 0) throw emptyInput();
    if (content.length === bytes.length || view.subarray(0, content.length).indexOf(0) !== -1)
      throw binaryInput();
    return decodeBytes(content, declared);
  }
  if (controlRatio(bytes) > 0.05) throw binaryInput();

  if (isUtf8(bytes)) return decodedUtf8(decodeValidUtf8(bytes), declared);
  return checked(decodeNonUtf8(bytes, declared));
}

/** Valid UTF-8 is honoured whatever was declared: legacy bytes with CJK are almost never valid UTF-8. */
function decodedUtf8(text: string, declared: Declared | null): DecodedText {
  if (!declared || declared.name === 'utf-8') return { text, encoding: 'utf-8', messages: [] };
  // Pure ASCII agrees with every ASCII-compatible declaration, so the declaration stands.
  if (isAsciiOnly(text))
    return { text, encoding: declared.name.startsWith('utf-16') ? 'utf-8' : declared.name, messages: [] };
  return {
    text,
    encoding: 'utf-8',
    messages: [
      finding(
        'read.encoding.overridden',
        'info',
        `文件声明的编码为 ${declared.label}，但内容是有效的 UTF-8，已按 UTF-8 解码`,
      ),
    ],
  };
}

function decodeNonUtf8(bytes: Uint8Array, declared: Declared | null): DecodedText {
  const { valid, invalid } = countUtf8Sequences(bytes);
  // GBK text happens to contain valid UTF-8 sequences at roughly 15–20 % of its invalid ones;
  // more valid than invalid means a UTF-8 file with a foreign fragment.
  if (valid > invalid) {
    return {
      text: utf8Decoder.decode(bytes),
      encoding: 'utf-8',
      messages: [
        finding(
          'read.encoding.mixed',
          'warning',
          `文件主要为 UTF-8 编码，但有 ${invalid} 处字节不是 UTF-8（可能混有 GBK 片段），已按 UTF-8 解码，这些位置显示为“�”`,
        ),
      ],
    };
  }

  if (declared && HONOURED_LEGACY.has(declared.name)) {
    const text = decodeStrict(declared.name, bytes);
    if (text !== null) return { text, encoding: declared.name, messages: [] };
  }

  const messages: Finding[] = [];
  if (!declared) {
    messages.push(finding('read.encoding.detected', 'info', '文件不是 UTF-8 编码，已按 GB18030（GBK）解码'));
  } else if (!GB_FAMILY.has(declared.name)) {
    messages.push(
      finding(
        'read.encoding.overridden',
        'info',
        `文件声明的编码为 ${declared.label}，但内容不符，已按 GB18030（GBK）解码`,
      ),
    );
  }
  if (valid > invalid * 0.5) {
    messages.push(
      finding(
        'read.encoding.mixed',
        'warning',
        `文件主要为 GB18030（GBK）编码，但含有较多 UTF-8 字节序列（可能混有 UTF-8 片段），部分文字可能显示为乱码`,
      ),
    );
  }
  return { text: gbDecoder.decode(bytes), encoding: 'gb18030', messages };
}

type Bom = 'utf-8' | 'utf-16le' | 'utf-16be';

function byteOrderMark(bytes: Uint8Array): Bom | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** A BOM outranks any declaration (as in the WHATWG encoding sniffing algorithm). */
function decodeWithBom(bytes: Uint8Array, bom: Bom, declared: Declared | null): DecodedText {
  const body = bytes.subarray(bom === 'utf-8' ? 3 : 2);
  if (bom === 'utf-8') {
    if (body.length === 0) throw emptyInput();
    if (isUtf8(body)) return decodedUtf8(decodeValidUtf8(body), declared);
    return checked({
      text: utf8Decoder.decode(body),
      encoding: 'utf-8',
      messages: [
        finding(
          'read.encoding.mixed',
          'warning',
          '文件标明为 UTF-8 编码，但含有不是 UTF-8 的字节（可能混有 GBK 片段），这些位置显示为“�”',
        ),
      ],
    });
  }
  return checked(decodeWith(bom, body));
}

function decodeWith(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array): DecodedText {
  return { text: new TextDecoder(encoding).decode(bytes), encoding, messages: [] };
}

/**
 * UTF-16 without a BOM: ASCII characters (digits, punctuation, line breaks, which every report has)
 * put a NUL in their high byte, so NULs cluster at odd offsets (LE) or even offsets (BE).
 */
export function utf16ByNulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (pairs === 0) return null;
  // CJK code units have a zero low byte now and then (开 U+5F00), hence the tolerance on the other side.
  if (odd >= pairs * 0.1 && even <= odd * 0.25) return 'utf-16le';
  if (even >= pairs * 0.1 && odd <= even * 0.25) return 'utf-16be';
  return null;
}

/** Share of C0 control bytes other than tab, LF, VT, FF, CR and ESC in the sample. */
function controlRatio(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1b) controls++;
  }
  return controls / n;
}

/** Counts well-formed multi-byte UTF-8 sequences and bytes that start none. */
function countUtf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= n;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * After a lenient decode: many replacement or control characters mean the bytes were never text.
 * Thresholds are loose on purpose: a real report with a damaged fragment must still be read.
 */
function checked(result: DecodedText): DecodedText {
  const text = result.text;
  const n = Math.min(text.length, SAMPLE_BYTES);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || c === 0 || (c < 0x20 && (c < 0x09 || c > 0x0d) && c !== 0x1b)) bad++;
  }
  if (n > 0 && bad / n > 0.1) throw binaryInput();
  return result;
}

function withoutTrailingNuls(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

function decodeStrict(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** WHATWG canonical name for a charset label (`gb2312` → `gbk`), or null when unknown or absent. */
function canonicalEncoding(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function isAsciiOnly(text: string): boolean {
  return !/[^\x00-\x7f]/.test(text);
}

function emptyInput(): UnusableInputError {
  return new UnusableInputError('input.empty', '文件为空', 'file is empty');
}

function binaryInput(): UnusableInputError {
  return new UnusableInputError(
    'input.binary',
    '不是文本文件（二进制内容）',
    'not a text file (binary content)',
  );
}
