/**
 * 单位与覆盖: the registry as a tree with each body's reporting for a year (rolled up over its sub-units,
 * missing ones in red), a search by name or pinyin initials, the bodies without a report, and — for
 * reviewers who see everything — the reports no body was matched to. The tree is nested <details>:
 * it opens and closes without any script.
 */
import type { BodyCount, FoundBody, MissingBody, UnmatchedReport } from '../../store/index.ts';
import type { Viewer } from '../context.ts';
import type { BodyTree } from '../counts.ts';
import { Layout } from './layout.tsx';

export const KIND_LABEL: Record<string, string> = {
  government: '人民政府',
  department: '部门',
  township: '乡镇',
  subdistrict: '街道',
  other: '其他',
};

export interface BodiesPageProps {
  viewer: Viewer;
  year: number;
  years: number[];
  /** Bodies of the scope with their reporting for the year. */
  tree: BodyTree;
  /** The body to open the tree at and mark. */
  at: string | null;
  q: string;
  results: FoundBody[] | null;
  missing: MissingBody[];
  /** Null when the viewer may not see them (not a reviewer, or a scoped user). */
  unmatched: UnmatchedReport[] | null;
}

export const bodyHref = (year: number, id: string) =>
  `/bodies?year=${year}&at=${encodeURIComponent(id)}#b-${encodeURIComponent(id)}`;

function Counts({ b, year }: { b: BodyCount; year: number }) {
  const missing = b.bodies - b.reportedBodies;
  return (
    <span class="counts">
      <span class={b.reported ? 'state ok' : 'state missing'}>{b.reported ? '已报告' : '未报告'}</span>
      {b.bodies > 1 && (
        <span
          class={missing > 0 ? 'rollup missing' : 'rollup'}
          title="本单位及全部下级单位中已报告的单位数 / 单位总数"
        >
          {b.reportedBodies}/{b.bodies} 已报告
          {missing > 0 && `，${missing} 个未报告`}
        </span>
      )}
      {b.reportedBodies > 0 && (
        <a class="reports-link" href={`/reports?region=${encodeURIComponent(b.id)}&year=${year}`}>
          查看报告
        </a>
      )}
    </span>
  );
}

