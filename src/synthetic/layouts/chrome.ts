/**
 * What a government portal prints around a report (主办/承办, ICP and 公网安备 numbers, 网站标识码,
 * breadcrumb, links to neighbouring reports): text copied from a page keeps it.
 */
import type { ReportRecord } from '../../record/index.ts';
import { portalOf } from '../compose.ts';
import { PROVINCES, randomAgency } from '../names.ts';
import type { Rng } from '../rng.ts';

export interface SiteChrome {
  /** 「同江市人民政府」. */
  owner: string;
  siteName: string;
  breadcrumb: string[];
  /** 「上一篇：…」 / 「下一篇：…」 with other bodies' reports; may be empty. */
  neighbours: string[];
  footer: string[];
  icp: string;
  police: string;
  siteCode: string;
}

function digits(rng: Rng, n: number): string {
  let out = String(rng.int(1, 9));
  while (out.length < n) out += String(rng.int(0, 9));
  return out;
}

export function siteChrome(record: ReportRecord, rng: Rng): SiteChrome {
  // A body whose name mentions no 市/县/区 is hosted by some county's portal: invent one.
  const portal = portalOf(record) ?? portalOf({ ...record, agency: randomAgency(rng, 'government').name })!;
  const owner = `${portal}人民政府`;
  const [abbr] = rng.pick(PROVINCES);
  const icp = `${abbr}ICP备${digits(rng, 8)}号${rng.chance(0.7) ? `-${rng.int(1, 5)}` : ''}`;
  const police = `${abbr}公网安备 ${digits(rng, 14)}号`;
  const siteCode = digits(rng, 10);
  const year = record.year ?? 2020;
  const neighbours = rng.chance(0.4)
    ? [
        `上一篇：${randomAgency(rng).name}${year}年政府信息公开工作年度报告`,
        `下一篇：${randomAgency(rng).name}${rng.chance(0.5) ? year : year - 1}年政府信息公开工作年度报告`,
      ]
    : [];
  const footer = [
    rng.pick([`${owner}主办`, `主办单位：${owner}办公室`, `主办：${owner}`]),
    ...(rng.chance(0.6) ? [rng.pick([`${owner}办公室承办`, `承办：${portal}大数据中心`])] : []),
    ...(rng.chance(0.4) ? [`${portal}融媒体中心建设运营(版权所有)`] : []),
    icp,
    police,
    rng.pick([`网 站 标 识 码 :${siteCode}`, `网站标识码：${siteCode}`]),
  ];
  return {
    owner,
    siteName: `${owner}门户网站`,
    breadcrumb: [
      '首页',
      rng.pick(['政务公开', '信息公开', '政府信息公开']),
      rng.pick(['政府信息公开年报', '年度报告', '政府信息公开工作年度报告']),
    ],
    neighbours,
    footer,
    icp,
    police,
    siteCode,
  };
}
