/**
 * The app's static files (src/web/assets: one stylesheet, small scripts), read once and served from
 * memory with a content hash as ETag. Only files in that folder, by exact name, are served.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: Uint8Array;
  type: string;
  etag: string;
}

function loadAssets(): Map<string, Asset> {
  const dir = new URL('./assets/', import.meta.url);
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.slice(name.lastIndexOf('.'))];
    if (!type) continue;
    const body = readFileSync(new URL(name, dir));
    assets.set(name, {
      body,
      type,
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
    });
  }
  return assets;
}

export function assetRoutes(app: Hono<AppEnv>): void {
  const assets = loadAssets();
  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.notFound();
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': asset.type,
      etag: asset.etag,
      'cache-control': 'no-cache',
    });
  });
}
