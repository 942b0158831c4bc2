/** 上传: report files in, each file's outcome out; and the recent files that could not be read. */
import { z } from 'zod';
import { refuse } from '../errors.tsx';
import { boundaryOf, megabytes, MultipartError, readMultipart } from '../upload/multipart.ts';
import { uploadService, type UploadResult } from '../upload/service.ts';
import { route } from './route.ts';

/** Room for each part's headers and delimiters on top of the files themselves. */
const PART_OVERHEAD = 16 * 1024;
/** Files of one request read and not yet stored, at most. */
const MAX_WAITING = 4;

const resultSchema = z.object({
  name: z.string(),
  size: z.number().int(),
  sha256: z.string().nullable(),
  outcome: z.enum(['newReport', 'newVersion', 'unchanged', 'duplicate', 'failed']),
  label: z.string().describe('结果：新报告、新版本、未变化、重复或失败'),
  reportId: z.number().int().nullable().describe('报告编号（不在您的数据范围内时为 null）'),
  findings: z.number().int(),
  unmatched: z.boolean().describe('已入库，但单位名录中找不到对应单位'),
  reason: z.string().nullable().describe('未入库的原因'),
});

const failureSchema = z.object({
  name: z.string(),
  reason: z.string(),
  seenAt: z.string(),
});

export const UPLOAD_ROUTES = [
  route({
    method: 'post',
    path: '/api/uploads',
    summary: '上传报告文件（一个或多个），逐个解析、检查并入库',
    tag: '上传',
    role: 'reviewer',
    multipart: {
      files: {
        type: 'file',
        multiple: true,
        description:
          '报告文件：.txt .html .htm .md .docx .pdf .doc .wps .odt .rtf；每个文件和每次请求的文件数有上限',
      },
    },
    response: z.object({ results: z.array(resultSchema) }),
    handler: async (c, { viewer }) => {
      const { store, settings } = c.get('deps');
      const limits = {
        maxFileBytes: settings.maxUploadBytes,
        maxFiles: settings.maxUploadFiles,
        maxTotalBytes: (settings.maxUploadBytes + PART_OVERHEAD) * settings.maxUploadFiles,
      };
      const declared = Number(c.req.header('content-length'));
      if (declared > limits.maxTotalBytes)
        return refuse(
          c,
          413,
          'too_large',
          `上传内容超过上限（${megabytes(limits.maxTotalBytes)}），请分批上传`,
        );
      let boundary: string;
      try {
        boundary = boundaryOf(c.req.header('content-type'));
      } catch (e) {
        if (e instanceof MultipartError) return refuse(c, e.status, 'bad_upload', e.zh);
        throw e;
      }
      const body = c.req.raw.body;
      if (!body) return refuse(c, 400, 'bad_upload', '没有收到文件');

      const batch = await uploadService(store, settings).begin(viewer);
      const pending: Promise<UploadResult>[] = [];
      // Files waiting for a parser hold their bytes: stop reading the request while enough are waiting.
      const waiting = new Set<Promise<unknown>>();
      try {
        for await (const part of readMultipart(body, boundary, limits)) {
          const result =
            part.kind === 'file' ? batch.add(part.name, part.bytes) : batch.tooLarge(part.name, part.size);
          pending.push(result);
          waiting.add(result);
          const done = () => void waiting.delete(result);
          result.then(done, done);
          if (waiting.size >= MAX_WAITING) await Promise.race(waiting);
        }
      } catch (e) {
        await Promise.allSettled(pending);
        await batch.finish();
        if (e instanceof MultipartError) return refuse(c, e.status, 'bad_upload', e.zh);
        throw e;
      }
      const results = await Promise.all(pending);
      await batch.finish();
      // New reports change who has reported: the registry-wide answers are asked again.
      c.get('deps').answers.clear();
      if (results.length === 0) return refuse(c, 400, 'bad_upload', '没有收到文件');
      return { results };
    },
  }),
  route({
    method: 'get',
    path: '/api/uploads/failures',
    summary: '最近无法读取的文件及原因',
    tag: '上传',
    role: 'reviewer',
    response: z.object({ failures: z.array(failureSchema) }),
    handler: async (c, { viewer }) => {
      // Unreadable files belong to no body: only a viewer who sees every body sees them all.
      if (viewer.range) return { failures: [] };
      const list = await c.get('deps').store.recentUnreadable(20);
      return { failures: list.map((f) => ({ name: f.name, reason: f.zh, seenAt: f.seenAt })) };
    },
  }),
];
