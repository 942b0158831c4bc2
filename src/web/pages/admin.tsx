/** 用户与日志: the users, a form to add one, and the latest audit entries. */
import type { AuditEntry, User } from '../../store/index.ts';
import { ROLE_LABEL, ROLES, type Viewer } from '../context.ts';
import { Layout } from './layout.tsx';

const ACTION_LABEL: Record<string, string> = {
  login: '登录',
  'login.failed': '登录失败',
  'user.add': '添加用户',
  upload: '上传',
  decision: '审核意见',
  'decision.cleared': '撤销审核意见',
  recheck: '重新检查',
  export: '导出',
  'user.passwd': '重设密码',
};

export function AdminPage(props: {
  viewer: Viewer;
  users: User[];
  audit: AuditEntry[];
  message?: { ok: boolean; text: string };
}) {
  const { viewer, users, audit, message } = props;
  return (
    <Layout title="用户与日志" viewer={viewer} active="admin">
      <h1>用户与日志</h1>
      {message && (
        <p class={message.ok ? 'notice' : 'alert'} role="status">
          {message.text}
        </p>
      )}
      <section>
        <h2>用户</h2>
        <table class="data">
          <thead>
            <tr>
              <th>用户名</th>
              <th>显示名称</th>
              <th>角色</th>
              <th>数据范围（单位编码）</th>
              <th>创建时间</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>{u.login}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABEL[u.role]}</td>
                <td>{u.scopeBodyId ?? '全部'}</td>
                <td>{u.createdAt.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>添加用户</h3>
        <form method="post" action="/admin/users" class="inline-form">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <label>
            用户名 <input name="login" required pattern="[A-Za-z0-9_.\-]{2,40}" />
          </label>
          <label>
            显示名称 <input name="displayName" />
          </label>
          <label>
            密码 <input name="password" type="password" required minlength={8} autocomplete="new-password" />
          </label>
          <label>
            角色
            <select name="role">
              {ROLES.map((r) => (
                <option value={r} selected={r === 'reviewer'}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            数据范围 <input name="scopeBodyId" placeholder="单位编码，留空为全部" />
          </label>
          <button type="submit">添加</button>
        </form>
      </section>
      <section>
        <h2>审计日志（最近 100 条）</h2>
        <table class="data">
          <thead>
            <tr>
              <th>时间</th>
              <th>用户</th>
              <th>操作</th>
              <th>对象</th>
              <th>详情</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((a) => (
              <tr>
                <td>{a.at.slice(0, 19).replace('T', ' ')}</td>
                <td>{a.login ?? '—'}</td>
                <td>{ACTION_LABEL[a.action] ?? a.action}</td>
                <td>{a.target ?? ''}</td>
                <td class="mono">{JSON.stringify(a.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
