/**
 * Headers on every response. The content security policy allows scripts from this server only — no
 * inline script, so markup smuggled in from a report cannot run even if escaping were ever missed.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Inline style attributes only (ECharts' SVG and table highlights); no inline script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "frame-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('content-security-policy', POLICY);
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'same-origin');
  c.header('x-frame-options', 'SAMEORIGIN');
  if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
};
