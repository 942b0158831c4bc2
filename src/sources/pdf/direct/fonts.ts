/**
 * Fonts as far as text extraction needs them, mirroring pdf.js (`Font._charToGlyph`, `extractWidths`,
 * `buildToUnicode`): per character code its width (glyph space, 1/1000 em) and its Unicode text.
 *
 * Handled: Type0 fonts with Identity-H and a `/ToUnicode` CMap (widths from `/W`, `/DW`); simple TrueType and
 * Type1 fonts with `/Widths` and a `/ToUnicode` CMap. Declined: Type3, vertical writing, predefined CJK CMaps,
 * fonts without a FontDescriptor (pdf.js's built-in metrics for the standard 14), fonts without `/ToUnicode`
 * or showing a code it does not map (pdf.js would fall back to glyph names), right-to-left text.
 */
import { parseToUnicode, type UnicodeMap } from './cmap.ts';
import { Name, Stream, decline, nameOf, type Dict, type PdfValue } from './objects.ts';
import type { PdfFile } from './xref.ts';

export interface Glyph {
  unicode: string;
  /** Glyph-space width (1/1000 of the font size). */
  width: number;
  /** The code is 0x20 (word spacing applies, whatever the code length, as in pdf.js). */
  isSpaceCode: boolean;
  isWhitespace: boolean;
  isZeroWidthDiacritic: boolean;
  isInvisibleFormatMark: boolean;
}

export interface Font {
  /** pdf.js's `font.name`: text items break where it changes. */
  name: string;
  /** Splits a shown string into glyphs (cached per string, as pdf.js does). */
  glyphs(chars: string): Glyph[];
}

