/**
 * The benchmark corpus: synthetic reports in every layout, generated batch by batch from a fixed seed so
 * that memory holds one batch at a time and generation stays out of the timings.
 */
import {
  createRng,
  deriveSeed,
  randomRecord,
  renderReport,
  type Encoding,
  type LayoutFamily,
  type LayoutName,
} from '../src/synthetic/index.ts';

export interface CorpusItem {
  index: number;
  name: string;
  bytes: Uint8Array;
  layout: LayoutName;
  encoding: Encoding;
  /** Timings are reported per family: a later DOCX or PDF corpus adds its own. */
  family: LayoutFamily;
}

/** Share of each layout in the corpus (text exports are the common case; a third of reports are web pages). */
export const LAYOUT_MIX: readonly (readonly [LayoutName, number])[] = [
  ['html', 30],
  ['tab-cell-lines', 15],
  ['one-cell-per-paragraph', 15],
  ['tab-rows', 10],
  ['pipe-cells', 10],
  ['markdown', 10],
  ['crawler', 10],
];
const GB18030_SHARE = 0.1;

export function generateBatch(seed: number, from: number, count: number): CorpusItem[] {
  const items: CorpusItem[] = [];
  for (let index = from; index < from + count; index++) {
    const rng = createRng(deriveSeed(seed, index, 'bench'));
    const record = randomRecord(rng);
    const layout = rng.weighted(LAYOUT_MIX);
    const encoding: Encoding = rng.chance(GB18030_SHARE) ? 'gb18030' : 'utf-8';
    const file = renderReport(record, layout, rng, { encoding });
    items.push({ index, name: file.name, bytes: file.bytes, layout, encoding, family: file.family });
  }
  return items;
}
