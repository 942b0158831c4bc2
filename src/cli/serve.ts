/** `xxgk serve`: the reviewer's web app over the database (`npm start`). */
import { Command } from 'commander';
import { DB_FLAGS, DB_HELP, withStore } from './database.ts';
import { EXIT, UsageError } from './errors.ts';

interface ServeOptions {
  db?: string;
  port?: string;
  host?: string;
  samples?: boolean;
}

const COMMAND = 'xxgk serve';

export function serveCommand(): Command {
  return new Command('serve')
    .description('启动网页版审核系统 (serve the web app)')
    .option('--port <PORT>', '端口，默认取 PORT，否则 8080 (port; default $PORT, else 8080)')
    .option('--host <HOST>', '监听地址，默认 localhost (address to listen on; default localhost)')
    .option(DB_FLAGS, DB_HELP)
    .option(
      '--samples',
      '先载入示例报告和示例单位名录（已有的不重复载入）(load the sample reports and registry first; npm run demo)',
    )
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk serve
  xxgk serve --samples
  PORT=9000 xxgk serve --db postgres://xxgk@localhost/xxgk

首次打开时创建管理员，或先运行 xxgk users add (create the first administrator on the first page, or with xxgk users add).
退出码 (exit codes): 0 正常停止；2 端口被占用、用法错误或数据库错误`,
    )
    .action(async (options: ServeOptions) => {
      process.exitCode = await runServe(options);
    });
}

function parsePort(text: string | undefined): number {
  const value = text ?? process.env.PORT ?? '8080';
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535)
    throw new UsageError(
      `端口应为 1–65535 的整数，收到 ${value}`,
      `port must be 1–65535, got ${value}`,
      COMMAND,
    );
  return port;
}

async function runServe(options: ServeOptions): Promise<number> {
  const port = parsePort(options.port);
  const hostname = options.host ?? 'localhost';
  // Requests overlap: on SQLite their reads run in threads beside the one that renders pages.
  const { defaultReaders } = await import('../store/index.ts');
  return withStore(options.db, { readers: defaultReaders() }, async (store) => {
    if (options.samples) {
      const { describeSamples, loadSamples } = await import('./samples.ts');
      process.stderr.write(describeSamples(await loadSamples(store)));
    }
    const { serveUntilStopped } = await import('../web/server.ts');
    try {
      await serveUntilStopped(store, { store, port, hostname }, (url) => {
        process.stderr.write(
          `xxgk: 审核系统已启动：${url} （按 Ctrl+C 停止）(serving on ${url}; Ctrl+C stops)\n`,
        );
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        process.stderr.write(
          `xxgk: 无法监听 ${hostname}:${port}（${code === 'EADDRINUSE' ? '端口已被占用' : '无权限或地址无效'}）(cannot listen on ${hostname}:${port}: ${code})\n`,
        );
        return EXIT.usage;
      }
      throw e;
    }
    return EXIT.ok;
  });
}