/** The same categories pdf.js gives a glyph's text (getCharUnicodeCategory). */
const SPECIAL = /^(\s)|(\p{Mn})|(\p{Cf})$/u;
/** Characters pdf.js's bidi would reorder: right-to-left text is pdf.js's alone. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const MAX_WIDTH_ENTRIES = 200_000;

export function loadFont(file: PdfFile, value: PdfValue | undefined): Font {
  const dict = file.dict(value);
  if (!dict) return decline('font is not a dictionary');
  const subtype = nameOf(file.resolve(dict.get('Subtype')));
  if (subtype === 'Type0') return compositeFont(file, dict);
  if (subtype === 'TrueType' || subtype === 'Type1') return simpleFont(file, dict);
  return decline(`font type ${subtype}`);
}

function fontName(file: PdfFile, dict: Dict, descriptor: Dict): string {
  const fontName = nameOf(file.resolve(descriptor.get('FontName')));
  const baseFont = nameOf(file.resolve(dict.get('BaseFont')));
  if (fontName === null) return decline('font without a FontName');
  // pdf.js picks between the two by rules of its own when they differ.
  if (baseFont !== null && baseFont !== fontName) decline('FontName differs from BaseFont');
  return fontName;
}

function descriptorOf(file: PdfFile, dict: Dict): Dict {
  const descriptor = file.dict(dict.get('FontDescriptor'));
  if (!descriptor) return decline('font without a FontDescriptor');
  return descriptor;
}

function toUnicodeOf(file: PdfFile, dict: Dict): UnicodeMap {
  const stream = file.resolve(dict.get('ToUnicode'));
  if (!(stream instanceof Stream)) return decline('font without a ToUnicode CMap');
  const map = parseToUnicode(file.decode(stream));
  if (map.size === 0) decline('empty ToUnicode CMap');
  return map;
}

function compositeFont(file: PdfFile, dict: Dict): Font {
  const encoding = file.resolve(dict.get('Encoding'));
  if (!(encoding instanceof Name) || encoding.name !== 'Identity-H')
    decline('Type0 encoding other than Identity-H');
  const descendants = file.resolve(dict.get('DescendantFonts'));
  if (!Array.isArray(descendants) || descendants.length !== 1) return decline('DescendantFonts');
  const cid = file.dict(descendants[0]);
  if (!cid) return decline('descendant font is not a dictionary');
  const cidType = nameOf(file.resolve(cid.get('Subtype')));
  if (cidType !== 'CIDFontType2' && cidType !== 'CIDFontType0') decline(`CID font type ${cidType}`);
  const descriptor = descriptorOf(file, cid);
  const name = fontName(file, cid, descriptor);
  const toUnicode = toUnicodeOf(file, dict);
  const dw = file.resolve(cid.get('DW'));
  const defaultWidth = typeof dw === 'number' ? Math.ceil(dw) : 1000;
  const widths = new Map<number, number>();
  const w = file.resolve(cid.get('W'));
  if (Array.isArray(w)) {
    for (let i = 0; i < w.length; i++) {
      let start = file.resolve(w[i++]);
      if (typeof start !== 'number' || !Number.isInteger(start)) break;
      const code = file.resolve(w[i]);
      if (Array.isArray(code)) {
        for (const c of code) {
          const width = file.resolve(c);
          if (typeof width === 'number') widths.set(start, width);
          start++;
        }
      } else if (typeof code === 'number' && Number.isInteger(code)) {
        const width = file.resolve(w[++i]);
        if (typeof width !== 'number') continue;
        if (code - start > MAX_WIDTH_ENTRIES) decline('/W range too large');
        for (let j = start; j <= code; j++) widths.set(j, width);
      } else break;
      if (widths.size > MAX_WIDTH_ENTRIES) decline('/W too large');
    }
  } else if (w !== undefined) decline('/W is not an array');
  return new FontWithCodes(name, 2, toUnicode, widths, defaultWidth);
}

function simpleFont(file: PdfFile, dict: Dict): Font {
  const descriptor = descriptorOf(file, dict);
  const name = fontName(file, dict, descriptor);
  const toUnicode = toUnicodeOf(file, dict);
  const widthsArray = file.resolve(dict.get('Widths'));
  if (!Array.isArray(widthsArray)) return decline('simple font without /Widths');
  const first = file.resolve(dict.get('FirstChar'));
  let j = typeof first === 'number' && Number.isInteger(first) ? first : 0;
  const widths = new Map<number, number>();
  for (const w of widthsArray) {
    const width = file.resolve(w);
    if (typeof width === 'number') widths.set(j, width);
    j++;
  }
  const missing = file.resolve(descriptor.get('MissingWidth'));
  return new FontWithCodes(name, 1, toUnicode, widths, typeof missing === 'number' ? missing : 0);
}

class FontWithCodes implements Font {
  private readonly cache = new Map<string, Glyph[]>();
  private readonly glyphCache = new Map<number, Glyph>();

  constructor(
    readonly name: string,
    private readonly bytes: 1 | 2,
    private readonly toUnicode: UnicodeMap,
    private readonly widths: Map<number, number>,
    private readonly defaultWidth: number,
  ) {}

  glyphs(chars: string): Glyph[] {
    let glyphs = this.cache.get(chars);
    if (glyphs) return glyphs;
    glyphs = [];
    if (this.bytes === 2) {
      if (chars.length % 2 !== 0) decline('odd number of bytes for a two-byte font');
      for (let i = 0; i < chars.length; i += 2) {
        glyphs.push(this.glyph((chars.charCodeAt(i) << 8) | chars.charCodeAt(i + 1)));
      }
    } else {
      for (let i = 0; i < chars.length; i++) {
        const code = chars.charCodeAt(i);
        glyphs.push(this.glyph(code));
      }
    }
    if (this.cache.size < 10_000) this.cache.set(chars, glyphs);
    return glyphs;
  }

  private glyph(code: number): Glyph {
    let glyph = this.glyphCache.get(code);
    if (glyph) return glyph;
    const unicode = this.toUnicode.get(code);
    // pdf.js falls back to the encoding's glyph names (or the code itself) for what the CMap does not map.
    if (unicode === undefined || unicode === '') return decline(`code ${code} not in ToUnicode`);
    if (RIGHT_TO_LEFT.test(unicode)) decline('right-to-left text');
    const width = this.widths.get(code) ?? this.defaultWidth;
    const groups = SPECIAL.exec(unicode);
    glyph = {
      unicode,
      width,
      isSpaceCode: code === 0x20,
      isWhitespace: !!groups?.[1],
      isZeroWidthDiacritic: !!groups?.[2],
      isInvisibleFormatMark: !!groups?.[3],
    };
    this.glyphCache.set(code, glyph);
    return glyph;
  }
}
