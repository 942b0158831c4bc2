/**
 * date.late: the report was published after its deadline. 条例 (2019) art. 49: departments of
 * governments at county level and above by 1月31日, county-level-and-above governments by 3月31日 of
 * the next year; townships and sub-districts by the date their superior sets (configured, else not
 * checked). For the years under the 2007 条例 (art. 31) every body's deadline was 3月31日.
 */
import type { AgencyKind } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { chineseDate } from './helpers/phrasing.ts';

/** The 2019 条例 took effect on 2019-05-15: reports of 2018 and before were due under the 2007 条例. */
const FIRST_YEAR_UNDER_2019 = 2019;
const LOCAL_DEADLINE = /^(\d{1,2})-(\d{1,2})$/;

const KIND_NAME: Partial<Record<AgencyKind, string>> = {
  department: '政府部门',
  government: '县级以上人民政府',
  township: '乡镇',
  subdistrict: '街道',
};

function deadline(kind: AgencyKind, year: number, localDeadline: string | undefined): string | undefined {
  const next = year + 1;
  if (year < FIRST_YEAR_UNDER_2019) return `${next}-03-31`;
  if (kind === 'department') return `${next}-01-31`;
  if (kind === 'government') return `${next}-03-31`;
  if ((kind === 'township' || kind === 'subdistrict') && localDeadline) {
    const m = LOCAL_DEADLINE.exec(localDeadline.trim());
    if (!m) return undefined;
    return `${next}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  }
  return undefined;
}

export const dateLate = defineRule({
  id: 'date.late',
  severity: 'warning',
  citation: '条例第四十九条（部门1月31日前、县级以上人民政府3月31日前公布）',
  title: '报告晚于规定期限发布',
  scope: 'any',
  check({ record, options }, report) {
    const { year, publishedOn, agencyKind } = record;
    if (year === null || publishedOn === null || agencyKind === null) return;
    const due = deadline(agencyKind, year, options.localDeadline);
    if (due === undefined || publishedOn <= due || publishedOn <= `${year}-12-31`) return;
    const whose = year < FIRST_YEAR_UNDER_2019 ? '当时条例（2007年）规定' : `${KIND_NAME[agencyKind]}年报`;
    report(`报告发布日期为 ${chineseDate(publishedOn)}，晚于${whose}的公开期限 ${chineseDate(due)}`);
  },
});
