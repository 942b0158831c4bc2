/**
 * Numbers for the three official tables that satisfy every official identity (report-record.md,
 * 勾稽关系): row totals, outcome sums, the balance 一 + 二 = 三（七）+ 四, and reviews totals.
 * Distributions follow real reports: mostly zeros and small counts, now and then hundreds or thousands.
 */
import { CELLS, REQUEST_COLUMNS, REVIEW_GROUPS, REVIEW_OUTCOMES, type FormatId } from '../record/index.ts';
import type { CellValue } from '../record/index.ts';
import type { GeneratedKind } from './names.ts';
import type { Rng } from './rng.ts';

/** How busy the body is: decides the order of magnitude of every count. */
export type Scale = 'quiet' | 'small' | 'busy' | 'huge';

export interface TableOptions {
  /** Probability that a report leaves some zero cells blank (null), as real reports do. Default 0.1. */
  blankProbability?: number;
}

const APPLICANTS = REQUEST_COLUMNS.map((c) => c.key).filter((k) => k !== 'total');

export function randomScale(rng: Rng, kind: GeneratedKind): Scale {
  const weights: Record<GeneratedKind, [Scale, number][]> = {
    township: [
      ['quiet', 6],
      ['small', 3],
      ['busy', 1],
    ],
    subdistrict: [
      ['quiet', 5],
      ['small', 4],
      ['busy', 1],
    ],
    department: [
      ['quiet', 3],
      ['small', 5],
      ['busy', 2],
      ['huge', 0.5],
    ],
    government: [
      ['quiet', 1],
      ['small', 4],
      ['busy', 3],
      ['huge', 1],
    ],
  };
  return rng.weighted(weights[kind]);
}

/** Splits `n` into parts by (already perturbed) weights: exact draws when small, largest remainder when big. */
function splitCount(rng: Rng, n: number, weights: readonly number[]): number[] {
  const out = weights.map(() => 0);
  if (n <= 0) return out;
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) {
    out[0] = n;
    return out;
  }
  if (n <= 300) {
    for (let k = 0; k < n; k++) {
      let r = rng.next() * total;
      let i = 0;
      while (i < weights.length - 1 && r >= weights[i]!) r -= weights[i++]!;
      out[i]!++;
    }
    return out;
  }
  const exact = weights.map((w) => (n * w) / total);
  let assigned = 0;
  exact.forEach((x, i) => {
    out[i] = Math.floor(x);
    assigned += out[i]!;
  });
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; assigned < n; k++, assigned++) out[order[k % order.length]![1]]!++;
  return out;
}

/** Weights with per-report noise; some categories switched off so tables stay sparse like real ones. */
function perturb(rng: Rng, base: readonly number[], dropout: number): number[] {
  return base.map((w, i) => (i > 0 && rng.chance(dropout) ? 0 : w * (0.2 + 1.6 * rng.next())));
}

function countFor(rng: Rng, scale: Scale): number {
  switch (scale) {
    case 'quiet':
      return rng.chance(0.75) ? 0 : rng.int(1, 3);
    case 'small':
      return rng.chance(0.25) ? 0 : rng.int(1, rng.chance(0.8) ? 12 : 40);
    case 'busy':
      return rng.int(5, rng.chance(0.7) ? 120 : 600);
    case 'huge':
      return rng.int(300, rng.chance(0.7) ? 2500 : 9000);
  }
}

/** A money amount in 万元 with 0, 2 or 4 decimals, below `maxWan`. */
function randomMoney(rng: Rng, maxWan: number): number {
  const tenThousandths = rng.int(1, Math.max(1, Math.round(maxWan * 10000)));
  const decimals = rng.weighted([
    [4, 3],
    [2, 4],
    [0, 2],
  ] as const);
  const unit = 10 ** (4 - decimals);
  const k = Math.max(unit, Math.round(tenThousandths / unit) * unit);
  return k / 10000;
}

function magnitude(rng: Rng, scale: Scale, quiet: number, small: number, busy: number, huge: number): number {
  const max = { quiet, small, busy, huge }[scale];
  if (max === 0 || rng.chance(scale === 'quiet' ? 0.85 : 0.35)) return 0;
  // Skewed towards small values: most bodies handle a few items, some very many.
  return Math.round(max * rng.next() ** 3);
}

