/**
 * Text items exactly as pdf.js's `getTextContent` makes them (horizontal writing): the same text state,
 * the same glyph advance arithmetic, the same rules for joining glyphs into an item, inserting spaces for
 * gaps and breaking items (pdf.js's factors, in text space units of the font size), the same `normalizeUnicode`.
 * Ported from pdf.js 5 (src/core/evaluator.js); only what page.ts reads of an item is produced
 * (str, transform, width, height), whitespace-only items included as pdf.js emits them.
 */
import type { Font } from './fonts.ts';
import { decline } from './objects.ts';

export interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** pdf.js's TextState: what a `q` saves for the text layer (text matrices included). */
export class TextState {
  ctm: number[] = [1, 0, 0, 1, 0, 0];
  /** The font resource name of the last Tf. */
  fontName: string | null = null;
  fontSize = 0;
  font: Font | null = null;
  textMatrix: number[] = [1, 0, 0, 1, 0, 0];
  textLineMatrix: number[] = [1, 0, 0, 1, 0, 0];
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;

  clone(): TextState {
    const clone = new TextState();
    clone.ctm = this.ctm;
    clone.fontName = this.fontName;
    clone.fontSize = this.fontSize;
    clone.font = this.font;
    clone.textMatrix = this.textMatrix.slice();
    clone.textLineMatrix = this.textLineMatrix.slice();
    clone.charSpacing = this.charSpacing;
    clone.wordSpacing = this.wordSpacing;
    clone.leading = this.leading;
    clone.textHScale = this.textHScale;
    clone.textRise = this.textRise;
    return clone;
  }

  translateTextMatrix(x: number, y: number): void {
    const m = this.textMatrix;
    m[4] = m[0]! * x + m[2]! * y + m[4]!;
    m[5] = m[1]! * x + m[3]! * y + m[5]!;
  }

  translateTextLineMatrix(x: number, y: number): void {
    const m = this.textLineMatrix;
    m[4] = m[0]! * x + m[2]! * y + m[4]!;
    m[5] = m[1]! * x + m[3]! * y + m[5]!;
  }

  carriageReturn(): void {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrix = this.textLineMatrix.slice();
  }
}

const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;
/** The glyph-space to text-space factor of every font handled here (pdf.js's FONT_IDENTITY_MATRIX[0]). */
const FONT_SCALE = 0.001;

/** pdf.js's normalizeUnicode: NFKC for compatibility characters, ligatures and odd spaces. */
const NORMALIZE =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;
const NEEDS_NORMALIZING = /[\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufdff\ufe71-\ufe7d]/;

function normalizeUnicode(str: string): string {
  if (!NEEDS_NORMALIZING.test(str)) return str;
  return str.replaceAll(NORMALIZE, (_, p1: string | undefined, p2: string | undefined) =>
    p1 ? p1.normalize('NFKC') : 'ſt'.repeat((p2 ?? '').length),
  );
}

/**
 * One invocation of getTextContent: a page's content stream, or a form XObject's (each has its own
 * item in progress and its own memory of the last two characters, as in pdf.js).
 */
export class TextBuilder {
  private initialized = false;
  private str: string[] = [];
  private totalWidth = 0;
  private width = 0;
  private height = 0;
  private prevTransform: number[] | null = null;
  private prevTextRise = 0;
  private textAdvanceScale = 0;
  private spaceInFlowMin = 0;
  private spaceInFlowMax = 0;
  private trackingSpaceMin = Infinity;
  private negativeSpaceMax = -Infinity;
  private notASpace = -Infinity;
  private transform: number[] | null = null;
  private readonly twoLastChars = [' ', ' '];
  private twoLastCharsPos = 0;
  /** The state the item in progress was started under (pdf.js's currentTextState). */
  private current: TextState | null = null;
  /** The state the interpreter works on (its `q`/`Q` replace it). */
  state!: TextState;

  constructor(
    private readonly items: TextItem[],
    /** The page's view box (crop ∩ media, user space): glyphs outside it are skipped. */
    private readonly viewBox: readonly number[],
  ) {}

  /** Called before each operator, as pdf.js's loop sets `currentTextState ||= textState.clone()`. */
  beforeOperator(state: TextState): void {
    this.state = state;
    this.current ??= state.clone();
  }

  private saveLastChar(char: string): boolean {
    const nextPos = (this.twoLastCharsPos + 1) % 2;
    const ret = this.twoLastChars[this.twoLastCharsPos] !== ' ' && this.twoLastChars[nextPos] === ' ';
    this.twoLastChars[this.twoLastCharsPos] = char;
    this.twoLastCharsPos = nextPos;
    return ret;
  }