function Node(props: {
  b: BodyCount;
  children: ReadonlyMap<string, BodyCount[]>;
  open: Set<string>;
  at: string | null;
  year: number;
  depth: number;
  /** Render every node (a small registry); otherwise the top level, its children and the way to the focused body. */
  whole: boolean;
}) {
  const { b, children, open, at, year, depth, whole } = props;
  const kids = children.get(b.id) ?? [];
  const shown = whole || depth < 1 || open.has(b.id);
  const label = (
    <span class={b.id === at ? 'node focus' : 'node'}>
      <span class="name">{b.name}</span> <span class="muted">{KIND_LABEL[b.kind] ?? b.kind}</span>{' '}
      <span class="muted mono">{b.id}</span> <Counts b={b} year={year} />
    </span>
  );
  return (
    <li id={`b-${b.id}`} data-body={b.id}>
      {kids.length === 0 ? (
        <div class="leaf">{label}</div>
      ) : !shown ? (
        <div class="leaf">
          {label}{' '}
          <a class="expand" href={bodyHref(year, b.id)}>
            展开下级（{kids.length}）
          </a>
        </div>
      ) : (
        <details open={depth === 0 || open.has(b.id)}>
          <summary>{label}</summary>
          <ul>
            {kids.map((k) => (
              <Node
                b={k}
                children={children}
                open={open}
                at={at}
                year={year}
                depth={depth + 1}
                whole={whole}
              />
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/**
 * Up to this many bodies the whole tree is drawn; a national registry (20,000 bodies) would make a page of
 * megabytes, so beyond it the top level and its children are drawn and a body's sub-units open by a link
 * (`?at=`).
 */
const WHOLE_TREE = 600;

/** Bodies without a report listed on the page; the export gives them all. */
const MISSING_SHOWN = 200;

function Tree({ tree, at, year }: { tree: BodyTree; at: string | null; year: number }) {
  const focus = at ? tree.byId.get(at) : undefined;
  const open = new Set(focus ? focus.path.split('/').filter(Boolean) : []);
  const { roots, children } = tree;
  return (
    <ul class="tree" aria-label="单位树">
      {roots.map((b) => (
        <Node
          b={b}
          children={children}
          open={open}
          at={at}
          year={year}
          depth={0}
          whole={tree.counts.length <= WHOLE_TREE}
        />
      ))}
    </ul>
  );
}

export function BodiesPage(props: BodiesPageProps) {
  const { viewer, year, years, tree, at, q, results, missing, unmatched } = props;
  const { bodies, reported } = tree;
  const exportHref = `/export?what=coverage&year=${year}`;
  return (
    <Layout
      title="单位与覆盖"
      viewer={viewer}
      active="bodies"
      scripts={['bodies.js']}
      styles={['bodies.css']}
    >
      <h1>单位与覆盖</h1>
      <nav class="years" aria-label="年度">
        年度：
        {years.map((y) => (
          <a href={`/bodies?year=${y}`} aria-current={y === year ? 'page' : undefined}>
            {y}
          </a>
        ))}
      </nav>
      <p class="summary" id="coverage-summary">
        {year} 年度：共 {bodies} 个单位，已报告 {reported} 个，
        <span class={bodies > reported ? 'missing' : ''}>未报告 {bodies - reported} 个</span>。
        <a href={exportHref}>导出未报告单位</a>
      </p>
      <form class="inline-form body-search" method="get" action="/bodies" role="search">
        <input type="hidden" name="year" value={String(year)} />
        <label>
          查找单位{' '}
          <input
            name="q"
            value={q}
            placeholder="名称或拼音首字母，如 教育局、jyj"
            autocomplete="off"
            aria-controls="body-suggestions"
          />
        </label>
        <button type="submit">查找</button>
        <ul id="body-suggestions" class="suggestions" hidden></ul>
      </form>
      {results && (
        <section aria-label="查找结果">
          {results.length === 0 ? (
            <p class="notice">没有找到名称或拼音首字母含「{q}」的单位。</p>
          ) : (
            <ul class="results">
              {results.map((b) => (
                <li>
                  <a href={bodyHref(year, b.id)}>{b.name}</a>{' '}
                  <span class="muted">{[...b.ancestors, b.name].join(' / ')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <div class="bodies-columns">
        <section>
          <h2>单位树</h2>
          {tree.counts.length === 0 ? (
            <p class="muted">您的数据范围内没有单位。请先导入单位名录（xxgk units import）。</p>
          ) : (
            <Tree tree={tree} at={at} year={year} />
          )}
        </section>
        <section>
          <h2>
            {year} 年度未报告单位（{missing.length}）
          </h2>
          {missing.length > MISSING_SHOWN && (
            <p class="muted">
              共 {missing.length} 个，此处列出前 {MISSING_SHOWN} 个；完整名单请
              <a href={`/export?what=coverage&year=${year}`}>导出</a>。
            </p>
          )}
          {missing.length === 0 ? (
            <p class="notice">该年度所有单位都已报告。</p>
          ) : (
            <table class="data" id="missing-bodies">
              <thead>
                <tr>
                  <th>单位</th>
                  <th>类型</th>
                  <th>上级单位</th>
                </tr>
              </thead>
              <tbody>
                {missing.slice(0, MISSING_SHOWN).map((b) => (
                  <tr>
                    <td class="missing">
                      <a href={bodyHref(year, b.id)}>{b.name}</a>
                    </td>
                    <td>{KIND_LABEL[b.kind] ?? b.kind}</td>
                    <td>{b.ancestors.join(' / ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      {unmatched && (
        <section>
          <h2>未匹配到单位的报告（{unmatched.length}）</h2>
          <p class="muted">
            这些报告的报告主体在单位名录中找不到对应单位，不计入覆盖统计。核对后用命令
            <code>xxgk units match --accept 报告主体=单位编码</code> 指定单位，或补充单位名录。
          </p>
          {unmatched.length > 0 && (
            <table class="data" id="unmatched-reports">
              <thead>
                <tr>
                  <th>报告编号</th>
                  <th>报告主体</th>
                  <th>年度</th>
                  <th>可能的单位</th>
                </tr>
              </thead>
              <tbody>
                {unmatched.map((r) => (
                  <tr>
                    <td>
                      <a href={`/reports/${r.reportId}`}>{r.reportId}</a>
                    </td>
                    <td>{r.agency ?? '（未识别）'}</td>
                    <td>{r.year ?? '—'}</td>
                    <td>
                      {r.candidates.length === 0
                        ? '—'
                        : r.candidates.map((c) => `${c.name}（${c.bodyId}）`).join('；')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </Layout>
  );
}
