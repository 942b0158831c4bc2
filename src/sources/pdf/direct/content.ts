/**
 * The content stream interpreter: one pass over a page's operators (and its form XObjects', recursively)
 * that feeds both what pdf.js's getTextContent makes (text items, text.ts) and what rules.ts reads of its
 * operator list (painted paths in pdf.js's path data, their colours as pdf.js converts them, images).
 *
 * Operators it does not know, arguments of the wrong number or type, inline images, Type3 glyph operators,
 * fonts set through a graphics state, forms nested too deep or in a cycle → Decline.
 */
import { multiply, type Matrix } from '../geometry.ts';
import { DRAW_OPS, addPathRules, type Rules } from '../rules.ts';
import { type Font, loadFont } from './fonts.ts';
import { ARRAY_END, ARRAY_START, DICT_END, DICT_START, EOF, Lexer } from './lexer.ts';
import { Keyword, Name, Ref, Stream, decline, isDict, nameOf, type Dict, type PdfValue } from './objects.ts';
import { TextBuilder, TextState, type TextItem } from './text.ts';
import type { PdfFile } from './xref.ts';

/** Operand counts of the operators handled (pdf.js's opMap); -1: 1 to 4 operands (colour components). */
const ARITY: Record<string, number> = {
  w: 1,
  J: 1,
  j: 1,
  M: 1,
  d: 2,
  ri: 1,
  i: 1,
  gs: 1,
  q: 0,
  Q: 0,
  cm: 6,
  m: 2,
  l: 2,
  c: 6,
  v: 4,
  y: 4,
  h: 0,
  re: 4,
  S: 0,
  s: 0,
  f: 0,
  F: 0,
  'f*': 0,
  B: 0,
  'B*': 0,
  b: 0,
  'b*': 0,
  n: 0,
  W: 0,
  'W*': 0,
  BT: 0,
  ET: 0,
  Tc: 1,
  Tw: 1,
  Tz: 1,
  TL: 1,
  Tf: 2,
  Tr: 1,
  Ts: 1,
  Td: 2,
  TD: 2,
  Tm: 6,
  'T*': 0,
  Tj: 1,
  TJ: 1,
  "'": 1,
  '"': 3,
  CS: 1,
  cs: 1,
  SC: -1,
  SCN: -1,
  sc: -1,
  scn: -1,
  G: 1,
  g: 1,
  RG: 3,
  rg: 3,
  K: 4,
  k: 4,
  sh: 1,
  Do: 1,
  MP: 1,
  DP: 2,
  BMC: 1,
  BDC: 2,
  EMC: 0,
  BX: 0,
  EX: 0,
};

/** Path painting operators: [strokes, fills, closes first]. */
const PAINT: Record<string, [boolean, boolean, boolean]> = {
  S: [true, false, false],
  s: [true, false, true],
  f: [false, true, false],
  F: [false, true, false],
  'f*': [false, true, false],
  B: [true, true, false],
  'B*': [true, true, false],
  b: [true, true, true],
  'b*': [true, true, true],
  n: [false, false, false],
};

/** Device colour spaces as pdf.js converts them to RGB; null: a space not modelled here. */
type ColourSpace = 'gray' | 'rgb' | 'cmyk' | null;
/** An RGB colour in bytes, or null when it could not be known. */
type Colour = [number, number, number] | null;

interface GraphicsState {
  text: TextState;
  fill: Colour;
  stroke: Colour;
  fillSpace: ColourSpace;
  strokeSpace: ColourSpace;
  /** pdf.js's patternFillColorSpace: unset until a colour space is chosen (then `scn` reads gray). */
  fillPatternSpace: ColourSpace | undefined;
  strokePatternSpace: ColourSpace | undefined;
}

const MAX_OPERANDS = 33;
const MAX_FORM_DEPTH = 12;
const MAX_OPERATORS = 5_000_000;

export interface PageRun {
  items: TextItem[];
  rules: Rules;
  /** A path with a colour not modelled here would have drawn rules. */
  unknownColourRule: boolean;
  /** An image pdf.js might group, merge or paint differently (image masks, repeats). */
  unusualImages: boolean;
}

export class ContentInterpreter {
  readonly run: PageRun = {
    items: [],
    rules: { horizontal: [], vertical: [], images: 0 },
    unknownColourRule: false,
    unusualImages: false,
  };
  private operators = 0;
  private readonly formsOpen: number[] = [];
  private readonly imagesSeen = new Set<PdfValue>();

  constructor(
    private readonly file: PdfFile,
    private readonly fonts: Map<PdfValue, Font>,
    private readonly viewBox: readonly number[],
    private readonly toView: Matrix,
  ) {}

