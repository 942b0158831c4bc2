/**
 * Uploads go through the same ingester as `xxgk ingest`: parsed and checked in worker threads, matched to
 * the registry's bodies, stored whole with the corpus checks, unreadable files recorded with the reason
 * and never stored as reports. One parsing pool serves every upload of a server (its threads are the
 * expensive part); each request gets a fresh ingester over it, so what another process stored or a new
 * units registry is seen at once.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { createHash } from 'node:crypto';
import { CorpusIndex, Ingester, ParserPool, type IngestItem, type StoredSource } from '../../ingest/index.ts';
import type { Matcher, Store } from '../../store/index.ts';
import { REGISTRY_TTL_MS } from '../counts.ts';
import type { Viewer, WebSettings } from '../context.ts';
import { megabytes } from './multipart.ts';

/** The kinds the pipeline reads (it sniffs the content anyway; the extension only keeps junk out). */
export const UPLOAD_EXTENSIONS = [
  '.txt',
  '.html',
  '.htm',
  '.md',
  '.docx',
  '.pdf',
  '.doc',
  '.wps',
  '.odt',
  '.rtf',
] as const;

export type Outcome = 'newReport' | 'newVersion' | 'unchanged' | 'duplicate' | 'failed';

export const OUTCOME_LABEL: Record<Outcome, string> = {
  newReport: '新报告',
  newVersion: '新版本',
  unchanged: '未变化',
  duplicate: '重复',
  failed: '失败',
};