function requestCells(rng: Rng, format: FormatId, scale: Scale, cells: Record<string, CellValue>): void {
  const received = countFor(rng, scale);
  const applicantWeights = perturb(rng, [80, 10, 0.6, 0.8, 1.5, 3], 0.5);
  const receivedBy = splitCount(rng, received, applicantWeights);
  const carriedTotal = rng.chance(0.25) ? rng.int(1, Math.max(1, Math.ceil(received / 8) + 1)) : 0;
  const carriedBy = splitCount(rng, carriedTotal, applicantWeights);

  const outcomeRows = CELLS[format]
    .filter((c) => c.table === 'requests' && c.column.key === 'total')
    .map((c) => c.row.key)
    .filter((k) => !['received', 'carriedOver', 'processedTotal', 'carriedForward'].includes(k));
  const baseOutcome: Record<string, number> = {
    granted: 45,
    partiallyGranted: 8,
    'withheld.stateSecret': 0.5,
    'withheld.prohibitedByLaw': 1,
    'withheld.securityStability': 0.5,
    'withheld.thirdPartyRights': 2,
    'withheld.internalAffairs': 1.5,
    'withheld.processInformation': 2.5,
    'withheld.enforcementFiles': 1,
    'withheld.queryMatters': 1,
    'unavailable.notHeld': 15,
    'unavailable.needsCreation': 3,
    'unavailable.stillUnclear': 2,
    'declined.complaint': 4,
    'declined.repeated': 3,
    'declined.publications': 0.7,
    'declined.excessive': 0.7,
    'declined.confirmation': 0.8,
    other: 3,
    'other.noCorrection': 2,
    'other.unpaidFee': 0.3,
    'other.otherReasons': 2,
  };
  const outcomeWeights = perturb(
    rng,
    outcomeRows.map((k) => baseOutcome[k] ?? 1),
    0.6,
  );

  const rows: Record<string, number[]> = {};
  const set = (row: string, col: number, v: number) => {
    (rows[row] ??= APPLICANTS.map(() => 0))[col] = v;
  };
  APPLICANTS.forEach((_, c) => {
    const available = receivedBy[c]! + carriedBy[c]!;
    const forward = available > 0 && rng.chance(0.25) ? rng.int(0, Math.ceil(available * 0.2)) : 0;
    const processed = available - forward;
    set('received', c, receivedBy[c]!);
    set('carriedOver', c, carriedBy[c]!);
    set('processedTotal', c, processed);
    set('carriedForward', c, forward);
    const parts = splitCount(rng, processed, outcomeWeights);
    outcomeRows.forEach((row, i) => set(row, c, parts[i]!));
  });
  for (const [row, values] of Object.entries(rows)) {
    APPLICANTS.forEach((col, c) => (cells[`requests.${row}.${col}`] = values[c]!));
    cells[`requests.${row}.total`] = values.reduce((s, v) => s + v, 0);
  }
}

function reviewCells(rng: Rng, scale: Scale, cells: Record<string, CellValue>): void {
  const max = { quiet: 1, small: 4, busy: 12, huge: 60 }[scale];
  const p = { quiet: 0.03, small: 0.15, busy: 0.45, huge: 0.8 }[scale];
  for (const group of REVIEW_GROUPS) {
    const n = rng.chance(group.key === 'reconsideration' ? p : p / 2) ? rng.int(1, max) : 0;
    const parts = splitCount(rng, n, perturb(rng, [5, 1, 2, 2], 0.4));
    let total = 0;
    REVIEW_OUTCOMES.filter((o) => o.key !== 'total').forEach((o, i) => {
      cells[`reviews.${group.key}.${o.key}`] = parts[i]!;
      total += parts[i]!;
    });
    cells[`reviews.${group.key}.total`] = total;
  }
}

