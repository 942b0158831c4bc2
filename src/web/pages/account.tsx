/** Sign-in and first-run pages. */
import { Layout } from './layout.tsx';

export function LoginPage({ error, next, login }: { error?: string; next: string; login?: string }) {
  return (
    <Layout title="登录" viewer={null}>
      <section class="narrow">
        <h1>登录</h1>
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="next" value={next} />
          <label>
            用户名
            <input name="login" autocomplete="username" required value={login ?? ''} />
          </label>
          <label>
            密码
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit">登录</button>
        </form>
      </section>
    </Layout>
  );
}

export function SetupPage({
  error,
  login,
  displayName,
}: {
  error?: string;
  login?: string;
  displayName?: string;
}) {
  return (
    <Layout title="首次使用：创建管理员" viewer={null}>
      <section class="narrow">
        <h1>首次使用：创建管理员</h1>
        <p>系统中还没有任何用户。请创建第一个管理员账号，之后可在“用户与日志”中添加审核员和查看者。</p>
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        <form method="post" action="/setup" class="stack">
          <label>
            用户名
            <input
              name="login"
              autocomplete="username"
              required
              pattern="[A-Za-z0-9_.\-]{2,40}"
              value={login ?? ''}
            />
          </label>
          <label>
            显示名称
            <input name="displayName" required value={displayName ?? ''} />
          </label>
          <label>
            密码（至少 8 位）
            <input name="password" type="password" autocomplete="new-password" required minlength={8} />
          </label>
          <button type="submit">创建并登录</button>
        </form>
      </section>
    </Layout>
  );
}
