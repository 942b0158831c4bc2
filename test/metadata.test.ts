/** Recognition of the report's identity: body from the title or signature, its kind, dates and the period. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineDate } from '../src/recognition/dates.ts';
import { agencyFromTitle, agencyKindOf, findPeriod, yearFromTitle } from '../src/recognition/metadata.ts';

test('the body is what the title names before the year and the report words', () => {
  const cases: Array<[string, string]> = [
    ['孝义市振兴街道办事处2020年政府信息公开工作年度报告', '孝义市振兴街道办事处'],
    ['2020年某某县自然资源局政府信息公开工作年度报告', '某某县自然资源局'],
    ['某某县人民政府关于2020年政府信息公开工作年度报告', '某某县人民政府'],
    ['【政务公开】某某镇2021年度政府信息公开工作年度报告', '某某镇'],
    ['某某市教育局政府信息公开工作年度报告（2022年）', '某某市教育局'],
    ['二〇二〇年某某街道政府信息公开工作年度报告', '某某街道'],
  ];
  for (const [title, agency] of cases) assert.equal(agencyFromTitle(title), agency, title);
  assert.equal(yearFromTitle('二〇二〇年某某街道政府信息公开工作年度报告'), 2020);
  assert.equal(yearFromTitle('某某市教育局政府信息公开工作年度报告（2022年）'), 2022);
});

test('the kind of body decides deadlines and duties', () => {
  assert.equal(agencyKindOf('孝义市振兴街道办事处'), 'subdistrict');
  assert.equal(agencyKindOf('松北区船口街道'), 'subdistrict');
  assert.equal(agencyKindOf('大李庄乡人民政府'), 'township');
  assert.equal(agencyKindOf('某某镇'), 'township');
  assert.equal(agencyKindOf('保定市徐水区人民政府办公室'), 'government');
  assert.equal(agencyKindOf('某某县人民政府'), 'government');
  assert.equal(agencyKindOf('某某县自然资源局'), 'department');
  assert.equal(agencyKindOf(null), null);
});

test('dates as reports print them, Chinese numerals included', () => {
  assert.equal(lineDate('2021年1月28日'), '2021-01-28');
  assert.equal(lineDate('  二〇二一年一月二十八日 '), '2021-01-28');
  assert.equal(lineDate('2024-01-19'), '2024-01-19');
  assert.equal(lineDate('2021年2月30日'), null, 'not a real date');
  assert.equal(lineDate('截至2020年12月31日'), null, 'a date inside a sentence is not a signature date');
});

test('the statistical period, with the end year left out or full-width digits', () => {
  assert.deepEqual(findPeriod('内容涵盖2020年1月1日至12月31日期间'), {
    from: '2020-01-01',
    to: '2020-12-31',
  });
  assert.deepEqual(findPeriod('统计期限自２０２０年１月１日起，至２０２０年１２月３１日止'), {
    from: '2020-01-01',
    to: '2020-12-31',
  });
  assert.deepEqual(findPeriod('本单位自2021年6月1日至2021年12月31日成立以来'), {
    from: '2021-06-01',
    to: '2021-12-31',
  });
  assert.equal(findPeriod('截至2020年12月31日，共公开信息37条'), null);
});