export interface UploadResult {
  name: string;
  size: number;
  sha256: string | null;
  outcome: Outcome;
  /** The outcome in Chinese. */
  label: string;
  /** The stored report, when the viewer may see it. */
  reportId: number | null;
  findings: number;
  /** Stored, but no body of the registry was found for it. */
  unmatched: boolean;
  /** Why the file was not stored (Chinese); null when it was. */
  reason: string | null;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Where an uploaded file's bytes say they came from: the uploader and the file's name. */
function uploadPath(login: string, name: string): string {
  return `/uploads/${login}/${name.replace(/[\\/]/g, '_')}`;
}

export function allowedType(name: string): boolean {
  return (UPLOAD_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

function outcomeOf(item: IngestItem): Outcome {
  if (!item.ok) return 'failed';
  switch (item.status) {
    case 'newReport':
    case 'newVersion':
      return item.status;
    // ('rechecked' never comes from an upload, only from 重新检查.)
    case 'unchanged':
    case 'known':
    case 'rechecked':
      return 'unchanged';
    // Other bytes with what a stored report already says, or the same bytes twice in one request.
    case 'sameContent':
    case 'duplicate':
      return 'duplicate';
    case 'aborted':
      return 'failed';
  }
}

/** The files of one upload request, stored through one ingester; `finish` runs the corpus checks. */
export class UploadBatch {
  constructor(
    private readonly store: Store,
    private readonly ingester: Ingester,
    private readonly viewer: Viewer,
    private readonly settings: WebSettings,
  ) {}

  private async audit(result: UploadResult): Promise<UploadResult> {
    await this.store.audit({
      userId: this.viewer.user.id,
      action: 'upload',
      target: result.name,
      detail: {
        sha256: result.sha256,
        outcome: result.outcome,
        reportId: result.reportId,
        ...(result.reason ? { reason: result.reason } : {}),
      },
    });
    return result;
  }

  private refused(name: string, size: number, reason: string): Promise<UploadResult> {
    return this.audit({
      name,
      size,
      sha256: null,
      outcome: 'failed',
      label: OUTCOME_LABEL.failed,
      reportId: null,
      findings: 0,
      unmatched: false,
      reason,
    });
  }

  tooLarge(name: string, size: number): Promise<UploadResult> {
    return this.refused(name, size, `文件超过大小上限（${megabytes(this.settings.maxUploadBytes)}）`);
  }

  async add(name: string, bytes: Uint8Array): Promise<UploadResult> {
    if (!allowedType(name)) {
      return this.refused(name, bytes.length, `不支持的文件类型，可上传 ${UPLOAD_EXTENSIONS.join(' ')} 文件`);
    }
    const hash = sha256(bytes);
    const item = await this.ingester.ingestBytes(uploadPath(this.viewer.user.login, name), bytes);
    const outcome = outcomeOf(item);
    let reason: string | null = null;
    if (!item.ok) reason = item.error.zh;
    else if (item.status === 'aborted')
      reason = `${this.ingester.fatal?.zh ?? '数据库暂时不可用'}，文件未保存，请稍后重试`;
    const reportId = outcome === 'failed' ? null : await this.store.reportOfSource(hash, this.viewer.range);
    return this.audit({
      name,
      size: bytes.length,
      sha256: hash,
      outcome,
      label: OUTCOME_LABEL[outcome],
      reportId,
      findings: item.ok ? item.findings : 0,
      unmatched: item.ok && item.unmatched,
      reason,
    });
  }

  /** Runs the corpus checks of what this request stored (cross-year, similarity), then lets go. */
  async finish(): Promise<void> {
    try {
      await this.ingester.finishCorpusChecks();
    } finally {
      await this.ingester.close();
    }
  }
}

/**
 * The server's upload machinery: the one parsing pool, started on the first upload, and the one similarity
 * index of the corpus checks, built on the first upload that needs it and topped up afterwards.
 */
export class UploadService {
  private pool: ParserPool | null = null;
  private corpusIndex: CorpusIndex | null = null;
  /** The registry's name matcher, kept like the web app's other registry answers (counts.ts). */
  private matcher: { at: number; value: Promise<Matcher> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly settings: WebSettings,
  ) {}

  /** Threads parsing at once: each file is one request, several in flight from each page. */
  get jobs(): number {
    return Math.max(1, Math.min(4, availableParallelism()));
  }

  private parsers(): ParserPool {
    return (this.pool ??= new ParserPool(this.jobs, {
      timeLimitMs: Math.round(this.settings.parseSeconds * 1000),
    }));
  }

  /**
   * Building the matcher reads and normalises the whole registry (~0.4 s at 20,000 bodies, on the thread
   * that serves every page): kept 5 minutes, as the registry changes only when a units file is imported.
   */
  private registryMatcher(): Promise<Matcher> {
    const now = Date.now();
    if (!this.matcher || now - this.matcher.at > REGISTRY_TTL_MS) {
      const value = this.store.matcher();
      this.matcher = { at: now, value };
      value.catch(() => (this.matcher = null));
    }
    return this.matcher.value;
  }

  /** An ingester over the server's parsing threads, similarity index and matcher. */
  private async ingester(): Promise<Ingester> {
    return Ingester.create(this.store, {
      jobs: this.jobs,
      pool: this.parsers(),
      corpusIndex: (this.corpusIndex ??= new CorpusIndex(this.store)),
      matcher: await this.registryMatcher(),
      // A few files into a possibly large store: each file's hash is looked up, not every hash loaded.
      lookUpKnown: true,
      // A request should not hang for minutes while the database is away: give up sooner than the CLI.
      patienceMs: 30_000,
    });
  }

  /**
   * 重新检查 of a stored version, in a parsing thread under the upload's time limit (a re-check must not
   * block the server on a hostile file): read by an older parser, it becomes a new version; read by this
   * one, its findings are replaced. The corpus checks of the report then run again (Ingester.recheck).
   */
  async recheck(stored: StoredSource & { parserVersion: number }): Promise<IngestItem> {
    const ingester = await this.ingester();
    try {
      return await ingester.recheck(stored);
    } finally {
      await ingester.close();
    }
  }

  async begin(viewer: Viewer): Promise<UploadBatch> {
    return new UploadBatch(this.store, await this.ingester(), viewer, this.settings);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }
}

const services = new WeakMap<Store, UploadService>();

/** The upload service of the server over `store` (one per store, made on first use). */
export function uploadService(store: Store, settings: WebSettings): UploadService {
  let service = services.get(store);
  if (!service) {
    service = new UploadService(store, settings);
    services.set(store, service);
  }
  return service;
}

/** Stops the parsing threads of the server over `store` (server stop, test teardown). */
export async function closeUploads(store: Store): Promise<void> {
  const service = services.get(store);
  services.delete(store);
  await service?.close();
}