  page(content: Uint8Array, resources: Dict): void {
    const state: GraphicsState = {
      text: new TextState(),
      fill: [0, 0, 0],
      stroke: [0, 0, 0],
      fillSpace: 'gray',
      strokeSpace: 'gray',
      fillPatternSpace: undefined,
      strokePatternSpace: undefined,
    };
    this.stream(content, resources, state);
  }

  private stream(content: Uint8Array, resources: Dict, initial: GraphicsState): void {
    const file = this.file;
    const text = new TextBuilder(this.run.items, this.viewBox);
    const lexer = new Lexer(content);
    const operands: PdfValue[] = [];
    const stack: GraphicsState[] = [];
    let gs = initial;
    let path: number[] = [];
    let currentX = 0;
    let currentY = 0;
    for (;;) {
      const t = lexer.token();
      if (t === EOF) break;
      if (!(t instanceof Keyword) || t === ARRAY_START || t === DICT_START) {
        operands.push(lexer.complete(t, false, undefined, 0));
        if (operands.length > MAX_OPERANDS) decline('too many operands');
        continue;
      }
      if (t === ARRAY_END || t === DICT_END) decline('stray bracket');
      const op = t.word;
      if (++this.operators > MAX_OPERATORS) decline('too many operators');
      const arity = ARITY[op];
      if (arity === undefined) {
        if (op === 'BI') decline('inline image');
        return decline(`operator ${op}`);
      }
      if (arity >= 0 ? operands.length !== arity : operands.length < 1 || operands.length > 4) {
        decline(`operator ${op} with ${operands.length} operands`);
      }
      text.beforeOperator(gs.text);
      const s = gs.text;
      switch (op) {
        case 'q':
          if (path.length > 0) decline('q inside a path');
          stack.push(gs);
          gs = { ...gs, text: gs.text.clone() };
          break;
        case 'Q':
          if (path.length > 0) decline('Q inside a path');
          if (stack.length === 0) decline('Q without q');
          gs = stack.pop()!;
          break;
        case 'cm':
          s.ctm = multiply(s.ctm as Matrix, numbers(operands, 6) as Matrix);
          break;
        case 'gs': {
          const name = nameOperand(operands, 0);
          const states = file.dict(resources.get('ExtGState'));
          const state = states && file.dict(states.get(name));
          if (!state) decline('graphics state missing');
          if (state.has('Font')) decline('font set by a graphics state');
          break;
        }
        case 'w':
        case 'J':
        case 'j':
        case 'M':
        case 'ri':
        case 'i':
        case 'Tr':
          number(operands, 0);
          break;
        case 'd':
          if (!Array.isArray(operands[0])) decline('dash');
          break;
        // Paths, as pdf.js's buildPath records them.
        case 'm':
        case 'l': {
          const [x, y] = numbers(operands, 2) as [number, number];
          currentX = x;
          currentY = y;
          path.push(op === 'm' ? DRAW_OPS.moveTo : DRAW_OPS.lineTo, x, y);
          break;
        }
        case 'c': {
          const [x1, y1, x2, y2, x, y] = numbers(operands, 6) as number[];
          path.push(DRAW_OPS.curveTo, x1!, y1!, x2!, y2!, x!, y!);
          currentX = x!;
          currentY = y!;
          break;
        }
        case 'v': {
          const [x1, y1, x, y] = numbers(operands, 4) as number[];
          path.push(DRAW_OPS.curveTo, currentX, currentY, x1!, y1!, x!, y!);
          currentX = x!;
          currentY = y!;
          break;
        }
        case 'y': {
          const [x1, y1, x, y] = numbers(operands, 4) as number[];
          path.push(DRAW_OPS.curveTo, x1!, y1!, x!, y!, x!, y!);
          currentX = x!;
          currentY = y!;
          break;
        }
        case 'h':
          path.push(DRAW_OPS.closePath);
          break;
        case 're': {
          const [x, y, width, height] = numbers(operands, 4) as [number, number, number, number];
          currentX = x;
          currentY = y;
          const xw = x + width;
          const yh = y + height;
          if (width === 0 || height === 0)
            path.push(DRAW_OPS.moveTo, x, y, DRAW_OPS.lineTo, xw, yh, DRAW_OPS.closePath);
          else {
            path.push(DRAW_OPS.moveTo, x, y, DRAW_OPS.lineTo, xw, y, DRAW_OPS.lineTo, xw, yh);
            path.push(DRAW_OPS.lineTo, x, yh, DRAW_OPS.closePath);
          }
          break;
        }
        case 'W':
        case 'W*':
          break;
        case 'S':
        case 's':
        case 'f':
        case 'F':
        case 'f*':
        case 'B':
        case 'B*':
        case 'b':
        case 'b*':
        case 'n': {
          const [strokes, fills, closes] = PAINT[op]!;
          if (closes) path.push(DRAW_OPS.closePath);
          if (path.length > 0 && (strokes || fills)) this.paint(path, gs, strokes, fills);
          path = [];
          break;
        }
        // Colours, as pdf.js turns them into RGB for its operator list.
        case 'g':
        case 'G':
          setColour(gs, op === 'G', 'gray', numbers(operands, 1));
          break;
        case 'rg':
        case 'RG':
          setColour(gs, op === 'RG', 'rgb', numbers(operands, 3));
          break;
        case 'k':
        case 'K':
          setColour(gs, op === 'K', 'cmyk', numbers(operands, 4));
          break;
        case 'cs':
        case 'CS': {
          const space = this.colourSpace(nameOperand(operands, 0), resources);
          if (op === 'cs') gs.fillSpace = gs.fillPatternSpace = space;
          else gs.strokeSpace = gs.strokePatternSpace = space;
          break;
        }
        case 'sc':
        case 'SC':
        case 'scn':
        case 'SCN': {
          const stroke = op === 'SC' || op === 'SCN';
          const allNumbers = operands.every((o) => typeof o === 'number');
          let space: ColourSpace;
          if (op === 'sc' || op === 'SC') space = stroke ? gs.strokeSpace : gs.fillSpace;
          else {
            const pattern = stroke ? gs.strokePatternSpace : gs.fillPatternSpace;
            // pdf.js reads `scn` before any colour space as gray.
            space = pattern === undefined ? (allNumbers ? 'gray' : null) : pattern;
          }
          const colour = space && allNumbers ? rgbOf(space, operands as number[]) : null;
          if (stroke) gs.stroke = colour;
          else gs.fill = colour;
          break;
        }
        case 'sh':
        case 'MP':
        case 'DP':
        case 'BX':
        case 'EX':
        case 'ET':
          break;
        case 'BMC':
        case 'BDC':
        case 'EMC':
          text.flush();
          break;
        // Text.
        case 'BT':
          s.textMatrix = [1, 0, 0, 1, 0, 0];
          s.textLineMatrix = [1, 0, 0, 1, 0, 0];
          break;
        case 'Tf': {
          const name = nameOperand(operands, 0);
          const size = number(operands, 1);
          if (s.font && name === s.fontName && size === s.fontSize) break;
          if (!(size > 0)) decline('font size not positive');
          s.fontName = name;
          s.fontSize = size;
          s.font = this.font(name, resources);
          break;
        }
        case 'Ts':
          s.textRise = number(operands, 0);
          break;
        case 'Tz':
          s.textHScale = number(operands, 0) / 100;
          break;
        case 'TL':
          s.leading = number(operands, 0);
          break;
        case 'Tc':
          s.charSpacing = number(operands, 0);
          break;
        case 'Tw':
          s.wordSpacing = number(operands, 0);
          break;
        case 'Td': {
          const [x, y] = numbers(operands, 2) as [number, number];
          s.translateTextLineMatrix(x, y);
          s.textMatrix = s.textLineMatrix.slice();
          break;
        }
        case 'TD': {
          const [x, y] = numbers(operands, 2) as [number, number];
          s.leading = -y;
          s.translateTextLineMatrix(x, y);
          s.textMatrix = s.textLineMatrix.slice();
          break;
        }
        case 'T*':
          s.carriageReturn();
          break;
        case 'Tm': {
          const m = numbers(operands, 6);
          s.textMatrix = m.slice();
          s.textLineMatrix = m.slice();
          text.updateAdvanceScale();
          break;
        }
        case 'Tj':
          text.showText(stringOperand(operands, 0), 0);
          break;
        case "'":
          s.carriageReturn();
          text.showText(stringOperand(operands, 0), 0);
          break;
        case '"':
          s.wordSpacing = number(operands, 0);
          s.charSpacing = number(operands, 1);
          s.carriageReturn();
          text.showText(stringOperand(operands, 2), 0);
          break;
        case 'TJ': {
          const elements = operands[0];
          if (!Array.isArray(elements)) return decline('TJ without an array');
          if (!s.font) decline('text shown without a font');
          const spaceFactor = (-1 * s.fontSize) / 1000;
          let buffer = '';
          let pending = false;
          for (const item of elements) {
            if (typeof item === 'string') {
              buffer += item;
              pending = true;
            } else if (typeof item === 'number') {
              if (item !== 0) {
                text.showText(buffer, item * spaceFactor);
                buffer = '';
                pending = false;
              }
            } else decline('TJ element');
          }
          if (pending) text.showText(buffer, 0);
          break;
        }
        case 'Do':
          text.flush();
          this.xobject(nameOperand(operands, 0), resources, gs);
          break;
        default:
          decline(`operator ${op}`);
      }
      operands.length = 0;
    }
    if (operands.length > 0) decline('operands left at the end');
    text.flush();
  }

