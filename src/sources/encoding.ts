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

/**
 * Bytes that should be UTF-8 (the XML parts of an Office file): the fast path when they are valid, else the
 * TextDecoder, which puts U+FFFD where they are not. A leading BOM is dropped either way.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return isUtf8(bytes) ? decodeValidUtf8(bytes) : utf8Decoder.decode(bytes);
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
  // Read four bytes at a time from an aligned offset: only words holding a byte below 0x20 (in text, mostly
  // a line break) are looked at byte by byte.
  const aligned = (4 - (bytes.byteOffset & 3)) & 3;
  if (n < aligned + 4) return countControls(bytes, 0, n) / n;
  let controls = countControls(bytes, 0, aligned);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + aligned, (n - aligned) >> 2);
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    // Non-zero exactly when some byte of w is below 0x20 (the "hasless" bit trick).
    if (((w - 0x20202020) & ~w & 0x80808080) !== 0) {
      const at = aligned + k * 4;
      controls += countControls(bytes, at, at + 4);
    }
  }
  return (controls + countControls(bytes, aligned + words.length * 4, n)) / n;
}

function countControls(bytes: Uint8Array, from: number, to: number): number {
  let controls = 0;
  for (let i = from; i < to; i++) controls += IS_CONTROL[bytes[i]!]!;
  return controls;
}

const IS_CONTROL = new Uint8Array(256).map((_, b) =>
  b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1b ? 1 : 0,
);

/**
 * Counts well-formed multi-byte UTF-8 sequences (a lead byte C2–F4 and its continuation bytes) and the bytes
 * outside them. A byte that breaks a sequence counts its lead and the continuations before it as invalid and
 * is read again as a lead; this is what reading on from the byte after a failed lead would count, since
 * continuation bytes start nothing. The states are in a table so the loop has no data-dependent branch:
 * GBK text, which is what this is run on, sends the branches of a byte-by-byte parser the wrong way half the time.
 */
function countUtf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let state = 0;
  for (let i = 0; i < bytes.length; i++) {
    const step = UTF8_STEPS[(state << 8) | bytes[i]!]!;
    state = step & 7;
    valid += (step >> 3) & 1;
    invalid += step >> 4;
  }
  // A sequence cut off by the end: its lead and continuations so far.
  return { valid, invalid: invalid + (state === 0 ? 0 : 1 + SEEN[state]!) };
}

/**
 * Per counting state, continuation bytes still expected and already seen. State 0 is between sequences, 1 after
 * a two-byte lead, 2–3 inside a three-byte sequence, 4–6 inside a four-byte one.
 */
const EXPECTED = [0, 1, 2, 1, 3, 2, 1];
const SEEN = [0, 0, 0, 1, 0, 1, 2];

/** For each state and byte: the next state (bits 0–2), a sequence completed (bit 3), invalid bytes (bits 4–7). */
const UTF8_STEPS = buildUtf8Steps();

function buildUtf8Steps(): Uint8Array {
  const steps = new Uint8Array(7 * 256);
  // From state 0: ASCII stays, a lead expects its continuations, any other byte is invalid.
  const fromStart = (b: number): { state: number; invalid: number } => {
    if (b < 0x80) return { state: 0, invalid: 0 };
    if (b >= 0xc2 && b <= 0xdf) return { state: 1, invalid: 0 };
    if (b >= 0xe0 && b <= 0xef) return { state: 2, invalid: 0 };
    if (b >= 0xf0 && b <= 0xf4) return { state: 4, invalid: 0 };
    return { state: 0, invalid: 1 };
  };
  for (let state = 0; state < 7; state++) {
    for (let b = 0; b < 256; b++) {
      let next: number;
      let completed = 0;
      let invalid = 0;
      if (state > 0 && (b & 0xc0) === 0x80) {
        next = EXPECTED[state] === 1 ? 0 : state + 1;
        completed = next === 0 ? 1 : 0;
      } else {
        const start = fromStart(b);
        next = start.state;
        invalid = start.invalid + (state === 0 ? 0 : 1 + SEEN[state]!);
      }
      steps[(state << 8) | b] = next | (completed << 3) | (invalid << 4);
    }
  }
  return steps;
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
