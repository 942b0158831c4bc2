/**
 * `xxgk samples load`: the five sample reports (fixtures/reports/seed-*) and a small units registry for
 * them (fixtures/samples/units.csv), so a newcomer's app has something to show. Loads only what is not
 * there yet: a second run changes nothing, and a registry of the user's own is never replaced.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { Store } from '../store/index.ts';
import { DB_FLAGS, DB_HELP, withStore } from './database.ts';
import { EXIT, UsageError } from './errors.ts';
import { outageNotices } from './ingest.ts';
import { readUnitsFile } from './units-file.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const UNITS_FILE = `${FIXTURES}samples/units.csv`;
const COMMAND = 'xxgk samples';

/** seed-004 does not print its agency name; it is assigned by hand, as with `xxgk units match --accept`. */
const ASSIGNED: Record<string, string> = {
  'seed-004-government-office-2019-pipe-cells-blank-rows': '130609100',
};

export function sampleReports(): { name: string; path: string }[] {
  return readdirSync(`${FIXTURES}reports`)
    .filter((d) => d.startsWith('seed-'))
    .sort()
    .map((name) => ({ name, path: `${FIXTURES}reports/${name}/report.txt` }));
}

export interface SamplesLoaded {
  /** Bodies imported now; 0 when the registry was already there. */
  bodies: number;
  /** The registry held other bodies, so the samples' was not imported. */
  foreignRegistry: boolean;
  newReports: number;
  present: number;
  failed: string[];
}

async function loadUnits(store: Store): Promise<Pick<SamplesLoaded, 'bodies' | 'foreignRegistry'>> {
  const rows = await readUnitsFile(UNITS_FILE, COMMAND);
  if ((await store.counts()).bodies > 0) {
    const ours = await store.body(rows[0]!.id);
    return { bodies: 0, foreignRegistry: ours === null };
  }
  const { validateUnits } = await import('../store/index.ts');
  const result = await store.importUnits(validateUnits(rows));
  return { bodies: result.bodies, foreignRegistry: false };
}

/** Loads what is missing of the samples into `store`. */
export async function loadSamples(store: Store): Promise<SamplesLoaded> {
  const units = await loadUnits(store);
  const { Ingester } = await import('../ingest/index.ts');
  const ingester = await Ingester.create(store, {
    jobs: Math.min(2, availableParallelism()),
    ...outageNotices(),
  });
  const loaded: SamplesLoaded = { ...units, newReports: 0, present: 0, failed: [] };
  try {
    const items = await Promise.all(sampleReports().map((r) => ingester.ingestFile(r.path)));
    for (const item of items) {
      if (!item.ok || item.status === 'aborted') loaded.failed.push(item.file);
      else if (item.status === 'newReport' || item.status === 'newVersion') loaded.newReports++;
      else loaded.present++;
    }
    await ingester.finishCorpusChecks();
  } finally {
    await ingester.close();
  }
  if (ingester.fatal) throw ingester.fatal;
  if (!units.foreignRegistry) await assignByHand(store);
  return loaded;
}

async function assignByHand(store: Store): Promise<void> {
  const unmatched = new Set((await store.unmatchedReports()).map((r) => r.reportId));
  for (const [seed, bodyId] of Object.entries(ASSIGNED)) {
    const bytes = readFileSync(`${FIXTURES}reports/${seed}/report.txt`);
    const reportId = await store.reportOfSource(createHash('sha256').update(bytes).digest('hex'), null);
    if (reportId !== null && unmatched.has(reportId)) await store.acceptMatch({ reportId }, bodyId);
  }
}

export function describeSamples(loaded: SamplesLoaded): string {
  const units = loaded.foreignRegistry
    ? '单位名录已有其他单位，未导入示例名录 (the registry holds other bodies; the samples’ was not imported)'
    : loaded.bodies > 0
      ? `已导入示例单位名录 ${loaded.bodies} 个单位 (imported ${loaded.bodies} sample bodies)`
      : '示例单位名录已存在 (the sample registry is already there)';
  const reports = `示例报告：新入库 ${loaded.newReports} 份，已存在 ${loaded.present} 份 (sample reports: ${loaded.newReports} new, ${loaded.present} already there)`;
  const failed = loaded.failed.map((f) => `无法读取 ${f} (cannot read)`);
  return `${[units, reports, ...failed].join('\n')}\n`;
}

export function samplesCommand(): Command {
  return new Command('samples')
    .description('载入示例报告与示例单位名录 (load the sample reports and their units registry)')
    .argument('<load>', 'load 载入示例数据 (load the samples)')
    .option(DB_FLAGS, DB_HELP)
    .addHelpText(
      'after',
      `
载入 fixtures/reports/seed-* 的五份真实年报和 fixtures/samples/units.csv 单位名录；已有的不会重复载入，
已有其他单位名录时不替换。(Loads the five sample reports and their registry; what is there is kept.)

示例 (examples):
  xxgk samples load
  xxgk serve --samples`,
    )
    .action(async (action: string, options: { db?: string }) => {
      if (action !== 'load')
        throw new UsageError(`未知操作 ${action}，应为 load`, `unknown action ${action}: load`, COMMAND);
      process.exitCode = await withStore(options.db, {}, async (store) => {
        const loaded = await loadSamples(store);
        process.stdout.write(describeSamples(loaded));
        return loaded.failed.length > 0 ? EXIT.problems : EXIT.ok;
      });
    });
}
