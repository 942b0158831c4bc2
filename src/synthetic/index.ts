/**
 * Synthetic reports: valid records of both official formats (`randomRecord`) printed in every layout real
 * reports come in (`renderReport`), for the round-trip test and the benchmark. Seeded: every file can be
 * regenerated from (seed, case index, layout).
 */
export { createRng, deriveSeed, type Rng } from './rng.ts';
export { randomRecord, type RandomRecordOptions } from './random-record.ts';
export {
  LAYOUTS,
  LAYOUT_NAMES,
  renderReport,
  type Encoding,
  type LayoutFamily,
  type LayoutName,
  type RenderedReport,
  type RenderOptions,
} from './layouts/index.ts';
