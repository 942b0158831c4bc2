/**
 * The record's cells inside the pipeline (record/cell-list.ts, record/cell-tree.ts), the origins check that
 * spares zod's copy (record/plain-object-check.ts) and the rules' shared text searches
 * (rules/helpers/prose.ts): each fast path against the plain way it stands for.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { plainObjectCheck } from '../src/record/plain-object-check.ts';
import { FORMAT_IDS, SLOT_IDS, slotOf, slotsOf } from '../src/record/cell-list.ts';
import { cellListOf } from '../src/record/cell-tree.ts';
import {
  ALL_CELL_IDS,
  CellOrigin,
  cellsOf,
  flattenTables,
  parseRecord,
  ReportRecord,
  nestCells,
  SCHEMA_ID,
  type CellTree,
  type CellValue,
} from '../src/record/index.ts';
import { Search, statements } from '../src/rules/helpers/prose.ts';
import { ruleContext } from '../src/rules/index.ts';

/** Nesting as the format describes it: each id split at its dots, cell by cell, in order. */
function plainNest(cells: ReadonlyArray<readonly [string, CellValue]>): CellTree {
  const root: CellTree = { active: {}, requests: {}, reviews: {} };
  for (const [id, value] of cells) {
    const keys = id.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      node = next === undefined || next === null || typeof next === 'number' ? (node[key] = {}) : next;
    }
    node[keys[keys.length - 1]!] = value;
  }
  return root;
}

const valueOf = (i: number): CellValue => (i % 11 === 0 ? null : i % 7);

test('every official id has one slot; other ids have none', () => {
  assert.equal(SLOT_IDS.length, ALL_CELL_IDS.size);
  SLOT_IDS.forEach((id, slot) => assert.equal(slotOf(id), slot));
  assert.equal(slotOf('requests.withheld'), -1);
  assert.throws(() => slotsOf(['requests.received.totl']), /not an official cell id/);
});

for (const format of ['2019', '2021'] as const) {
  test(`a whole ${format} report read in order nests as the plain way does`, () => {
    const cells = FORMAT_IDS[format].map((id, i) => [id, valueOf(i)] as const);
    const tables = nestCells(new Map(cells));
    assert.equal(JSON.stringify(tables), JSON.stringify(plainNest(cells)));
    assert.deepEqual(Object.entries(flattenTables(tables)), cells);
  });

  test(`${format} cells out of order, or some missing, nest as the plain way does`, () => {
    const all = FORMAT_IDS[format].map((id, i) => [id, valueOf(i)] as const);
    const variants = [
      [...all].reverse(),
      all.filter((_, i) => i % 3 !== 0),
      [...all.slice(40), ...all.slice(0, 40)],
      all.slice(0, -1),
    ];
    for (const cells of variants) {
      const tables = nestCells(Object.fromEntries(cells));
      assert.equal(JSON.stringify(tables), JSON.stringify(plainNest(cells)));
      assert.deepEqual(Object.entries(flattenTables(tables)), cells);
    }
  });
}

test('ids that are not official cells, and a cell in the way of another, nest as the plain way does', () => {
  const cells = [
    ['requests.withheld', 3],
    ['requests.withheld.stateSecret.total', 1],
    ['x', 2],
    ['active.regulations.made', null],
    ['active.regulations', 4],
  ] as const;
  const tables = nestCells(new Map(cells));
  assert.equal(JSON.stringify(tables), JSON.stringify(plainNest(cells)));
  assert.deepEqual(Object.entries(flattenTables(tables)), cells);
});

test('tables read back from JSON: the walk lists the cells as flattenTables does, a repeated id once', () => {
  const tables = {
    active: {},
    requests: { received: { total: 5, naturalPerson: null }, 'received.total': 7 },
    reviews: { reconsideration: { total: 0 } },
  } as unknown as ReportRecord['tables'];
  const flat = flattenTables(tables);
  assert.deepEqual(Object.entries(flat), [
    ['requests.received.total', 7],
    ['requests.received.naturalPerson', null],
    ['reviews.reconsideration.total', 0],
  ]);
  const record = { tables } as ReportRecord;
  assert.deepEqual(Object.entries(cellsOf(record)), Object.entries(flat));
  const list = cellListOf(tables);
  assert.equal(list.bySlot[slotOf('requests.received.total')], 7);
  assert.equal(list.bySlot[slotOf('requests.received.naturalPerson')], null);
  assert.equal(list.bySlot[slotOf('requests.carriedOver.total')], undefined);
});

function recordWith(texts: string[]): ReportRecord {
  return {
    schema: SCHEMA_ID,
    agency: null,
    agencyKind: null,
    year: 2021,
    period: null,
    format: 'unknown',
    publishedOn: null,
    sections: texts.map((text, i) => ({ number: i + 1, title: '', text })),
    tables: nestCells({}),
    source: { name: 'x', kind: 'text', sha256: '', url: null },
  };
}

