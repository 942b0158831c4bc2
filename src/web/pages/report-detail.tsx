/**
 * 报告详情: the source beside the recognised tables; the findings by severity, each pinned to its cells
 * or its quoted sentence, with the reviewers' decisions; 重新检查; the version history.
 * Everything from the report reaches the page through JSX, which escapes it.
 */
import { SEVERITY_LABEL, type Severity } from '../../diagnostics/index.ts';
import { cellLabel, formatLabel, sectionLabel } from '../../render/findings-text.ts';
import type { FindingView, LoadedReport } from '../api/reports.ts';
import { hasRole, type Viewer } from '../context.ts';
import { Layout } from './layout.tsx';
import { OfficialTables, type CellMark } from './report-tables.tsx';
import { SourceText, type QuoteMark } from './report-source.tsx';

export type SourceView =
  { kind: 'text'; text: string; label: string } | { kind: 'pdf'; page: number; text: string };

export const KIND_LABEL: Record<string, string> = {
  government: '人民政府',
  department: '部门',
  township: '乡镇',
  subdistrict: '街道',
  other: '其他',
};

const DECISION_LABEL = { confirmed: '已确认', dismissed: '已驳回' } as const;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const findingId = (i: number) => `f-${i}`;

export function Sev({ severity, count }: { severity: Severity; count?: number }) {
  return (
    <span class={`sev sev-${severity}`} title={SEVERITY_LABEL[severity]}>
      {count === undefined ? SEVERITY_LABEL[severity] : count}
    </span>
  );
}

function cellMarks(findings: readonly FindingView[]): Map<string, CellMark> {
  const marks = new Map<string, CellMark>();
  findings.forEach((f, i) => {
    for (const cell of f.cells) {
      const m = marks.get(cell);
      if (!m) marks.set(cell, { severity: f.severity, findings: [findingId(i)], title: f.message });
      else {
        if (RANK[f.severity] < RANK[m.severity]) m.severity = f.severity;
        m.findings.push(findingId(i));
        m.title += `\n${f.message}`;
      }
    }
  });
  return marks;
}