  private paint(path: number[], gs: GraphicsState, strokes: boolean, fills: boolean): void {
    const data = new Float32Array(path);
    const toPage = multiply(this.toView, gs.text.ctm as Matrix);
    const strokeKnown = !strokes || gs.stroke !== null;
    const fillKnown = !fills || gs.fill !== null;
    if (!strokeKnown || !fillKnown) {
      // What this path would draw if its unknown colour were not white: if anything, pdf.js's answer matters.
      const probe: Rules = { horizontal: [], vertical: [], images: 0 };
      addPathRules(data, toPage, { fills, strokes }, probe);
      if (probe.horizontal.length + probe.vertical.length > 0) this.run.unknownColourRule = true;
      return;
    }
    const paint = {
      strokes: strokes && !isWhite(gs.stroke!),
      fills: fills && !isWhite(gs.fill!),
    };
    if (paint.strokes || paint.fills) addPathRules(data, toPage, paint, this.run.rules);
  }

  private font(name: string, resources: Dict): Font {
    const fonts = this.file.dict(resources.get('Font'));
    const ref = fonts?.get(name);
    if (ref === undefined) return decline('font resource missing');
    let font = this.fonts.get(ref instanceof Ref ? ref.num : ref);
    if (!font) {
      font = loadFont(this.file, ref);
      this.fonts.set(ref instanceof Ref ? ref.num : ref, font);
    }
    return font;
  }

