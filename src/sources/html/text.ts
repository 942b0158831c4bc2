/** Whitespace in HTML text, as a reader sees it rendered. */

const SPACE_RUN = /[\s\u200b]+/g;
const HAS_SPACE = /[\s\u200b]/;
const ZERO_WIDTH_ONLY = /^[\u200b\ufeff]+$/;
const LINE_BREAK = /[\n\r]/;
/** CJK ideographs, CJK punctuation and full-width forms. */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/**
 * Collapses whitespace runs (including NBSP and U+3000) to one space and trims. A run with a line
 * break between two CJK characters disappears: CMS and Word exports wrap source lines inside words
 * (「本年新制\r\n作数量」), and CSS Text 3 renders such a break as nothing.
 */
export function normalizeLine(raw: string): string {
  if (!HAS_SPACE.test(raw)) return raw;
  // Only white space (trim() removes exactly what \s matches): the source line breaks between blocks.
  if (raw.trim() === '') return '';
  return raw
    .replace(SPACE_RUN, (run: string, at: number) => {
      if (ZERO_WIDTH_ONLY.test(run)) return '';
      if (LINE_BREAK.test(run)) {
        const before = raw[at - 1];
        const after = raw[at + run.length];
        if (before !== undefined && after !== undefined && WIDE.test(before) && WIDE.test(after)) return '';
      }
      return ' ';
    })
    .trim();
}
