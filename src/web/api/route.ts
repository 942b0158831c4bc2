/**
 * JSON API routes declared as data: method, path, the least role, zod schemas for path parameters,
 * query, body and response, and a handler. `mountApi` registers them with validation and authorization;
 * `openApiDocument` describes the same list, so the document cannot drift from the routes.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Role } from '../../store/index.ts';
import { hasRole, type AppContext, type AppEnv, type Viewer } from '../context.ts';
import { refuse } from '../errors.tsx';

type Method = 'get' | 'post' | 'put' | 'delete';

export interface ApiInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  viewer: Viewer;
}

export interface ApiRoute<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: Method;
  /** OpenAPI style: `/api/reports/{id}`. */
  path: string;
  summary: string;
  tag: string;
  role: Role;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** JSON body; multipart routes read their body themselves and leave this out. */
  body?: z.ZodType<B>;
  /** Documented request body of a multipart route. */
  multipart?: Record<string, { type: 'file' | 'string'; description: string; multiple?: boolean }>;
  response: z.ZodType<R>;
  handler: (c: AppContext, input: ApiInput<P, Q, B>) => Promise<R | Response>;
}

/** Declares a route with its types inferred from the schemas. */
export function route<P, Q, B, R>(r: ApiRoute<P, Q, B, R>): ApiRoute {
  return r as unknown as ApiRoute;
}

function problem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '请求'}：${i.message}`)
    .join('；');
}

function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

export function mountApi(app: Hono<AppEnv>, routes: readonly ApiRoute[]): void {
  for (const r of routes) {
    app.on(r.method.toUpperCase(), honoPath(r.path), async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return refuse(c, 401, 'unauthenticated', '请先登录');
      if (!hasRole(viewer.user, r.role)) return refuse(c, 403, 'forbidden', '您的角色无权执行此操作');
      const params = r.params ? r.params.safeParse(c.req.param()) : { success: true as const, data: {} };
      if (!params.success) return refuse(c, 400, 'bad_request', `参数有误：${problem(params.error)}`);
      const query = r.query ? r.query.safeParse(c.req.query()) : { success: true as const, data: {} };
      if (!query.success) return refuse(c, 400, 'bad_request', `参数有误：${problem(query.error)}`);
      let body: { success: true; data: unknown } | { success: false; error: z.ZodError } = {
        success: true,
        data: undefined,
      };
      if (r.body) {
        const json = await c.req.json().catch(() => undefined);
        if (json === undefined) return refuse(c, 400, 'bad_request', '请求体应为 JSON');
        body = r.body.safeParse(json);
        if (!body.success) return refuse(c, 400, 'bad_request', `请求内容有误：${problem(body.error)}`);
      }
      const result = await r.handler(c, { params: params.data, query: query.data, body: body.data, viewer });
      return result instanceof Response ? result : c.json(result as object);
    });
  }
}

const ERROR = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string', description: '中文说明' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document of the routes. */
export function openApiDocument(routes: readonly ApiRoute[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      description: `需要角色：${r.role} 或更高。`,
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: schemaOf(r.response, 'output') } },
        },
        '400': { description: '参数有误', content: { 'application/json': { schema: ERROR } } },
        '401': { description: '未登录', content: { 'application/json': { schema: ERROR } } },
        '403': { description: '无权限或 CSRF 校验失败', content: { 'application/json': { schema: ERROR } } },
      },
    };
    if (r.body)
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(r.body, 'input') } },
      };
    if (r.multipart) {
      const properties = Object.fromEntries(
        Object.entries(r.multipart).map(([name, f]) => {
          const one = f.type === 'file' ? { type: 'string', format: 'binary' } : { type: 'string' };
          return [
            name,
            { ...(f.multiple ? { type: 'array', items: one } : one), description: f.description },
          ];
        }),
      );
      op.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', properties } } },
      };
    }
    (paths[r.path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'xxgk API',
      version,
      description:
        '政府信息公开工作年度报告的存储、查询与上传接口。登录后以会话 Cookie 认证；修改类请求须带 x-csrf-token 请求头（值见页面 meta csrf-token 或 GET /api/session）。',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xxgk_session' } },
    },
    security: [{ session: [] }],
    paths,
  };
}