test('a search walked by two rules finds what a global scan finds, in order, from where each stopped', () => {
  const pattern = /收到(\d+)件/g;
  const search = new Search(pattern, '收到');
  const texts = ['收到1件，收到2件。', '没有', '再收到3件收到4件', '收到'];
  const record = recordWith(texts);
  const expected = texts.flatMap((text, s) =>
    [...text.matchAll(/收到(\d+)件/g)].map((m) => ({ section: s + 1, index: m.index, value: m[1] })),
  );
  const ctx = ruleContext(record);
  const seen = (limit: number) => {
    const out: Array<{ section: number; index: number; value: string | undefined }> = [];
    for (const s of statements(ctx, search)) {
      out.push({ section: s.section, index: s.match.index, value: s.match[1] });
      if (out.length === limit) break;
    }
    return out;
  };
  // A rule that stops early, then one that reads everything, then one more.
  assert.deepEqual(seen(2), expected.slice(0, 2));
  assert.deepEqual(seen(Infinity), expected);
  assert.deepEqual(seen(Infinity), expected);
  // A new check reads again.
  assert.deepEqual(
    [...statements(ruleContext(recordWith(['收到9件'])), search)].map((s) => s.match[1]),
    ['9'],
  );
});

test('an origin passes the plain check only when CellOrigin would return it unchanged', () => {
  const passes = plainObjectCheck(CellOrigin);
  const base = { text: '22（其中修订16件）', start: 10, end: 20, line: 3 };
  const candidates: unknown[] = [
    base,
    { text: '0', start: 0, end: 1 },
    { ...base, page: 2, undetermined: 'shortRow', unit: '万元', ocr: true },
    { ...base, extra: 1 },
    { start: 10, text: 'x', end: 20 },
    { ...base, unit: 'assumed', page: 2 },
    { ...base, start: -1 },
    { ...base, line: 0 },
    { ...base, line: 1.5 },
    { ...base, start: Number.NaN },
    { ...base, end: 2 ** 60 },
    { ...base, unit: '千元' },
    { ...base, ocr: 'yes' },
    { ...base, undetermined: undefined },
    { start: 1, end: 2 },
    { ...base, text: 5 },
    null,
    [],
    'text',
    Object.assign(Object.create({ inherited: 1 }), base),
  ];
  const accepted = candidates.filter((value) => passes(value));
  assert.equal(accepted.length, 3, 'the three well-formed origins, in the schema’s key order');
  for (const value of candidates) {
    if (!passes(value)) continue;
    const parsed = CellOrigin.safeParse(value);
    assert.ok(parsed.success);
    assert.equal(JSON.stringify(parsed.data), JSON.stringify(value), 'zod returns what passed, key for key');
  }
  // What fails the check is left to zod, which keeps what it can and refuses the rest.
  assert.ok(CellOrigin.safeParse({ start: 10, text: 'x', end: 20 }).success);
  assert.ok(!CellOrigin.safeParse({ ...base, start: -1 }).success);
});

test('a schema with a field the plain check cannot judge is refused where the check is made', () => {
  assert.throws(() => plainObjectCheck(z.object({ date: z.string().regex(/^\d+$/) })), /"date"/);
  assert.throws(() => plainObjectCheck(z.object({ list: z.array(z.string()) })), /"list"/);
  assert.throws(() => plainObjectCheck(z.object({ n: z.number().max(3) })), /"n"/);
});

test('a record parses to the same value with origins taken as they are or copied by zod', () => {
  const record = {
    schema: SCHEMA_ID,
    agency: '孝义市振兴街道办事处',
    agencyKind: 'subdistrict',
    year: 2020,
    period: null,
    format: '2019',
    publishedOn: null,
    sections: [],
    tables: { active: {}, requests: { received: { total: 3 } }, reviews: {} },
    source: { name: 'r.txt', kind: 'text', sha256: 'ab', url: null },
    origins: {
      'requests.received.total': { text: '3', start: 5, end: 6, line: 2 },
      'requests.granted.total': { end: 9, start: 8, text: '1' },
    },
  };
  const plainOnly = {
    ...record,
    origins: { 'requests.received.total': record.origins['requests.received.total'] },
  };
  for (const input of [record, plainOnly]) {
    assert.equal(
      JSON.stringify(parseRecord(structuredClone(input))),
      JSON.stringify(ReportRecord.parse(structuredClone(input))),
    );
  }
  assert.throws(() =>
    parseRecord({ ...record, origins: { 'requests.received.total': { text: '3', start: -5, end: 6 } } }),
  );
});
