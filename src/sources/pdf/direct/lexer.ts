/**
 * PDF tokens and objects from bytes, for the file structure and for content streams. Strict where pdf.js is
 * lenient: a number, string or name it would have to guess about is a Decline, never a guess.
 */
import { Keyword, Name, Ref, Stream, decline, type Dict, type PdfValue } from './objects.ts';

/** Byte classes: 1 whitespace, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

/** Markers for the structural tokens. */
export const ARRAY_START = Keyword.get('[');
export const ARRAY_END = Keyword.get(']');
export const DICT_START = Keyword.get('<<');
export const DICT_END = Keyword.get('>>');
export const EOF = Keyword.get('%EOF-marker');

const KEYWORD_R = Keyword.get('R');
/** Arrays and dictionaries nested deeper than this are not a real document. */
const MAX_NESTING = 64;
/** Elements in one array or dictionary. */
const MAX_ELEMENTS = 1_000_000;

export class Lexer {
  pos: number;
  constructor(
    readonly data: Uint8Array,
    start = 0,
    readonly end = data.length,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    const d = this.data;
    const end = this.end;
    let p = this.pos;
    while (p < end) {
      const c = d[p]!;
      if (CLASS[c] === 1) p++;
      else if (c === 0x25) {
        // A comment runs to the end of the line.
        while (p < end && d[p] !== 0x0a && d[p] !== 0x0d) p++;
      } else break;
    }
    this.pos = p;
  }