export function reportTitle(r: { agency: string | null; year: number | null }): string {
  return `${r.agency ?? '（未识别报告主体）'}${r.year === null ? '' : ` ${r.year} 年度`}`;
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function DecisionForms({ reportId, f, viewer }: { reportId: number; f: FindingView; viewer: Viewer }) {
  const action = `/reports/${reportId}/decisions`;
  return (
    <div class="decide">
      <form method="post" action={action} class="decide-form">
        <input type="hidden" name="_csrf" value={viewer.csrfToken} />
        <input type="hidden" name="key" value={f.key} />
        <label>
          意见
          <input
            name="comment"
            maxlength={2000}
            placeholder="说明（可选）"
            value={f.decision?.comment ?? ''}
          />
        </label>
        <button type="submit" name="decision" value="confirmed">
          确认问题
        </button>
        <button type="submit" name="decision" value="dismissed" class="secondary">
          驳回
        </button>
      </form>
      {f.decision && (
        <form method="post" action={action} class="decide-form">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <input type="hidden" name="key" value={f.key} />
          <button type="submit" name="decision" value="clear" class="secondary">
            撤销意见
          </button>
        </form>
      )}
    </div>
  );
}

function FindingItem(props: {
  f: FindingView;
  i: number;
  loaded: LoadedReport;
  viewer: Viewer;
  canDecide: boolean;
}) {
  const { f, i, loaded, viewer, canDecide } = props;
  const record = loaded.version.record;
  const decided = f.decision;
  return (
    <li
      id={findingId(i)}
      class={`finding finding-${f.severity}${decided ? ` decided-${decided.decision}` : ''}`}
      data-cells={f.cells.join(' ')}
      data-finding-key={f.key}
    >
      <div class="finding-head">
        <Sev severity={f.severity} />
        <button type="button" class="locate" data-finding={findingId(i)}>
          {f.message}
        </button>
      </div>
      <div class="finding-meta">
        <code>{f.rule}</code>
        {f.scope === 'corpus' && <span class="tag">跨报告</span>}
        {f.cells.length > 0 && f.cells.length <= 3 && (
          <span class="muted">单元格：{f.cells.map((c) => cellLabel(record, c)).join('；')}</span>
        )}
        {f.cells.length > 3 && (
          <details class="cells">
            <summary>涉及 {f.cells.length} 个单元格</summary>
            {f.cells.map((c) => cellLabel(record, c)).join('；')}
          </details>
        )}
        {(f.expected !== null || f.actual !== null) && (
          <span class="muted">
            {f.expected !== null && `应为 ${f.expected}`}
            {f.expected !== null && f.actual !== null && '，'}
            {f.actual !== null && `填报为 ${f.actual}`}
          </span>
        )}
      </div>
      {f.text && (
        <blockquote class="finding-quote">
          <cite>{sectionLabel(f.text.section)}</cite>「{f.text.quote}」
        </blockquote>
      )}
      {f.related && (
        <p class="related">
          相关报告：
          <a href={`/reports/${f.related.reportId}`}>{reportTitle(f.related)}</a>
        </p>
      )}
      {decided && (
        <p class={`decision decision-${decided.decision}`} role="status">
          <strong>{DECISION_LABEL[decided.decision]}</strong>
          {decided.comment && `：${decided.comment}`}
          <span class="muted">
            （{decided.login ?? '—'}，{when(decided.decidedAt)}）
          </span>
        </p>
      )}
      {canDecide && <DecisionForms reportId={loaded.header.reportId} f={f} viewer={viewer} />}
    </li>
  );
}

function Findings({ loaded, viewer }: { loaded: LoadedReport; viewer: Viewer }) {
  const { findings } = loaded;
  // Decisions belong to the report's current findings; an older version is shown for reading only.
  const canDecide = hasRole(viewer.user, 'reviewer') && loaded.version.isCurrent;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return (
    <section class="findings" aria-labelledby="findings-h">
      <h2 id="findings-h">
        问题（{findings.length}）
        <span class="counts">
          <Sev severity="error" count={count('error')} /> <Sev severity="warning" count={count('warning')} />{' '}
          <Sev severity="info" count={count('info')} />
        </span>
      </h2>
      {findings.length === 0 ? (
        <p class="notice">未发现问题</p>
      ) : (
        <ol class="finding-list">
          {findings.map((f, i) => (
            <FindingItem f={f} i={i} loaded={loaded} viewer={viewer} canDecide={canDecide} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Versions({ loaded }: { loaded: LoadedReport }) {
  const { header, version, history } = loaded;
  return (
    <details class="versions">
      <summary>版本历史（{history.length} 个版本）</summary>
      <table class="data">
        <thead>
          <tr>
            <th>版本</th>
            <th>入库时间</th>
            <th>解析器版本</th>
            <th>原始文件 SHA-256</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {[...history].reverse().map((h) => (
            <tr aria-current={h.versionId === version.versionId ? 'true' : undefined}>
              <td>
                {h.versionId}
                {h.isCurrent && '（当前）'}
              </td>
              <td>{when(h.createdAt)}</td>
              <td class="num">{h.parserVersion}</td>
              <td class="mono">{h.sha256.slice(0, 16)}…</td>
              <td>
                {h.versionId === version.versionId ? (
                  '正在查看'
                ) : (
                  <a href={`/reports/${header.reportId}${h.isCurrent ? '' : `?version=${h.versionId}`}`}>
                    查看
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Source({
  loaded,
  source,
  quotes,
}: {
  loaded: LoadedReport;
  source: SourceView;
  quotes: QuoteMark[];
}) {
  const { header, version } = loaded;
  if (source.kind === 'text')
    return (
      <>
        <p class="muted">{source.label}</p>
        <SourceText text={source.text} quotes={quotes} />
      </>
    );
  const at = (page: number) =>
    `/reports/${header.reportId}?${version.isCurrent ? '' : `version=${version.versionId}&`}page=${page}`;
  return (
    <>
      <nav class="pager" aria-label="原文页码">
        {source.page > 1 && <a href={at(source.page - 1)}>上一页</a>}
        <span>第 {source.page} 页</span>
        <a href={at(source.page + 1)}>下一页</a>
      </nav>
      <img
        class="page-image"
        src={`/reports/${header.reportId}/pages/${source.page}?version=${version.versionId}`}
        alt={`原文第 ${source.page} 页（如无图像，则文件没有这一页）`}
      />
      <h3>识别的正文</h3>
      <SourceText text={source.text} quotes={quotes} />
    </>
  );
}

export function ReportDetailPage(props: {
  viewer: Viewer;
  loaded: LoadedReport;
  source: SourceView;
  message?: { ok: boolean; text: string };
}) {
  const { viewer, loaded, source, message } = props;
  const { header, version } = loaded;
  const record = version.record;
  const quotes: QuoteMark[] = loaded.findings.flatMap((f, i) =>
    f.text ? [{ finding: findingId(i), text: f.text }] : [],
  );
  const path = [...header.bodyPath, header.bodyName].filter(Boolean).join(' / ');
  return (
    <Layout
      title={reportTitle(header)}
      viewer={viewer}
      active="reports"
      scripts={['report.js']}
      styles={['report.css']}
    >
      <p class="crumbs">
        <a href="/reports">报告列表</a>
      </p>
      <h1>{reportTitle(header)}</h1>
      <p class="report-meta">
        <span>{path || '未匹配到单位'}</span>
        <span>{formatLabel(record)}</span>
        <span>发布日期：{version.publishedOn ?? '未识别'}</span>
        <span>
          原文：{version.source.name}（{version.source.kind}）{' '}
          <a href={`/reports/${header.reportId}/source?version=${version.versionId}`}>下载原始文件</a>
        </span>
      </p>
      {!version.isCurrent && (
        <p class="alert" role="status">
          正在查看旧版本 {version.versionId}（解析器版本 {version.parserVersion}，{when(version.createdAt)}
          ）。
          <a href={`/reports/${header.reportId}`}>查看当前版本</a>
        </p>
      )}
      {message && (
        <p class={message.ok ? 'notice' : 'alert'} role="status">
          {message.text}
        </p>
      )}
      <div class="report-actions">
        {hasRole(viewer.user, 'reviewer') && version.isCurrent && (
          <form method="post" action={`/reports/${header.reportId}/recheck`}>
            <input type="hidden" name="_csrf" value={viewer.csrfToken} />
            <button type="submit">重新检查</button>
          </form>
        )}
        {header.bodyId && (
          <a class="button secondary" href={`/compare?body=${encodeURIComponent(header.bodyId)}`}>
            与其他年度对比
          </a>
        )}
      </div>
      <Versions loaded={loaded} />
      <Findings loaded={loaded} viewer={viewer} />
      <div class="report-panes">
        <section class="pane pane-source" aria-labelledby="source-h">
          <h2 id="source-h">原文</h2>
          <Source loaded={loaded} source={source} quotes={quotes} />
        </section>
        <section class="pane pane-tables" aria-labelledby="tables-h">
          <h2 id="tables-h">识别的表格</h2>
          <OfficialTables record={record} options={{ marks: cellMarks(loaded.findings) }} />
        </section>
      </div>
    </Layout>
  );
}