  private shouldAddWhitespace(): boolean {
    return (
      this.twoLastChars[this.twoLastCharsPos] !== ' ' &&
      this.twoLastChars[(this.twoLastCharsPos + 1) % 2] === ' '
    );
  }

  private resetLastChars(): void {
    this.twoLastChars[0] = this.twoLastChars[1] = ' ';
    this.twoLastCharsPos = 0;
  }

  private pushWhitespace(width: number, transform: number[] | null): void {
    this.items.push({ str: ' ', width, height: 0, transform: transform ?? [] });
  }

  /** Scratch for the per-glyph transform (compareWithLastPosition reads it, nothing keeps it). */
  private readonly scratch: number[] = [0, 0, 0, 0, 0, 0];

  /**
   * pdf.js's getCurrentTextTransform, ctm × (text matrix × [size·hscale 0 0 size 0 rise]), written out term
   * by term (the zero terms included: the same floating-point operations, without the two arrays).
   */
  private currentTextTransform(out: number[] = new Array<number>(6)): number[] {
    const s = this.state;
    const m = s.textMatrix;
    const c = s.ctm;
    const a = s.fontSize * s.textHScale;
    const d = s.fontSize;
    const rise = s.textRise;
    const m0 = m[0]!;
    const m1 = m[1]!;
    const m2 = m[2]!;
    const m3 = m[3]!;
    const i0 = m0 * a + m2 * 0;
    const i1 = m1 * a + m3 * 0;
    const i2 = m0 * 0 + m2 * d;
    const i3 = m1 * 0 + m3 * d;
    const i4 = m0 * 0 + m2 * rise + m[4]!;
    const i5 = m1 * 0 + m3 * rise + m[5]!;
    const c0 = c[0]!;
    const c1 = c[1]!;
    const c2 = c[2]!;
    const c3 = c[3]!;
    out[0] = c0 * i0 + c2 * i1;
    out[1] = c1 * i0 + c3 * i1;
    out[2] = c0 * i2 + c2 * i3;
    out[3] = c1 * i2 + c3 * i3;
    out[4] = c0 * i4 + c2 * i5 + c[4]!;
    out[5] = c1 * i4 + c3 * i5 + c[5]!;
    return out;
  }

  private ensureItem(): void {
    if (this.initialized) return;
    const s = this.state;
    const trm = (this.transform = this.currentTextTransform());
    this.width = this.totalWidth = 0;
    this.height = Math.hypot(trm[2]!, trm[3]!);
    const scaleLineX = Math.hypot(s.textLineMatrix[0]!, s.textLineMatrix[1]!);
    const scaleCtmX = Math.hypot(s.ctm[0]!, s.ctm[1]!);
    this.textAdvanceScale = scaleCtmX * scaleLineX;
    const { fontSize } = s;
    this.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    this.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    this.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    this.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    this.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    this.initialized = true;
  }

  /** After Tm: the advance scale may change within an item. */
  updateAdvanceScale(): void {
    if (!this.initialized) return;
    const s = this.state;
    const scaleLineX = Math.hypot(s.textLineMatrix[0]!, s.textLineMatrix[1]!);
    const scaleCtmX = Math.hypot(s.ctm[0]!, s.ctm[1]!);
    const scaleFactor = scaleCtmX * scaleLineX;
    if (scaleFactor === this.textAdvanceScale) return;
    this.totalWidth += this.width * this.textAdvanceScale;
    this.width = 0;
    this.textAdvanceScale = scaleFactor;
  }

