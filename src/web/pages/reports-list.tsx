/**
 * 报告列表: search by body (name or pinyin initials, at any level), filters, sorting, pages. Failed parses
 * are not reports and never appear here (they are listed with the upload that brought them).
 */
import { SEVERITY_LABEL } from '../../diagnostics/index.ts';
import type { RegionChoice, ReportList } from '../../store/index.ts';
import { KINDS, SEVERITIES, SORTS, type ListQuery } from '../api/reports.ts';
import type { Viewer } from '../context.ts';
import { Layout } from './layout.tsx';
import { KIND_LABEL, Sev } from './report-detail.tsx';

const SORT_LABEL: Record<(typeof SORTS)[number], string> = {
  year: '年度',
  agency: '报告主体',
  errors: '错误数',
  published: '发布日期',
};

const FORMAT_LABEL: Record<string, string> = {
  '2019': '2019 版',
  '2021': '2021 版',
  legacy: '旧式',
  unknown: '未识别',
};

export interface RuleChoice {
  id: string;
  title: string;
}

/** The query string of the list with some parameters changed (for sort links and pages). */
function listHref(query: ListQuery, change: Partial<ListQuery>): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === '') continue;
    if (k === 'limit' && v === 50) continue;
    if (k === 'page' && v === 1) continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `/reports?${s}` : '/reports';
}

function SortHeader({
  query,
  sort,
  className,
}: {
  query: ListQuery;
  sort: ListQuery['sort'];
  className?: string;
}) {
  const active = query.sort === sort;
  const next = active && query.order === 'desc' ? 'asc' : 'desc';
  return (
    <th
      class={className}
      aria-sort={active ? (query.order === 'desc' ? 'descending' : 'ascending') : undefined}
    >
      <a href={listHref(query, { sort, order: next, page: 1 })}>
        {SORT_LABEL[sort]}
        {active ? (query.order === 'desc' ? ' ▼' : ' ▲') : ''}
      </a>
    </th>
  );
}

export function ReportsListPage(props: {
  viewer: Viewer;
  query: ListQuery;
  list: ReportList;
  years: number[];
  regions: RegionChoice[];
  rules: RuleChoice[];
  problem?: string;
}) {
  const { viewer, query, list, years, regions, rules, problem } = props;
  const pages = Math.max(1, Math.ceil(list.total / query.limit));
  return (
    <Layout title="报告列表" viewer={viewer} active="reports" styles={['report.css']}>
      <h1>报告列表</h1>
      <form method="get" action="/reports" class="inline-form filters" role="search">
        <label>
          单位（名称或拼音首字母）
          <input name="q" value={query.q ?? ''} placeholder="如：哈尔滨、hebs" />
        </label>
        <label>
          地区
          <select name="region">
            <option value="">全部</option>
            {regions.map((r) => (
              <option value={r.id} selected={query.region === r.id}>
                {`${'　'.repeat(r.depth)}${r.name}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          年度
          <select name="year">
            <option value="">全部</option>
            {years.map((y) => (
              <option value={String(y)} selected={query.year === y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          类型
          <select name="kind">
            <option value="">全部</option>
            {KINDS.map((k) => (
              <option value={k} selected={query.kind === k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          规则
          <select name="rule">
            <option value="">全部</option>
            {rules.map((r) => (
              <option value={r.id} selected={query.rule === r.id}>
                {`${r.id} ${r.title}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          级别
          <select name="severity">
            <option value="">全部</option>
            {SEVERITIES.map((s) => (
              <option value={s} selected={query.severity === s}>
                {SEVERITY_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="order" value={query.order} />
        <button type="submit">查询</button>
        <a class="button secondary" href="/reports">
          清除
        </a>
      </form>
      {problem && (
        <p class="alert" role="status">
          {problem}
        </p>
      )}
      <p class="list-total" role="status">
        共 {list.total} 份报告{list.total > 0 && `，第 ${query.page} / ${pages} 页`}
      </p>
      {list.rows.length > 0 && (
        <div class="scroll">
          <table class="data report-list">
            <thead>
              <tr>
                <SortHeader query={query} sort="agency" />
                <th>所属单位</th>
                <SortHeader query={query} sort="year" className="num" />
                <th>表格</th>
                <SortHeader query={query} sort="published" />
                <SortHeader query={query} sort="errors" className="num" />
                <th class="num">警告</th>
                <th class="num">提示</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/reports/${r.reportId}`}>{r.agency ?? '（未识别报告主体）'}</a>
                  </td>
                  <td class="body-path">
                    {r.bodyName ? (
                      [...r.bodyPath, r.bodyName].join(' / ')
                    ) : (
                      <span class="muted">未匹配单位</span>
                    )}
                  </td>
                  <td class="num">{r.year ?? '—'}</td>
                  <td>{FORMAT_LABEL[r.format] ?? r.format}</td>
                  <td>{r.publishedOn ?? '—'}</td>
                  <td class="num">
                    <Sev severity="error" count={r.errors} />
                  </td>
                  <td class="num">
                    <Sev severity="warning" count={r.warnings} />
                  </td>
                  <td class="num">
                    <Sev severity="info" count={r.infos} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label="分页">
          {query.page > 1 && <a href={listHref(query, { page: query.page - 1 })}>上一页</a>}
          <span>
            第 {query.page} / {pages} 页
          </span>
          {query.page < pages && <a href={listHref(query, { page: query.page + 1 })}>下一页</a>}
        </nav>
      )}
    </Layout>
  );
}
