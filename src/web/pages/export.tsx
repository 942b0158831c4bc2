/**
 * 导出: what, format, year and region, defaulting to the viewer's scope (or to the filters of the page
 * that linked here). The form is a plain GET: the browser downloads the file without any script.
 */
import type { Body } from '../../store/index.ts';
import {
  EXPORT_FORMATS,
  EXPORT_WHATS,
  type ExportFormat,
  type ExportWhat,
} from '../../render/export-kinds.ts';
import type { Viewer } from '../context.ts';
import { Layout } from './layout.tsx';

const WHAT_LABEL: Record<ExportWhat, string> = {
  records: '报告数据（每份报告一行，每个单元格一列）',
  findings: '问题清单（每个问题一行）',
  coverage: '未报告单位（需选择年度）',
};

const FORMAT_LABEL: Record<ExportFormat, string> = {
  xlsx: 'Excel 工作簿（.xlsx）',
  csv: 'CSV（带 BOM，Excel、WPS 可直接打开）',
  jsonl: 'JSON Lines（每行一个 JSON，供程序处理）',
};

export interface ExportPageProps {
  viewer: Viewer;
  what: ExportWhat;
  to: ExportFormat;
  year: number | undefined;
  under: string | undefined;
  years: number[];
  /** The viewer's scope root, or null for everything. */
  root: Body | null;
  /** Regions inside the scope to narrow to (provinces, cities, counties), registry order. */
  regions: Body[];
}

export function ExportPage(props: ExportPageProps) {
  const { viewer, what, to, year, under, years, root, regions } = props;
  const depth = (b: Body) =>
    b.path.split('/').filter(Boolean).length - (root ? root.path.split('/').filter(Boolean).length : 1);
  return (
    <Layout title="导出" viewer={viewer} active="export">
      <h1>导出</h1>
      <p class="muted">
        导出您数据范围内的当前报告、问题或未报告单位。文件按所选条件生成后直接下载；数据量大时需要稍候。
      </p>
      <form method="get" action="/export/download" class="stack" id="export-form" style="max-width: 560px">
        <fieldset>
          <legend>导出内容</legend>
          {EXPORT_WHATS.map((w) => (
            // The shared stylesheet stacks a label's parts; a radio button sits beside its words.
            <label style="flex-direction: row; align-items: center">
              <input type="radio" name="what" value={w} checked={w === what} /> {WHAT_LABEL[w]}
            </label>
          ))}
        </fieldset>
        <label>
          格式
          <select name="to">
            {EXPORT_FORMATS.map((f) => (
              <option value={f} selected={f === to}>
                {FORMAT_LABEL[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          年度
          <select name="year">
            <option value="" selected={year === undefined}>
              全部年度
            </option>
            {years.map((y) => (
              <option value={String(y)} selected={y === year}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          地区
          <select name="under">
            <option value="" selected={under === undefined}>
              {root ? `${root.name}（您的全部范围）` : '全部单位'}
            </option>
            {regions.map((b) => (
              <option value={b.id} selected={b.id === under}>
                {`${'　'.repeat(Math.max(0, depth(b)))}${b.name}`}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">下载</button>
      </form>
    </Layout>
  );
}