  flush(): void {
    if (!this.initialized) return;
    this.totalWidth += this.width * this.textAdvanceScale;
    const text = normalizeUnicode(this.str.join(''));
    this.items.push({
      str: text,
      width: Math.abs(this.totalWidth),
      height: Math.abs(this.height),
      transform: this.transform!,
    });
    this.initialized = false;
    this.str.length = 0;
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.initialized) {
      this.flush();
    } else {
      this.items.push({ str: '', width: 0, height: 0, transform: this.currentTextTransform() });
    }
  }

  private addFakeSpaces(width: number, transf: number[] | null, textOrientation: number): boolean {
    if (textOrientation * this.spaceInFlowMin <= width && width <= textOrientation * this.spaceInFlowMax) {
      if (this.initialized) {
        this.resetLastChars();
        this.str.push(' ');
      }
      return false;
    }
    this.flush();
    this.resetLastChars();
    this.pushWhitespace(Math.abs(width), transf ?? this.currentTextTransform());
    return true;
  }

  private compareWithLastPosition(glyphWidth: number): boolean {
    const currentTransform = this.currentTextTransform(this.scratch);
    let posX = currentTransform[4]!;
    let posY = currentTransform[5]!;
    const viewBox = this.viewBox;
    if (posX + glyphWidth < viewBox[0]! || posX > viewBox[2]! || posY < viewBox[1]! || posY > viewBox[3]!) {
      return false;
    }
    if (!this.prevTransform) return true;
    let lastPosX = this.prevTransform[4]!;
    let lastPosY = this.prevTransform[5]!;
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (currentTransform[0] && currentTransform[1] === 0 && currentTransform[2] === 0) {
      rotate = currentTransform[0] > 0 ? 0 : 180;
    } else if (currentTransform[1] && currentTransform[0] === 0 && currentTransform[3] === 0) {
      rotate = currentTransform[1] > 0 ? 90 : 270;
    }
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default:
        [posX, posY] = applyInverseRotation(posX, posY, currentTransform);
        [lastPosX, lastPosY] = applyInverseRotation(lastPosX, lastPosY, this.prevTransform);
    }
    const advanceX = (posX - lastPosX) / this.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const textOrientation = Math.sign(this.width || this.totalWidth);
    if (advanceX < textOrientation * this.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * this.height) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flush();
      return true;
    }
    const textRiseDelta = this.state.textRise - this.prevTextRise;
    const advanceYCorrected =
      textRiseDelta === 0
        ? advanceY
        : advanceY - (currentTransform[3]! / this.state.fontSize) * textRiseDelta;
    if (Math.abs(advanceYCorrected) > this.height) {
      this.appendEOL();
      return true;
    }
    if (advanceX <= textOrientation * this.notASpace) this.resetLastChars();
    if (advanceX <= textOrientation * this.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
        this.pushWhitespace(Math.abs(advanceX), this.prevTransform);
      } else {
        this.width += advanceX;
      }
    } else if (!this.addFakeSpaces(advanceX, this.prevTransform, textOrientation)) {
      if (this.str.length === 0) {
        this.resetLastChars();
        this.pushWhitespace(Math.abs(advanceX), this.prevTransform);
      } else {
        this.width += advanceX;
      }
    }
    if (Math.abs(advanceY) > this.height * VERTICAL_SHIFT_RATIO) this.flush();
    return true;
  }

  /** Tj, TJ pieces, ' and ": `chars` the shown bytes (empty: only a TJ adjustment). */
  showText(chars: string, extraSpacing: number): void {
    const s = this.state;
    const current = this.current!;
    if (
      current !== s &&
      (current.fontSize !== s.fontSize ||
        (current.fontName !== s.fontName && fontNameOf(current) !== fontNameOf(s)))
    ) {
      this.flush();
      this.current = s.clone();
    }
    const font = s.font;
    if (!font) return decline('text shown without a font');
    const baseCharSpacing = s.charSpacing;
    if (!chars) {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) s.translateTextMatrix(charSpacing * s.textHScale, 0);
      return;
    }
    const glyphs = font.glyphs(chars);
    const scale = FONT_SCALE * s.fontSize;
    for (let i = 0, ii = glyphs.length; i < ii; i++) {
      const glyph = glyphs[i]!;
      if (glyph.isInvisibleFormatMark) continue;
      let charSpacing = baseCharSpacing + (i + 1 === ii ? extraSpacing : 0);
      let scaledDim = glyph.width * scale;
      if (glyph.isSpaceCode) charSpacing += s.wordSpacing;
      if (glyph.isWhitespace) {
        charSpacing += scaledDim;
        s.translateTextMatrix(charSpacing * s.textHScale, 0);
        this.saveLastChar(' ');
        continue;
      }
      if (!glyph.isZeroWidthDiacritic && !this.compareWithLastPosition(scaledDim)) {
        s.translateTextMatrix(scaledDim * s.textHScale, 0);
        continue;
      }
      this.ensureItem();
      if (glyph.isZeroWidthDiacritic) scaledDim = 0;
      scaledDim *= s.textHScale;
      s.translateTextMatrix(scaledDim, 0);
      this.width += scaledDim;
      if (scaledDim) {
        this.prevTransform = this.currentTextTransform();
        this.prevTextRise = s.textRise;
      }
      if (this.saveLastChar(glyph.unicode)) this.str.push(' ');
      this.str.push(glyph.unicode);
      if (charSpacing) s.translateTextMatrix(charSpacing * s.textHScale, 0);
    }
  }
}

/** pdf.js compares `font.name` (and vertical, always false here) when the font resource changes. */
function fontNameOf(s: TextState): string {
  if (!s.font) return decline('font change before any font');
  return s.font.name;
}

function applyInverseRotation(x: number, y: number, matrix: number[]): [number, number] {
  const scale = Math.hypot(matrix[0]!, matrix[1]!);
  return [(matrix[0]! * x + matrix[1]! * y) / scale, (matrix[2]! * x + matrix[3]! * y) / scale];
}
