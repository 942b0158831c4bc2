/**
 * The web app: one Hono application over a store. `createApp` is what the server runs and what tests
 * call in memory (`app.request(...)`). Order matters: security headers, the viewer from the session
 * cookie, CSRF on every change, then public routes (assets, sign-in, first run, the API description),
 * then everything else behind a signed-in session.
 */
import { Hono } from 'hono';
import { StoreError, type Store } from '../store/index.ts';
import { API_ROUTES } from './api/index.ts';
import { openApiDocument, mountApi } from './api/route.ts';
import { assetRoutes } from './assets.ts';
import { AnswerCache } from './cache.ts';
import { csrf } from './auth/csrf.ts';
import { FailureCounter, LOGIN_LIMIT, type RateLimitOptions } from './auth/rate-limit.ts';
import { loadViewer } from './auth/session.ts';
import { DEFAULT_SETTINGS, type AppEnv, type WebDeps, type WebSettings } from './context.ts';
import { isApi, refuse } from './errors.tsx';
import { accountRoutes } from './routes/account.tsx';
import { PAGE_ROUTES } from './routes/index.ts';
import { securityHeaders } from './security.ts';
import { APP_VERSION } from './version.ts';

export interface AppOptions {
  store: Store;
  settings?: Partial<WebSettings>;
  loginLimit?: RateLimitOptions;
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const deps: WebDeps = {
    store: options.store,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    loginFailures: new FailureCounter(options.loginLimit ?? LOGIN_LIMIT),
    answers: new AnswerCache(),
  };
  const app = new Hono<AppEnv>();
  app.use(securityHeaders);
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(loadViewer);
  app.use(csrf);

  assetRoutes(app);
  accountRoutes(app);
  const document = openApiDocument(API_ROUTES, APP_VERSION);
  app.get('/api/openapi.json', (c) => c.json(document));

  // Pages need a session; the API answers 401 itself (mountApi) so scripts get JSON, not a redirect.
  app.use(async (c, next) => {
    if (c.get('viewer') || isApi(c)) return next();
    const next_ = encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''));
    return c.redirect(`/login?next=${next_}`);
  });
  mountApi(app, API_ROUTES);
  for (const register of PAGE_ROUTES) register(app);
  app.get('/', (c) => c.redirect('/reports'));

  app.notFound((c) => refuse(c, 404, 'not_found', '找不到这个页面或资源'));
  app.onError((err, c) => {
    if (err instanceof StoreError) return refuse(c, 503, 'store', err.zh);
    console.error(err);
    return refuse(c, 500, 'internal', '服务器内部错误，已记录。请稍后重试或联系管理员。');
  });
  return app;
}
