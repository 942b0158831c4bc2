/**
 * The registry of bodies: the units file (validation, CSV/XLSX, Chinese headers, GB18030), name matching,
 * pinyin initials, and the `units` and `coverage` commands run as the binary.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseCsv } from '../src/cli/units-file.ts';
import {
  buildMatcher,
  coreName,
  pinyinInitials,
  UnitsError,
  validateUnits,
  type BodyForMatching,
  type UnitRow,
} from '../src/store/index.ts';
import { STACK_FRAME, xxgk } from './support/cli.ts';
import { variant } from './support/variants.ts';

const FX = 'test/fixtures/units';
const temp: string[] = [];
after(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-units-'));
  temp.push(dir);
  return dir;
}

const row = (
  line: number,
  id: string,
  parentId: string,
  name = `单位${id}`,
  kind = '部门',
  level = '单位',
): UnitRow => ({
  line,
  id,
  parentId,
  name,
  kind,
  level,
});

function problems(rows: UnitRow[]): string[] {
  try {
    validateUnits(rows);
  } catch (e) {
    if (e instanceof UnitsError) return e.problems.map((p) => p.zh);
    throw e;
  }
  return [];
}

describe('units file validation', () => {
  test('paths follow the parents', () => {
    const bodies = validateUnits([
      row(2, '23', '', '黑龙江省人民政府', '人民政府', '省'),
      row(3, '2301', '23', '哈尔滨市人民政府', '人民政府', '市'),
      row(4, '230109', '2301', '松北区人民政府', 'government', 'county'),
    ]);
    assert.deepEqual(
      bodies.map((b) => [b.id, b.path, b.kind, b.level]),
      [
        ['23', '/23/', 'government', 'province'],
        ['2301', '/23/2301/', 'government', 'city'],
        ['230109', '/23/2301/230109/', 'government', 'county'],
      ],
    );
  });

  test('a cycle is named with its ids', () => {
    const found = problems([row(2, 'A', 'C'), row(3, 'B', 'A'), row(4, 'C', 'B'), row(5, 'D', 'C')]);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /编码 .* → .* → .* → .* 构成循环/);
    for (const id of ['A', 'B', 'C']) assert.ok(found[0]!.includes(id));
    assert.match(problems([row(2, 'A', 'A')])[0]!, /编码 A → A 构成循环/);
  });

  test('duplicate ids, unknown parents, kinds and levels are all listed', () => {
    const found = problems([
      row(2, 'A', ''),
      row(3, 'A', ''),
      row(4, 'B', 'Z'),
      row(5, 'C', '', '某单位', '公司', '单位'),
      row(6, 'D', '', '某单位', '部门', '乡'),
      row(7, '', ''),
      row(8, 'E/F', ''),
    ]);
    assert.ok(found.includes('编码 A 重复（第 2、3 行）'), found.join('\n'));
    assert.ok(found.includes('第 4 行：上级编码 Z 不在名录中'));
    assert.ok(found.some((p) => p.startsWith('第 5 行：类型「公司」无法识别')));
    assert.ok(found.some((p) => p.startsWith('第 6 行：层级「乡」无法识别')));
    assert.ok(found.includes('第 7 行：缺少编码'));
    assert.ok(found.includes('第 8 行：编码 E/F 不能含有 /'));
  });

  test('CSV: quotes, commas and line breaks in quoted fields, CRLF', () => {
    assert.deepEqual(parseCsv('a,"b,c","d ""e"""\r\n"f\ng",h\n'), [
      ['a', 'b,c', 'd "e"'],
      ['f\ng', 'h'],
    ]);
  });
});

describe('matching reports to bodies', () => {
  const bodies: BodyForMatching[] = [
    { id: '23', parentId: null, name: '黑龙江省人民政府', kind: 'government', level: 'province' },
    { id: '2301', parentId: '23', name: '哈尔滨市人民政府', kind: 'government', level: 'city' },
    { id: '230109', parentId: '2301', name: '松北区人民政府', kind: 'government', level: 'county' },
    { id: '230109001', parentId: '230109', name: '船口街道办事处', kind: 'subdistrict', level: 'body' },
    { id: '230109002', parentId: '230109', name: '教育局', kind: 'department', level: 'body' },
    { id: '230110', parentId: '2301', name: '哈尔滨市呼兰区人民政府', kind: 'government', level: 'county' },
    { id: '230110002', parentId: '230110', name: '教育局', kind: 'department', level: 'body' },
    { id: '230110003', parentId: '230110', name: '红星镇人民政府', kind: 'township', level: 'body' },
  ];
  const matcher = buildMatcher(bodies);
  const best = (name: string, kind?: string) => matcher.match(name, kind).best;

  test('suffixes that every body of a kind carries are dropped', () => {
    assert.equal(coreName('松北区人民政府'), '松北区');
    assert.equal(coreName('船口街道办事处'), '船口街道');
    assert.equal(coreName('红星镇政府'), '红星镇');
    assert.equal(coreName(' 船口 街道　办事处 '), '船口街道');
  });

  test('the region prefix is added from the ancestors, or stripped', () => {
    assert.equal(best('松北区船口街道')?.bodyId, '230109001');
    assert.equal(best('哈尔滨市松北区船口街道办事处')?.bodyId, '230109001');
    assert.equal(best('黑龙江省哈尔滨市松北区船口街道')?.bodyId, '230109001');
    assert.equal(best('船口街道')?.bodyId, '230109001');
    assert.equal(best('红星镇')?.bodyId, '230110003');
    assert.equal(best('呼兰区红星镇人民政府')?.bodyId, '230110003');
  });

  test('a registry that prints the city in the county name matches both ways', () => {
    assert.equal(best('呼兰区人民政府')?.bodyId, '230110');
    assert.equal(best('哈尔滨市呼兰区人民政府')?.bodyId, '230110');
  });

  test('repeated names under different parents: only a qualified name decides', () => {
    assert.equal(best('松北区教育局')?.bodyId, '230109002');
    assert.equal(best('呼兰区教育局')?.bodyId, '230110002');
    const bare = matcher.match('教育局');
    assert.equal(bare.best, null);
    assert.equal(bare.candidates.length, 2);
    assert.ok(bare.candidates.every((c) => c.confidence < 0.9));
  });

  test("a government's report signed by its office", () => {
    const office = matcher.match('松北区人民政府办公室');
    assert.equal(office.best, null, 'below the automatic threshold: a reviewer confirms');
    assert.equal(office.candidates[0]?.bodyId, '230109');
    assert.equal(office.candidates[0]?.method, 'office');
  });

  test('an unknown name has no candidate', () => {
    assert.deepEqual(matcher.match('某某公司'), { best: null, candidates: [] });
  });

  test('pinyin initials', () => {
    assert.equal(pinyinInitials('教育局'), 'jyj');
    assert.equal(pinyinInitials('松北区船口街道办事处'), 'sbqckjdbsc');
    assert.equal(pinyinInitials('ＡＢ单位1'), 'abdw1');
  });
});

describe('xxgk units and coverage', () => {
  function withReports(): { dir: string; db: string } {
    const dir = tempDir();
    writeFileSync(join(dir, 'fanrong-2023.txt'), variant('fanrong'));
    writeFileSync(join(dir, 'xinglong-2023.txt'), variant('fanrong', { street: '兴隆街道' }));
    writeFileSync(join(dir, 'zhenxing-2020.txt'), variant('zhenxing'));
    writeFileSync(join(dir, 'odd-2023.txt'), variant('fanrong', { street: '繁荣社区' }));
    return { dir, db: join(dir, 'xxgk.db') };
  }

  test('import a CSV with Chinese headers: reports already stored are matched', () => {
    const { dir, db } = withReports();
    assert.equal(xxgk(['ingest', dir, '--db', db]).status, 0);
    const r = xxgk(['units', 'import', `${FX}/registry.csv`, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /已导入 15 个单位；报告 3 份已对应到单位，1 份未对应/);
  });

  test('GB18030 CSV, XLSX with numeric ids and English headers import alike', () => {
    for (const file of ['registry-gbk.csv', 'registry.xlsx']) {
      const db = join(tempDir(), 'xxgk.db');
      const r = xxgk(['units', 'import', `${FX}/${file}`, '--db', db]);
      assert.equal(r.status, 0, `${file}: ${r.stderr}`);
      assert.match(r.stdout, /已导入 15 个单位/);
      const c = xxgk(['coverage', '--year', '2023', '--under', '230881', '--json', '--db', db]);
      assert.equal(c.status, 0, c.stderr);
      assert.equal((JSON.parse(c.stdout) as { bodies: number }).bodies, 4);
    }
    const english = xxgk(['units', 'import', `${FX}/registry-english.csv`, '--db', join(tempDir(), 'x.db')]);
    assert.equal(english.status, 0, english.stderr);
    assert.match(english.stdout, /已导入 5 个单位/);
  });

  test('a cycle or a duplicate id: the problems are listed and nothing is imported', () => {
    const db = join(tempDir(), 'xxgk.db');
    assert.equal(xxgk(['units', 'import', `${FX}/registry.csv`, '--db', db]).status, 0);
    const cycle = xxgk(['units', 'import', `${FX}/cycle.csv`, '--db', db]);
    assert.equal(cycle.status, 2);
    assert.match(cycle.stderr, /有误，未导入任何单位/);
    assert.match(cycle.stderr, /编码 (2301 → 230109 → 2301|230109 → 2301 → 230109) 构成循环/);
    assert.doesNotMatch(cycle.stderr, STACK_FRAME);
    const dup = xxgk(['units', 'import', `${FX}/duplicates.csv`, '--db', db]);
    assert.equal(dup.status, 2);
    assert.match(dup.stderr, /编码 230109001 重复（第 5、6 行）/);
    const c = xxgk(['coverage', '--year', '2023', '--json', '--db', db]);
    assert.equal((JSON.parse(c.stdout) as { bodies: number }).bodies, 15, 'the registry is unchanged');
  });

  test('a file of the wrong type or without the columns', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'units.txt'), 'x');
    const txt = xxgk(['units', 'import', join(dir, 'units.txt'), '--db', join(dir, 'x.db')]);
    assert.equal(txt.status, 2);
    assert.match(txt.stderr, /单位名录应为 \.csv 或 \.xlsx 文件/);
    writeFileSync(join(dir, 'units.csv'), '编码,名称\n1,某单位\n');
    const cols = xxgk(['units', 'import', join(dir, 'units.csv'), '--db', join(dir, 'x.db')]);
    assert.equal(cols.status, 2);
    assert.match(cols.stderr, /缺少列：parent_id\/上级编码、kind\/类型、level\/层级/);
  });

  test('units match lists the unmatched with candidates; --accept fixes them for good', () => {
    const { dir, db } = withReports();
    xxgk(['units', 'import', `${FX}/registry.csv`, '--db', db]);
    xxgk(['ingest', dir, '--db', db]);
    const list = xxgk(['units', 'match', '--db', db, '--json']);
    assert.equal(list.status, 0, list.stderr);
    const unmatched = JSON.parse(list.stdout) as { reportId: number; agency: string }[];
    assert.equal(unmatched.length, 1);
    assert.equal(unmatched[0]!.agency, '同江市繁荣社区');
    const text = xxgk(['units', 'match', '--db', db]);
    assert.match(text.stdout, /未对应到单位的报告 1 份/);
    assert.match(text.stdout, /#\d+ {2}同江市繁荣社区 {2}2023/);

    const bad = xxgk(['units', 'match', '--db', db, '--accept', `${unmatched[0]!.reportId}=999`]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /单位名录中没有编码 999/);
    const ok = xxgk(['units', 'match', '--db', db, '--accept', '同江市繁荣社区=230881001']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /「同江市繁荣社区」 → 230881001：更新 1 份报告/);
    assert.match(xxgk(['units', 'match', '--db', db]).stdout, /所有报告都已对应到单位/);
  });

  test('coverage lists the bodies without a report, as text or JSON, in a subtree', () => {
    const { dir, db } = withReports();
    xxgk(['units', 'import', `${FX}/registry.csv`, '--db', db]);
    xxgk(['ingest', dir, '--db', db]);
    const text = xxgk(['coverage', '--year', '2023', '--under', '230881', '--db', db]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /2023 年度：应报告单位 4 个，已有报告 2 个，没有报告 2 个/);
    assert.match(
      text.stdout,
      /230881003 {2}教育局（部门） {2}黑龙江省人民政府 \/ 佳木斯市人民政府 \/ 同江市人民政府/,
    );
    const json = JSON.parse(xxgk(['coverage', '--year', '2020', '--json', '--db', db]).stdout) as {
      bodies: number;
      reported: number;
      missing: { id: string }[];
    };
    assert.equal(json.bodies, 15);
    assert.equal(json.reported, 1);
    assert.ok(!json.missing.some((b) => b.id === '141181001'));
    // XXGK_DB names the database when --db does not.
    const env = xxgk(['coverage', '--year', '2020', '--json'], { XXGK_DB: db });
    assert.equal(env.status, 0, env.stderr);
  });

  test('coverage: usage mistakes and a missing registry', () => {
    const db = join(tempDir(), 'x.db');
    assert.match(xxgk(['coverage', '--db', db]).stderr, /缺少 --year/);
    assert.match(xxgk(['coverage', '--year', '24', '--db', db]).stderr, /--year 应为四位年份/);
    const none = xxgk(['coverage', '--year', '2024', '--db', db]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /数据库不存在/);
    xxgk(['units', 'import', `${FX}/registry.csv`, '--db', db]);
    const unknown = xxgk(['coverage', '--year', '2024', '--under', '999', '--db', db]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /单位名录中没有编码 999/);
  });
});
