/**
 * content.overview: 一、总体情况 does not touch all five aspects the format names for it: 主动公开、
 * 依申请公开、政府信息管理、平台建设、监督保障 (年报格式, 国办公开办函〔2019〕60号、〔2021〕30号).
 * Matched on meaning, loosely: a report that words an aspect its own way is not flagged.
 */
import { defineRule } from './helpers/define.ts';
import { sectionText } from './helpers/prose.ts';

const ASPECTS: readonly { name: string; pattern: RegExp }[] = [
  { name: '主动公开', pattern: /主动公开/ },
  { name: '依申请公开', pattern: /依申请|公开申请/ },
  { name: '政府信息管理', pattern: /信息管理|管理情况|规范化|标准化/ },
  { name: '平台建设', pattern: /平台|网站建设|新媒体/ },
  { name: '监督保障', pattern: /监督|保障|考核/ },
];

export const contentOverview = defineRule({
  id: 'content.overview',
  severity: 'warning',
  citation:
    '国办公开办函〔2019〕60号、〔2021〕30号（总体情况：主动公开、依申请公开、政府信息管理、平台建设、监督保障）',
  title: '总体情况未涵盖五个方面',
  scope: 'structure',
  check({ record }, report) {
    const text = sectionText(record, 1);
    if (text === undefined) return;
    const missing = ASPECTS.filter((a) => !a.pattern.test(text)).map((a) => a.name);
    if (missing.length === 0) return;
    report(
      `「一、总体情况」未涉及${missing.join('、')}；总体情况应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面`,
      { text: { section: 1, quote: text.trim().slice(0, 80) } },
    );
  },
});
