/**
 * Runs the app on a port with @hono/node-server until SIGINT/SIGTERM, then closes the server and the
 * store cleanly. Binds to localhost unless told otherwise: the first-run page must not face a network.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Store } from '../store/index.ts';
import { createApp, type AppOptions } from './app.tsx';
import { closeUploads } from './upload/service.ts';

export interface ServerOptions extends AppOptions {
  port: number;
  hostname: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    const server: ServerType = serve(
      { fetch: app.fetch, port: options.port, hostname: options.hostname },
      (info) => {
        server.off('error', onError);
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${options.hostname === 'localhost' ? 'localhost' : host}:${info.port}`,
          close: async () => {
            await new Promise<void>((done) => server.close(() => done()));
            // The upload parsing threads would keep the process alive.
            await closeUploads(options.store);
          },
        });
      },
    );
    server.once('error', onError);
  });
}

/** Serves until the process is asked to stop. */
export async function serveUntilStopped(
  store: Store,
  options: ServerOptions,
  announce: (url: string) => void,
) {
  const running = await startServer({ ...options, store });
  announce(running.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
}
