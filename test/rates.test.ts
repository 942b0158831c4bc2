/** The reviewer's rates (src/record/rates.ts): cells of both formats, zero denominators, formulas that name the rows. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CATALOGUE,
  CELLS,
  FORMATS,
  RATES,
  REVIEW_GROUPS,
  REVIEW_OUTCOMES,
  cellDef,
  cellsOf,
  computeRate,
  computeRates,
  nestCells,
  parseRecord,
  SCHEMA_ID,
  type FormatId,
  type RateValue,
} from '../src/record/index.ts';

/** Every cell of a format at 0, then the given values. */
function cellsFor(format: FormatId, values: Record<string, number | null>): Record<string, number | null> {
  const cells: Record<string, number | null> = {};
  for (const c of CELLS[format]) cells[c.id] = 0;
  for (const [id, v] of Object.entries(values)) {
    assert.ok(cellDef(format, id), `${id} is a cell of format ${format}`);
    cells[id] = v;
  }
  return cells;
}

const byId = (rates: RateValue[]) => Object.fromEntries(rates.map((r) => [r.id, r]));

const VALUES: Record<string, number | null> = {
  'requests.granted.total': 30,
  'requests.partiallyGranted.total': 10,
  'requests.withheld.stateSecret.total': 2,
  'requests.withheld.thirdPartyRights.total': 3,
  'requests.withheld.processInformation.total': null,
  'requests.unavailable.notHeld.total': 15,
  'requests.processedTotal.total': 80,
  'reviews.reconsideration.upheld': 5,
  'reviews.reconsideration.corrected': 2,
  'reviews.reconsideration.other': 1,
  'reviews.reconsideration.pending': 4,
  'reviews.reconsideration.total': 12,
  'reviews.lawsuitDirect.upheld': 3,
  'reviews.lawsuitDirect.corrected': 1,
  'reviews.lawsuitDirect.pending': 7,
  'reviews.lawsuitAfterReconsideration.upheld': 2,
  'reviews.lawsuitAfterReconsideration.corrected': 1,
  'reviews.lawsuitAfterReconsideration.other': 1,
  'reviews.lawsuitAfterReconsideration.pending': 9,
};

describe('rate definitions', () => {
  test('four rates, each id once, in the order a reviewer reads them', () => {
    assert.deepEqual(
      RATES.map((r) => r.name),
      ['予以公开率', '不予公开率', '复议纠错率', '诉讼纠错率'],
    );
    assert.equal(new Set(RATES.map((r) => r.id)).size, RATES.length);
  });

  test('every cell a rate names exists, with the same id, in both formats', () => {
    for (const def of RATES) {
      for (const id of [...def.numerator, ...def.denominator]) {
        for (const format of FORMATS)
          assert.ok(cellDef(format, id), `${def.name}: ${id} in format ${format}`);
      }
    }
  });

  test('the denominators: （七）总计 for table 三, decided cases only (no 尚未审结, no 总计) for table 四', () => {
    const [granted, withheld, reconsideration, lawsuit] = RATES;
    assert.deepEqual(granted!.denominator, ['requests.processedTotal.total']);
    assert.deepEqual(withheld!.denominator, ['requests.processedTotal.total']);
    assert.ok(!granted!.numerator.includes('requests.partiallyGranted.total'), '部分公开 is not 予以公开');
    // 不予公开: the eight items of （三）, nothing of （四） or （五）.
    const items = CATALOGUE['2021'].requests.groups[0]!.rows.filter((r) => r.key.startsWith('withheld.'));
    assert.equal(items.length, 8);
    assert.deepEqual(
      withheld!.numerator,
      items.map((r) => `requests.${r.key}.total`),
    );
    assert.deepEqual(reconsideration!.numerator, ['reviews.reconsideration.corrected']);
    assert.deepEqual(reconsideration!.denominator, [
      'reviews.reconsideration.upheld',
      'reviews.reconsideration.corrected',
      'reviews.reconsideration.other',
    ]);
    assert.deepEqual(lawsuit!.numerator, [
      'reviews.lawsuitDirect.corrected',
      'reviews.lawsuitAfterReconsideration.corrected',
    ]);
    assert.equal(lawsuit!.denominator.length, 6);
    for (const def of [reconsideration!, lawsuit!]) {
      assert.ok(def.denominator.every((id) => !/\.(pending|total)$/.test(id)));
    }
  });

  test('each formula names the table, rows and columns as the report prints them', () => {
    const rows = CATALOGUE['2021'].requests.groups[0]!.rows;
    const label = (key: string) => rows.find((r) => r.key === key)!.label;
    const outcome = (key: string) => REVIEW_OUTCOMES.find((o) => o.key === key)!.label;
    const group = (key: string) => REVIEW_GROUPS.find((g) => g.key === key)!.label;
    const [granted, withheld, reconsideration, lawsuit] = RATES;
    for (const def of RATES) {
      assert.ok(def.formula.startsWith(`${def.name} = `), def.formula);
      assert.ok(def.formula.includes(' ÷ '), def.formula);
      assert.equal(def.formula, `${def.name} = ${def.numeratorLabel} ÷ ${def.denominatorLabel}`);
    }
    for (const def of [granted!, withheld!]) {
      assert.match(def.formula, /^\S+ = 表三 /);
      assert.ok(def.formula.includes('（七）总计'), def.formula);
      assert.ok(def.formula.includes('总计列'), def.formula);
    }
    assert.ok(granted!.formula.includes('（一）予以公开'));
    assert.ok(label('granted').endsWith('（一）予以公开'));
    assert.ok(withheld!.formula.includes('（三）不予公开'));
    for (const key of ['withheld.stateSecret', 'withheld.queryMatters'])
      assert.ok(withheld!.formula.includes(label(key).split(' ')[1]!), key);
    for (const def of [reconsideration!, lawsuit!]) {
      assert.match(def.formula, /^\S+ = 表四 /);
      for (const o of ['upheld', 'corrected', 'other', 'pending'])
        assert.ok(def.formula.includes(`“${outcome(o)}”`), `${def.name}: ${o}`);
      assert.ok(def.formula.includes('不计“尚未审结”'));
    }
    assert.ok(reconsideration!.formula.includes(group('reconsideration')));
    assert.ok(lawsuit!.formula.includes('“未经复议直接起诉”') && lawsuit!.formula.includes('“复议后起诉”'));
    assert.ok(group('lawsuitDirect').endsWith('未经复议直接起诉'));
  });
});

