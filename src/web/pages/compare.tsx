/**
 * 对比: choose a body and two years; the later report's tables with the changed cells marked 「旧 → 新」,
 * the list of changes, its cross-year findings and the passages it copied from the year before.
 */
import type { CellValue } from '../../record/index.ts';
import { sectionLabel } from '../../render/findings-text.ts';
import type { Body, BodyWithReports, BodyYear } from '../../store/index.ts';
import type { CellChange, Comparison } from '../api/compare.ts';
import type { FindingView } from '../api/reports.ts';
import type { Viewer } from '../context.ts';
import { Layout } from './layout.tsx';
import { reportTitle, Sev } from './report-detail.tsx';
import { OfficialTables } from './report-tables.tsx';

const shown = (v: CellValue | undefined) =>
  v === undefined ? '（无此单元格）' : v === null ? '（空白）' : String(v);

function Chooser(props: {
  query: string;
  bodies: BodyWithReports[];
  body?: Body;
  years?: BodyYear[];
  from?: number;
  to?: number;
}) {
  const { query, bodies, body, years, from, to } = props;
  return (
    <>
      <form method="get" action="/compare" class="inline-form" role="search">
        <label>
          单位（名称或拼音首字母）
          <input name="q" value={query} placeholder="如：繁荣街道、frjd" />
        </label>
        <button type="submit">查找单位</button>
      </form>
      {query && (
        <ul class="body-choices">
          {bodies.length === 0 && <li class="muted">没有找到有两个以上年度报告的单位</li>}
          {bodies.map((b) => (
            <li>
              <a href={`/compare?body=${encodeURIComponent(b.id)}`}>{[...b.path, b.name].join(' / ')}</a>
              <span class="muted">（{b.years} 个年度）</span>
            </li>
          ))}
        </ul>
      )}
      {body && years && years.length >= 2 && (
        <form method="get" action="/compare" class="inline-form">
          <input type="hidden" name="body" value={body.id} />
          <label>
            较早年度
            <select name="from">
              {years.map((y) => (
                <option value={String(y.year)} selected={y.year === from}>
                  {y.year}
                </option>
              ))}
            </select>
          </label>
          <label>
            较晚年度
            <select name="to">
              {years.map((y) => (
                <option value={String(y.year)} selected={y.year === to}>
                  {y.year}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">对比</button>
        </form>
      )}
    </>
  );
}

function FindingList({ findings, empty }: { findings: FindingView[]; empty: string }) {
  if (findings.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="finding-list">
      {findings.map((f) => (
        <li class={`finding finding-${f.severity}`}>
          <div class="finding-head">
            <Sev severity={f.severity} /> <span>{f.message}</span>
          </div>
          <div class="finding-meta">
            <code>{f.rule}</code>
          </div>
          {f.text && (
            <blockquote class="finding-quote">
              <cite>{sectionLabel(f.text.section)}</cite>「{f.text.quote}」
            </blockquote>
          )}
        </li>
      ))}
    </ul>
  );
}

function Changes({ comparison }: { comparison: Comparison }) {
  const { changes, from, to } = comparison;
  const byCell = new Map<string, CellChange>(changes.map((c) => [c.cell, c]));
  return (
    <>
      <section aria-labelledby="changes-h">
        <h2 id="changes-h">变化的单元格（{changes.length}）</h2>
        {changes.length === 0 ? (
          <p class="muted">两个年度的表格数值完全相同。</p>
        ) : (
          <div class="scroll">
            <table class="data changes">
              <thead>
                <tr>
                  <th>单元格</th>
                  <th class="num">{from.year} 年</th>
                  <th class="num">{to.year} 年</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr data-cell={c.cell}>
                    <td>{c.label}</td>
                    <td class="num">{shown(c.old)}</td>
                    <td class="num">{shown(c.new)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="later-h">
        <h2 id="later-h">
          {to.year} 年度表格（变化处标出 {from.year} 年的数值）
        </h2>
        <OfficialTables
          record={to.version.record}
          options={{
            valueClass: (cell) => (byCell.has(cell.cellId!) ? 'changed' : undefined),
            valueContent: (cell) => {
              const change = byCell.get(cell.cellId!);
              if (!change) return undefined;
              return (
                <>
                  <del>{shown(change.old)}</del> → <ins>{shown(change.new)}</ins>
                </>
              );
            },
          }}
        />
      </section>
    </>
  );
}

export function ComparePage(props: {
  viewer: Viewer;
  query: string;
  bodies: BodyWithReports[];
  comparison?: Comparison;
  body?: Body;
  years?: BodyYear[];
  problem?: string;
}) {
  const { viewer, query, bodies, comparison, problem } = props;
  const body = comparison?.body ?? props.body;
  const years = comparison?.years ?? props.years;
  return (
    <Layout title="对比" viewer={viewer} active="compare" styles={['report.css']}>
      <h1>对比{body ? `：${body.name}` : ''}</h1>
      <Chooser
        query={query}
        bodies={bodies}
        body={body}
        years={years}
        from={comparison?.from.year}
        to={comparison?.to.year}
      />
      {problem && (
        <p class="alert" role="status">
          {problem}
        </p>
      )}
      {comparison && (
        <>
          <p class="report-meta">
            <a href={`/reports/${comparison.from.reportId}`}>
              {reportTitle({ agency: comparison.from.version.record.agency, year: comparison.from.year })}
            </a>
            <span>→</span>
            <a href={`/reports/${comparison.to.reportId}`}>
              {reportTitle({ agency: comparison.to.version.record.agency, year: comparison.to.year })}
            </a>
          </p>
          <div class="compare-findings">
            <section aria-labelledby="cross-h">
              <h2 id="cross-h">跨年度问题（{comparison.crossYear.length}）</h2>
              <FindingList findings={comparison.crossYear} empty="没有跨年度问题。" />
            </section>
            <section aria-labelledby="copied-h">
              <h2 id="copied-h">沿用上一年度的段落（{comparison.copied.length}）</h2>
              <FindingList findings={comparison.copied} empty="没有发现沿用上一年度报告的段落。" />
            </section>
          </div>
          <Changes comparison={comparison} />
        </>
      )}
    </Layout>
  );
}