  /** The next token: a value, a keyword, or one of the structural markers. */
  token(): PdfValue {
    this.skipSpace();
    const d = this.data;
    if (this.pos >= this.end) return EOF;
    const c = d[this.pos]!;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) return this.number();
    switch (c) {
      case 0x2f:
        return this.name();
      case 0x28:
        return this.literalString();
      case 0x3c:
        if (d[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return DICT_START;
        }
        return this.hexString();
      case 0x3e:
        if (d[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return DICT_END;
        }
        return decline('stray ">"');
      case 0x5b:
        this.pos++;
        return ARRAY_START;
      case 0x5d:
        this.pos++;
        return ARRAY_END;
      default:
        if (CLASS[c] !== 0) return decline(`unexpected byte ${c}`);
        return this.keyword();
    }
  }

  number(): number {
    const d = this.data;
    let p = this.pos;
    let negative = false;
    if (d[p] === 0x2d || d[p] === 0x2b) {
      negative = d[p] === 0x2d;
      p++;
    }
    // As pdf.js computes it: every digit into one integer, divided by 10 per fraction digit.
    let value = 0;
    let digits = 0;
    let divideBy = 0;
    while (p < this.end) {
      const c = d[p]!;
      if (c >= 0x30 && c <= 0x39) {
        value = value * 10 + c - 0x30;
        if (divideBy !== 0) divideBy *= 10;
        digits++;
      } else if (c === 0x2e && divideBy === 0) {
        divideBy = 1;
      } else break;
      p++;
    }
    if (divideBy !== 0) value /= divideBy;
    if (digits === 0 || digits > 40) decline('malformed number');
    if (p < this.end && CLASS[d[p]!] === 0) decline('malformed number');
    this.pos = p;
    return (negative ? -1 : 1) * value;
  }

  name(): Name {
    const d = this.data;
    let p = this.pos + 1;
    let s = '';
    let escaped = false;
    const start = p;
    while (p < this.end && CLASS[d[p]!] === 0) {
      if (d[p] === 0x23) escaped = true;
      p++;
    }
    if (!escaped) {
      s = latin1(d, start, p);
    } else {
      for (let i = start; i < p; i++) {
        if (d[i] === 0x23) {
          const h = parseInt(String.fromCharCode(d[i + 1] ?? 0, d[i + 2] ?? 0), 16);
          if (!(h >= 0) || i + 2 >= p) decline('malformed name escape');
          s += String.fromCharCode(h);
          i += 2;
        } else s += String.fromCharCode(d[i]!);
      }
    }
    this.pos = p;
    return Name.get(s);
  }

  keyword(): PdfValue {
    const d = this.data;
    const start = this.pos;
    let p = start;
    while (p < this.end && CLASS[d[p]!] === 0) p++;
    this.pos = p;
    const length = p - start;
    if (length > 32) decline('overlong keyword');
    // Operators are one to three bytes: looked up by their bytes, without making a string.
    if (length <= 3) {
      const key =
        (length << 24) |
        (d[start]! << 16) |
        ((length > 1 ? d[start + 1]! : 0) << 8) |
        (length > 2 ? d[start + 2]! : 0);
      let word = SHORT_WORDS.get(key);
      if (word === undefined) {
        word = wordOf(latin1(d, start, p));
        SHORT_WORDS.set(key, word);
      }
      return word;
    }
    return wordOf(latin1(d, start, p));
  }

  literalString(): string {
    const d = this.data;
    let p = this.pos + 1;
    let depth = 1;
    let out = '';
    let runStart = p;
    for (;;) {
      if (p >= this.end) decline('unterminated string');
      const c = d[p]!;
      if (c === 0x5c) {
        out += latin1(d, runStart, p);
        p++;
        if (p >= this.end) decline('unterminated string');
        const e = d[p]!;
        p++;
        if (e === 0x6e) out += '\n';
        else if (e === 0x72) out += '\r';
        else if (e === 0x74) out += '\t';
        else if (e === 0x62) out += '\b';
        else if (e === 0x66) out += '\f';
        else if (e >= 0x30 && e <= 0x37) {
          let x = e & 0x0f;
          if (p < this.end && d[p]! >= 0x30 && d[p]! <= 0x37) {
            x = (x << 3) + (d[p]! & 0x0f);
            p++;
            if (p < this.end && d[p]! >= 0x30 && d[p]! <= 0x37) {
              x = (x << 3) + (d[p]! & 0x0f);
              p++;
            }
          }
          if (x > 0xff) decline('octal escape above 255');
          out += String.fromCharCode(x);
        } else if (e === 0x0d) {
          if (d[p] === 0x0a) p++;
        } else if (e === 0x0a) {
          // line continuation
        } else out += String.fromCharCode(e);
        runStart = p;
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      p++;
    }
    out += latin1(d, runStart, p);
    this.pos = p + 1;
    return out;
  }

  hexString(): string {
    const d = this.data;
    let p = this.pos + 1;
    let out = '';
    let high = -1;
    for (;;) {
      if (p >= this.end) decline('unterminated hex string');
      const c = d[p++]!;
      if (c === 0x3e) break;
      if (CLASS[c] === 1) continue;
      const v = hexValue(c);
      if (v < 0) decline('bad hex string');
      if (high < 0) high = v;
      else {
        out += String.fromCharCode((high << 4) | v);
        high = -1;
      }
    }
    if (high >= 0) out += String.fromCharCode(high << 4);
    this.pos = p;
    return out;
  }

  /**
   * A whole object: arrays and dictionaries assembled, `n g R` read as a reference (file structure only),
   * and a dictionary followed by `stream` read as a stream whose length `length` resolves.
   */
  object(refs: boolean, length?: (dict: Dict) => number, depth = 0): PdfValue {
    const t = this.token();
    return this.complete(t, refs, length, depth);
  }

  complete(
    t: PdfValue,
    refs: boolean,
    length: ((dict: Dict) => number) | undefined,
    depth: number,
  ): PdfValue {
    if (depth > MAX_NESTING) decline('nesting too deep');
    if (t === ARRAY_START) {
      const out: PdfValue[] = [];
      for (;;) {
        const next = this.token();
        if (next === ARRAY_END) return out;
        if (next === EOF) decline('unterminated array');
        out.push(this.complete(next, refs, undefined, depth + 1));
        if (out.length > MAX_ELEMENTS) decline('array too long');
      }
    }
    if (t === DICT_START) {
      const dict: Dict = new Map();
      for (;;) {
        const key = this.token();
        if (key === DICT_END) break;
        if (!(key instanceof Name)) decline('dictionary key is not a name');
        const value = this.object(refs, undefined, depth + 1);
        if (value === DICT_END || value === EOF) decline('dictionary without value');
        // A key given twice: the last value, as pdf.js keeps it.
        dict.set(key.name, value);
        if (dict.size > MAX_ELEMENTS) decline('dictionary too large');
      }
      if (length) {
        const save = this.pos;
        this.skipSpace();
        if (this.startsWith('stream')) return this.stream(dict, length);
        this.pos = save;
      }
      return dict;
    }
    if (refs && typeof t === 'number' && Number.isInteger(t) && t >= 0) {
      const save = this.pos;
      this.skipSpace();
      const c = this.data[this.pos];
      if (c !== undefined && c >= 0x30 && c <= 0x39) {
        const gen = this.number();
        if (this.token() === KEYWORD_R && Number.isInteger(gen)) return new Ref(t, gen);
      }
      this.pos = save;
    }
    if (t === ARRAY_END || t === DICT_END) decline('unbalanced brackets');
    return t;
  }

  startsWith(word: string): boolean {
    for (let i = 0; i < word.length; i++) if (this.data[this.pos + i] !== word.charCodeAt(i)) return false;
    const after = this.data[this.pos + word.length];
    return after === undefined || CLASS[after] !== 0;
  }

  private stream(dict: Dict, lengthOf: (dict: Dict) => number): Stream {
    const d = this.data;
    this.pos += 'stream'.length;
    // The keyword is followed by CRLF or LF (a lone CR is not allowed, pdf.js guesses).
    if (d[this.pos] === 0x0d && d[this.pos + 1] === 0x0a) this.pos += 2;
    else if (d[this.pos] === 0x0a) this.pos++;
    else decline('stream keyword not followed by an end of line');
    const length = lengthOf(dict);
    if (!Number.isInteger(length) || length < 0 || this.pos + length > this.end) decline('bad stream length');
    const raw = d.subarray(this.pos, this.pos + length);
    this.pos += length;
    this.skipSpace();
    if (!this.startsWith('endstream')) decline('stream length does not reach endstream');
    this.pos += 'endstream'.length;
    return new Stream(dict, raw);
  }
}

const SHORT_WORDS = new Map<number, PdfValue>();

function wordOf(word: string): PdfValue {
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'null') return null;
  return Keyword.get(word);
}

export function latin1(d: Uint8Array, start: number, end: number): string {
  let s = '';
  if (end - start <= 16) {
    for (let i = start; i < end; i++) s += String.fromCharCode(d[i]!);
    return s;
  }
  for (let i = start; i < end; i += 8192) {
    s += String.fromCharCode.apply(null, d.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
  }
  return s;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