  private colourSpace(name: string, resources: Dict): ColourSpace {
    const device = DEVICE_SPACES[name];
    if (device !== undefined) return device;
    const spaces = this.file.dict(resources.get('ColorSpace'));
    const value = spaces ? this.file.resolve(spaces.get(name)) : undefined;
    if (value === undefined) return decline('colour space missing');
    if (value instanceof Name) return DEVICE_SPACES[value.name] ?? null;
    // ICCBased without a usable ICC engine (pdf.js is given no wasm): its alternate, or the device space of N.
    if (Array.isArray(value) && value.length === 2 && nameOf(value[0]) === 'ICCBased') {
      const stream = this.file.resolve(value[1]);
      if (!(stream instanceof Stream)) return null;
      const n = this.file.resolve(stream.dict.get('N'));
      const byCount: ColourSpace = n === 1 ? 'gray' : n === 3 ? 'rgb' : n === 4 ? 'cmyk' : null;
      const alternate = this.file.resolve(stream.dict.get('Alternate'));
      if (alternate === undefined) return byCount;
      return alternate instanceof Name && DEVICE_SPACES[alternate.name] === byCount ? byCount : null;
    }
    return null;
  }

  private xobject(name: string, resources: Dict, gs: GraphicsState): void {
    const xobjects = this.file.dict(resources.get('XObject'));
    const ref = xobjects?.get(name);
    const xobject = this.file.resolve(ref);
    if (!(xobject instanceof Stream)) return decline('XObject missing or not a stream');
    const subtype = nameOf(this.file.resolve(xobject.dict.get('Subtype')));
    if (subtype === 'Image') {
      this.run.rules.images++;
      const mask = this.file.resolve(xobject.dict.get('ImageMask'));
      const width = this.file.resolve(xobject.dict.get('Width'));
      const height = this.file.resolve(xobject.dict.get('Height'));
      // pdf.js paints no operator for an image without a usable size.
      const sized = typeof width === 'number' && width > 0 && typeof height === 'number' && height > 0;
      if (mask === true || !sized || this.imagesSeen.has(ref ?? xobject)) this.run.unusualImages = true;
      this.imagesSeen.add(ref ?? xobject);
      return;
    }
    if (subtype !== 'Form') return decline(`XObject ${subtype}`);
    const key = ref instanceof Ref ? ref.num : -1;
    if (this.formsOpen.length >= MAX_FORM_DEPTH) decline('forms nested too deep');
    if (key >= 0 && this.formsOpen.includes(key)) decline('form XObject cycle');
    const matrixValue = this.file.resolve(xobject.dict.get('Matrix'));
    let matrix: Matrix | null = null;
    if (matrixValue !== undefined) {
      if (!Array.isArray(matrixValue) || matrixValue.length !== 6) decline('form matrix');
      matrix = matrixValue.map((v) => {
        const r = this.file.resolve(v);
        return typeof r === 'number' ? r : decline('form matrix');
      }) as Matrix;
    }
    const own = this.file.resolve(xobject.dict.get('Resources'));
    const formResources = isDict(own) ? own : resources;
    const state: GraphicsState = { ...gs, text: gs.text.clone() };
    if (matrix) state.text.ctm = multiply(state.text.ctm as Matrix, matrix);
    this.formsOpen.push(key);
    this.stream(this.file.decode(xobject), formResources, state);
    this.formsOpen.pop();
  }
}

