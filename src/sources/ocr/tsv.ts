/**
 * tesseract's TSV output → words with their boxes, in pixels. Word boxes are ink boxes (「一」 is a few
 * pixels high, a digit shorter than a character): a word's line is found from its box's middle, and its
 * size is at least most of the page's usual word height.
 */

export interface OcrWord {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  size: number;
  confidence: number;
}

/** Marks a blank cell is printed with (「-」「—」), which OCR often reads as underscores. */
const DASH = /^[_\-—–－]+$/;
/** Lone marks that are specks or remains of rules, when OCR itself doubts them. */
const SPECK = /^[|丨.。·'‘’"“”:：;；,，]+$/;
const DOUBTFUL = 30;
/** Quote marks and bars OCR glues to a number (specks, remains of a rule): 「“9」「0|」. */
const STRAY_AROUND_NUMBER = /^[“”‘’'"|丨]+(?=[0-9])|(?<=[0-9])[“”‘’'"|丨]+$/g;

export function wordsOf(tsv: string): OcrWord[] {
  const boxes: { text: string; left: number; top: number; width: number; height: number; conf: number }[] =
    [];
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').replace(/\s+/g, '').replace(STRAY_AROUND_NUMBER, '');
    const [left, top, width, height, conf] = cols.slice(6, 11).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (text === '' || (SPECK.test(text) && conf < DOUBTFUL)) continue;
    boxes.push({ text: DASH.test(text) ? '-' : text, left, top, width, height, conf });
  }
  const heights = boxes.map((b) => b.height).sort((a, b) => a - b);
  const usual = heights[Math.floor(heights.length / 2)] ?? 0;
  return boxes.map((b) => {
    const size = Math.max(b.height, 0.8 * usual);
    return {
      text: b.text,
      x0: b.left,
      x1: b.left + b.width,
      // The layout places a fragment by its em box: its middle is 0.38 em above the baseline.
      baseline: b.top + b.height / 2 + 0.38 * size,
      size,
      confidence: b.conf,
    };
  });
}
