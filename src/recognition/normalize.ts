/**
 * Length-preserving normalisation of report text: full-width ASCII to half-width, the many dashes and
 * minus signs to '-', ideographic space to space. One character in, one character out, so offsets into
 * normalised text are offsets into the source.
 */
import { isJsSpace } from '../document/index.ts';

export function normalizeChar(code: number): number {
  // Most report text is Chinese: nothing in U+3001..U+FE62 (nor below U+00A0) is mapped, tell that first.
  // The test alone is small enough to be inlined into the loops that call it for every character.
  return code < 0xa0 || (code > 0x3000 && code < 0xfe63) ? code : mappedChar(code);
}

/** normalizeChar() of a character outside the ranges nothing is mapped in. */
function mappedChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0; // full-width ASCII block
  switch (code) {
    case 0x3000: // ideographic space
    case 0x00a0: // no-break space
    case 0x2002:
    case 0x2003:
    case 0x2009:
    case 0x200b:
    case 0xfeff:
      return 0x20;
    case 0x2212: // minus sign
    case 0x2013: // en dash
    case 0x2014: // em dash
    case 0x2015:
    case 0x2500:
    case 0xfe63:
      return 0x2d;
    case 0x3002: // 。 stays; listed for clarity of what is *not* mapped
      return code;
    case 0xff0e:
      return 0x2e;
    default:
      return code;
  }
}

/** Characters normalizeChar changes: tested first so that most text passes through untouched. */
const MAPPED =
  /[\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\u2212\u2013\u2014\u2015\u2500\ufe63]/g;

export function normalize(text: string): string {
  MAPPED.lastIndex = 0;
  if (!MAPPED.test(text)) return text;
  // Code by code rather than replace() with a callback: web pages print every digit full-width.
  const codes = codeBuffer(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = normalizeChar(text.charCodeAt(i));
  return stringOf(codes, text.length);
}

/** Longer strings than this are spelled in a buffer of their own, so that the shared one stays small. */
const SHARED_CODES = 1 << 16;
let sharedCodes = new Uint16Array(1024);
/** The shared buffer's bytes, viewed once: strings are decoded out of it without making a Buffer each time. */
let sharedBytes = bytesOf(sharedCodes);

function bytesOf(codes: Uint16Array): Buffer {
  return Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength);
}

/**
 * A buffer to spell a string of up to `length` codes into before stringOf() copies it out. Strings are made
 * one at a time and copied at once, so one buffer serves them all: a typed array allocated per string costs
 * more than filling it.
 */
export function codeBuffer(length: number): Uint16Array {
  if (length > SHARED_CODES) return new Uint16Array(length);
  if (sharedCodes.length < length) {
    sharedCodes = new Uint16Array(Math.min(SHARED_CODES, length * 2));
    sharedBytes = bytesOf(sharedCodes);
  }
  return sharedCodes;
}

/** Typed arrays hold their code units in the machine's byte order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The string of the first n UTF-16 code units. Decoding the bytes as UTF-16LE copies them as they are (lone
 * surrogates included) and costs a fraction of String.fromCharCode over spread arguments.
 */
export function stringOf(codes: Uint16Array, n: number): string {
  if (LITTLE_ENDIAN)
    return (codes === sharedCodes ? sharedBytes : bytesOf(codes)).toString('utf16le', 0, n * 2);
  let s = '';
  const CHUNK = 8192;
  for (let i = 0; i < n; i += CHUNK) {
    s += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  }
  return s;
}

/**
 * What compact() removes once the text is normalised: the white space of a regexp's \s, and U+200B.
 * (Normalising already turns U+3000, U+00A0, U+2002/3/9, U+200B and U+FEFF into plain spaces.)
 */
export function isCompactSpace(c: number): boolean {
  return c === 0x200b || isJsSpace(c);
}

/**
 * Normalised and with all white space removed: the form labels are matched in. One pass over the codes
 * instead of a test, a copy and a replace(): it runs on most pieces and on the whole label text.
 */
export function compact(text: string): string {
  // Most short pieces need nothing: find the first character that changes or goes before copying.
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (normalizeChar(c) !== c || isCompactSpace(c)) break;
    i++;
  }
  if (i === text.length) return text;
  const codes = codeBuffer(text.length - i);
  let n = 0;
  for (let k = i; k < text.length; k++) {
    const c = normalizeChar(text.charCodeAt(k));
    if (!isCompactSpace(c)) codes[n++] = c;
  }
  const rest = stringOf(codes, n);
  return i === 0 ? rest : text.slice(0, i) + rest;
}

/** Texts up to this long are searched for a character by a loop (see indexOfChar). */
const SHORT_TEXT = 64;

/**
 * text.indexOf(char, from) for a single code unit `char`. Short texts (most pieces of a report are a value or
 * a label) are looked through by a loop: a call of indexOf() or includes() costs more than that on them.
 */
export function indexOfChar(text: string, char: string, from = 0): number {
  if (text.length - from > SHORT_TEXT) return text.indexOf(char, from);
  const code = char.charCodeAt(0);
  for (let i = from; i < text.length; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** ASCII white space: the space and U+0009..U+000D (one comparison for the Chinese text most is). */
export function isSpaceCode(c: number): boolean {
  return c <= 0x20 && (c === 0x20 || (c >= 0x09 && c <= 0x0d));
}

export function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  O: 0,
  o: 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 「二〇二一」 → 2021 (digit by digit, as years are written). */
export function chineseYear(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    const d = CN_DIGITS[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

/** 「十二」「二十八」「三十一」「九」 → 12, 28, 31, 9 (months and days). */
export function chineseSmallNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二三四五六七八九两]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!m || text === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return ones || !tens ? null : CN_DIGITS[tens]!;
  return (tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0);
}