const DEVICE_SPACES: Record<string, ColourSpace> = {
  DeviceGray: 'gray',
  G: 'gray',
  DeviceRGB: 'rgb',
  RGB: 'rgb',
  DeviceCMYK: 'cmyk',
  CMYK: 'cmyk',
  Pattern: null,
};

function setColour(gs: GraphicsState, stroke: boolean, space: ColourSpace, values: number[]): void {
  const colour = rgbOf(space!, values);
  if (stroke) {
    gs.strokeSpace = gs.strokePatternSpace = space;
    gs.stroke = colour;
  } else {
    gs.fillSpace = gs.fillPatternSpace = space;
    gs.fill = colour;
  }
}

const bytes = new Uint8ClampedArray(3);

/** pdf.js's getRgbHex of a device colour, as bytes (Uint8ClampedArray rounding included). */
function rgbOf(space: 'gray' | 'rgb' | 'cmyk', v: number[]): Colour {
  if (space === 'gray') {
    const c = v[0]! * 255;
    bytes[0] = bytes[1] = bytes[2] = c;
  } else if (space === 'rgb') {
    if (v.length < 3) return null;
    bytes[0] = v[0]! * 255;
    bytes[1] = v[1]! * 255;
    bytes[2] = v[2]! * 255;
  } else {
    if (v.length < 4) return null;
    const [c, m, y, k] = v as [number, number, number, number];
    bytes[0] =
      255 +
      c *
        (-4.387332384609988 * c +
          54.48615194189176 * m +
          18.82290502165302 * y +
          212.25662451639585 * k +
          -285.2331026137004) +
      m * (1.7149763477362134 * m - 5.6096736904047315 * y + -17.873870861415444 * k - 5.497006427196366) +
      y * (-2.5217340131683033 * y - 21.248923337353073 * k + 17.5119270841813) +
      k * (-21.86122147463605 * k - 189.48180835922747);
    bytes[1] =
      255 +
      c *
        (8.841041422036149 * c +
          60.118027045597366 * m +
          6.871425592049007 * y +
          31.159100130055922 * k +
          -79.2970844816548) +
      m * (-15.310361306967817 * m + 17.575251261109482 * y + 131.35250912493976 * k - 190.9453302588951) +
      y * (4.444339102852739 * y + 9.8632861493405 * k - 24.86741582555878) +
      k * (-20.737325471181034 * k - 187.80453709719578);
    bytes[2] =
      255 +
      c *
        (0.8842522430003296 * c +
          8.078677503112928 * m +
          30.89978309703729 * y -
          0.23883238689178934 * k +
          -14.183576799673286) +
      m * (10.49593273432072 * m + 63.02378494754052 * y + 50.606957656360734 * k - 112.23884253719248) +
      y * (0.03296041114873217 * y + 115.60384449646641 * k + -193.58209356861505) +
      k * (-22.33816807309886 * k - 180.12613974708367);
  }
  return [bytes[0]!, bytes[1]!, bytes[2]!];
}

/** rules.ts's test: every channel above 240 (white and near-white lines are not rules). */
function isWhite(c: [number, number, number]): boolean {
  return c[0] > 240 && c[1] > 240 && c[2] > 240;
}

function number(operands: PdfValue[], i: number): number {
  const v = operands[i];
  return typeof v === 'number' ? v : decline('operand is not a number');
}

function numbers(operands: PdfValue[], n: number): number[] {
  for (let i = 0; i < n; i++) if (typeof operands[i] !== 'number') decline('operand is not a number');
  return operands.slice(0, n) as number[];
}

function nameOperand(operands: PdfValue[], i: number): string {
  const v = operands[i];
  return v instanceof Name ? v.name : decline('operand is not a name');
}

function stringOperand(operands: PdfValue[], i: number): string {
  const v = operands[i];
  return typeof v === 'string' ? v : decline('operand is not a string');
}
