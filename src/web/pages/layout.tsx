/**
 * The page shell: header with the sections of the app, the signed-in user, and the CSRF token that the
 * page's scripts send back. Everything a report says reaches pages only through JSX, which escapes it.
 */
import type { Child } from 'hono/jsx';
import { ROLE_LABEL, type Viewer } from '../context.ts';

export const NAV = [
  { href: '/upload', label: '上传', key: 'upload' },
  { href: '/reports', label: '报告列表', key: 'reports' },
  { href: '/bodies', label: '单位与覆盖', key: 'bodies' },
  { href: '/compare', label: '对比', key: 'compare' },
  { href: '/overview', label: '总览', key: 'overview' },
  { href: '/export', label: '导出', key: 'export' },
] as const;

export type NavKey = (typeof NAV)[number]['key'] | 'admin' | 'none';

export interface PageProps {
  title: string;
  viewer: Viewer | null;
  active?: NavKey;
  /** Extra scripts from /assets, loaded deferred. */
  scripts?: string[];
  /** Extra stylesheets from /assets. */
  styles?: string[];
  children?: Child;
}

export function Layout({ title, viewer, active = 'none', scripts = [], styles = [], children }: PageProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {viewer && <meta name="csrf-token" content={viewer.csrfToken} />}
        <title>{`${title} · 政府信息公开年报审核`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        {styles.map((s) => (
          <link rel="stylesheet" href={`/assets/${s}`} />
        ))}
        <script src="/assets/app.js" defer></script>
        {scripts.map((s) => (
          <script src={`/assets/${s}`} defer></script>
        ))}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            年报审核
          </a>
          {viewer && (
            <nav aria-label="主导航">
              {NAV.map((n) => (
                <a href={n.href} aria-current={active === n.key ? 'page' : undefined}>
                  {n.label}
                </a>
              ))}
              {viewer.user.role === 'admin' && (
                <a href="/admin" aria-current={active === 'admin' ? 'page' : undefined}>
                  用户与日志
                </a>
              )}
            </nav>
          )}
          {viewer && (
            <form class="who" method="post" action="/logout">
              <span>
                {viewer.user.displayName}（{ROLE_LABEL[viewer.user.role]}）
              </span>
              <input type="hidden" name="_csrf" value={viewer.csrfToken} />
              <button type="submit">退出</button>
            </form>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

export function ErrorPage({
  status,
  message,
  viewer,
}: {
  status: number;
  message: string;
  viewer: Viewer | null;
}) {
  return (
    <Layout title={`出错了（${status}）`} viewer={viewer}>
      <section class="error-page">
        <h1>出错了（{status}）</h1>
        <p>{message}</p>
        <p>
          <a href="/">返回首页</a>
        </p>
      </section>
    </Layout>
  );
}