function activeCells(
  rng: Rng,
  format: FormatId,
  scale: Scale,
  kind: GeneratedKind,
  cells: Record<string, CellValue>,
): void {
  const set = (id: string, v: number) => (cells[`active.${id}`] = v);
  // 规章 are made only by provincial and 设区的市 governments: almost always 0 elsewhere.
  const makesRegulations = kind === 'government' && rng.chance(0.15);
  const docsMax = { quiet: 2, small: 12, busy: 40, huge: 90 }[scale];

  if (format === '2019') {
    const regMade = makesRegulations ? rng.int(0, 6) : 0;
    set('regulations.made', regMade);
    set('regulations.published', regMade);
    set('regulations.total', makesRegulations ? regMade + rng.int(0, 80) : 0);
    const docs = magnitude(rng, scale, docsMax, docsMax, docsMax, docsMax);
    const docsPublished = rng.chance(0.8) ? docs : rng.int(0, docs);
    set('normativeDocuments.made', docs);
    set('normativeDocuments.published', docsPublished);
    set(
      'normativeDocuments.total',
      docsPublished + (rng.chance(0.6) ? magnitude(rng, scale, 5, 60, 300, 900) : 0),
    );
    for (const item of ['licensing', 'otherServices', 'punishment', 'coercion'] as const) {
      const previous = magnitude(rng, scale, 10, 60, 400, 1500);
      const change = previous > 0 && rng.chance(0.4) ? rng.int(-Math.min(previous, 20), 25) : 0;
      set(`${item}.previous`, previous);
      set(`${item}.change`, change);
      set(`${item}.decisions`, magnitude(rng, scale, 20, 300, 5000, 40000));
    }
    const fees = magnitude(rng, scale, 2, 8, 20, 40);
    set('fees.previous', fees);
    set('fees.change', fees > 0 && rng.chance(0.3) ? rng.int(-Math.min(fees, 3), 3) : 0);
    const projects = magnitude(rng, scale, 2, 10, 60, 300);
    set('procurement.projects', projects);
    cells['active.procurement.amountWan'] =
      projects > 0 ? randomMoney(rng, rng.chance(0.7) ? 300 : 20000) : 0;
    return;
  }

  const regIssued = makesRegulations ? rng.int(0, 5) : 0;
  const regRepealed = makesRegulations && rng.chance(0.3) ? rng.int(0, 3) : 0;
  set('regulations.issued', regIssued);
  set('regulations.repealed', regRepealed);
  set('regulations.inForce', makesRegulations ? regIssued + rng.int(0, 90) : 0);
  const issued = magnitude(rng, scale, docsMax, docsMax, docsMax, docsMax);
  set('normativeDocuments.issued', issued);
  set('normativeDocuments.repealed', rng.chance(0.3) ? magnitude(rng, scale, 1, 5, 20, 60) : 0);
  set('normativeDocuments.inForce', issued + (rng.chance(0.7) ? magnitude(rng, scale, 5, 60, 300, 900) : 0));
  set('licensing.decisions', magnitude(rng, scale, 30, 400, 8000, 60000));
  set('punishment.decisions', magnitude(rng, scale, 10, 120, 3000, 20000));
  set('coercion.decisions', magnitude(rng, scale, 2, 20, 200, 1500));
  cells['active.fees.amountWan'] = rng.chance({ quiet: 0.05, small: 0.15, busy: 0.35, huge: 0.6 }[scale])
    ? randomMoney(rng, rng.chance(0.7) ? 500 : 50000)
    : 0;
}

/**
 * Some reports leave zero cells blank: whole zero outcome rows (总计 too), or the applicant columns of a
 * zero row with 0 printed in 总计. Blank counts as 0, so every identity still holds.
 */
function blankZeros(rng: Rng, format: FormatId, cells: Record<string, CellValue>): void {
  const pattern = rng.weighted([
    ['wholeRows', 2],
    ['applicantsOnly', 2],
    ['activeToo', 1],
  ] as const);
  const fixed = ['received', 'carriedOver', 'processedTotal', 'carriedForward'];
  const rows = new Set(
    CELLS[format].filter((c) => c.table === 'requests' && !fixed.includes(c.row.key)).map((c) => c.row.key),
  );
  for (const row of rows) {
    const ids = REQUEST_COLUMNS.map((c) => `requests.${row}.${c.key}`);
    if (ids.some((id) => cells[id] !== 0)) continue;
    for (const id of ids) if (pattern === 'wholeRows' || !id.endsWith('.total')) cells[id] = null;
  }
  if (pattern === 'activeToo') {
    for (const c of CELLS[format]) {
      if (c.table === 'active' && cells[c.id] === 0 && rng.chance(0.7)) cells[c.id] = null;
    }
  }
}

/** Every official cell of `format`, as a flat map (cell id → value). */
export function randomCells(
  rng: Rng,
  format: FormatId,
  kind: GeneratedKind,
  scale: Scale,
  options: TableOptions = {},
): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {};
  activeCells(rng, format, scale, kind, cells);
  requestCells(rng, format, scale, cells);
  reviewCells(rng, scale, cells);
  if (rng.chance(options.blankProbability ?? 0.1)) blankZeros(rng, format, cells);
  const ordered: Record<string, CellValue> = {};
  for (const c of CELLS[format]) {
    const v = cells[c.id];
    if (v === undefined) throw new Error(`generator left ${c.id} unset`);
    ordered[c.id] = v;
  }
  return ordered;
}