describe('computeRates', () => {
  for (const format of FORMATS) {
    test(`format ${format}: value, numerator and denominator of each rate`, () => {
      const rates = byId(computeRates(cellsFor(format, VALUES)));
      assert.deepEqual(
        { ...rates.grantedRate, formula: undefined },
        {
          id: 'grantedRate',
          name: '予以公开率',
          formula: undefined,
          numerator: 30,
          denominator: 80,
          value: 0.375,
          reason: null,
        },
      );
      // A blank cell (null) counts as 0, as in the official identities.
      assert.deepEqual([rates.withheldRate!.numerator, rates.withheldRate!.denominator], [5, 80]);
      assert.equal(rates.withheldRate!.value, 5 / 80);
      assert.deepEqual(
        [rates.reconsiderationCorrectedRate!.numerator, rates.reconsiderationCorrectedRate!.denominator],
        [2, 8],
      );
      assert.equal(rates.reconsiderationCorrectedRate!.value, 0.25);
      assert.deepEqual(
        [rates.lawsuitCorrectedRate!.numerator, rates.lawsuitCorrectedRate!.denominator],
        [2, 8],
      );
      assert.equal(rates.lawsuitCorrectedRate!.value, 0.25);
    });
  }

  test('the other rows of each format do not change the rates', () => {
    const a = computeRates(cellsFor('2019', { ...VALUES, 'requests.other.total': 7 }));
    const b = computeRates(cellsFor('2021', { ...VALUES, 'requests.other.noCorrection.total': 7 }));
    assert.deepEqual(a, b);
  });

  test('a zero denominator gives null and a reason naming it', () => {
    const rates = byId(computeRates(cellsFor('2021', { 'reviews.reconsideration.pending': 3 })));
    for (const r of Object.values(rates)) {
      assert.equal(r.value, null);
      assert.equal(r.denominator, 0);
      assert.match(r.reason!, /^分母 .+ 为 0，无法计算$/);
    }
    assert.ok(rates.grantedRate!.reason!.includes('（七）总计'));
    assert.ok(rates.reconsiderationCorrectedRate!.reason!.includes('行政复议'));
    // Only pending cases: the reconsideration rate is not 0 %, it cannot be computed.
    assert.equal(rates.reconsiderationCorrectedRate!.numerator, 0);
  });

  test('cells that are absent (a legacy report, no table 四) give null and say so', () => {
    const rates = byId(computeRates({ 'requests.granted.total': 1, 'requests.processedTotal.total': 4 }));
    assert.equal(rates.grantedRate!.value, 0.25);
    assert.equal(rates.lawsuitCorrectedRate!.value, null);
    assert.match(rates.lawsuitCorrectedRate!.reason!, /^数据中没有 表四 /);
    const none = computeRate(RATES[0]!, {});
    assert.equal(none.value, null);
    assert.match(none.reason!, /数据中没有 表三 “（七）总计”行 总计列/);
  });

  test("one report's flat cells (cellsOf a record)", () => {
    const cells = cellsFor('2021', VALUES);
    const record = parseRecord({
      schema: SCHEMA_ID,
      title: null,
      agency: '某县教育局',
      agencyKind: 'department',
      year: 2023,
      period: null,
      format: '2021',
      publishedOn: null,
      sections: [],
      tables: nestCells(cells),
      source: { name: 't.txt', kind: 'text', sha256: '', url: null },
    });
    assert.deepEqual(computeRates(cellsOf(record)), computeRates(cells));
  });
});
