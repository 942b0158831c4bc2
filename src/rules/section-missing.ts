/**
 * section.missing: one of the six official parts is absent. 条例 (2019) art. 50 lists what the report
 * must contain; 国办公开办函〔2019〕60号 and 〔2021〕30号 set it out as 一、总体情况 … 六、其他需要报告的事项.
 */
import { SECTIONS } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { sectionName } from './helpers/phrasing.ts';

export const sectionMissing = defineRule({
  id: 'section.missing',
  severity: 'error',
  citation: '条例第五十条；国办公开办函〔2019〕60号、〔2021〕30号（年报六个部分）',
  title: '缺少年报的某个部分',
  scope: 'structure',
  check({ record }, report) {
    const sections = record.sections;
    const missing = SECTIONS.filter((def) => !sections.some((s) => s.number === def.number)).map((s) =>
      sectionName(s.number),
    );
    if (missing.length === 0) return;
    report(
      missing.length === 1
        ? `报告缺少「${missing[0]}」部分`
        : `报告缺少 ${missing.length} 个部分：${missing.map((m) => `「${m}」`).join('、')}`,
    );
  },
});
