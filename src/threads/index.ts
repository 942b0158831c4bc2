/**
 * Worker threads running TypeScript modules of this package. The package runs without a build step, and a
 * worker does not inherit the main thread's module hooks: each worker starts from a tiny script that
 * registers tsx before importing its entry module.
 */
import { Worker } from 'node:worker_threads';

function bootstrap(entry: URL): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
}

/** A worker running the module at `entry` (a `new URL('./file.ts', import.meta.url)`). */
export function startWorker(entry: URL, workerData?: unknown): Worker {
  return new Worker(bootstrap(entry), { eval: true, execArgv: [], workerData });
}
