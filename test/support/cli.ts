/** Running the real `xxgk` binary from tests, as a user would. */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const BASE_ENV = { NO_COLOR: '', XXGK_DEBUG: '', XXGK_DB: '' };

export function xxgk(
  args: string[],
  env: Record<string, string> = {},
  options: Pick<SpawnSyncOptions, 'uid' | 'gid'> = {},
): Run {
  const r = spawnSync(process.execPath, ['bin/xxgk.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...BASE_ENV, ...env },
    timeout: 180_000,
    ...options,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The binary started in the background (for killing it midway), with its output collected. */
export function xxgkChild(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['bin/xxgk.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...BASE_ENV, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Run>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
  return { child, done };
}

/** A stack frame line (「    at foo (file.js:1:2)」): must never reach a user. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|<anonymous>)$/m;

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
