/**
 * 上传: drop files or folders, or pick them; each file goes up in its own request (upload.js) and gets a
 * row with its progress and outcome. Below, the recent files that could not be read.
 */
import type { StoredUnreadable } from '../../store/index.ts';
import type { Viewer } from '../context.ts';
import { megabytes } from '../upload/multipart.ts';
import { Layout } from './layout.tsx';

export function UploadPage(props: {
  viewer: Viewer;
  /** Null: the viewer's scope is a subtree, and unreadable files belong to no body. */
  failures: StoredUnreadable[] | null;
  extensions: readonly string[];
  maxBytes: number;
}) {
  const { viewer, failures, extensions, maxBytes } = props;
  return (
    <Layout title="上传报告" viewer={viewer} active="upload" scripts={['upload.js']} styles={['upload.css']}>
      <h1>上传报告</h1>
      <section
        id="upload"
        class="upload"
        data-extensions={extensions.join(',')}
        data-max-bytes={String(maxBytes)}
      >
        <div id="drop-zone" class="drop-zone" tabindex={0} role="group" aria-label="拖放上传区域">
          <p class="drop-title">把报告文件或整个文件夹拖到这里</p>
          <p class="drop-or">或者</p>
          <p class="drop-pick">
            <label class="button">
              选择文件
              <input
                id="pick-files"
                class="visually-hidden"
                type="file"
                multiple
                accept={extensions.join(',')}
              />
            </label>
            <label class="button">
              选择文件夹
              <input id="pick-folder" class="visually-hidden" type="file" multiple webkitdirectory="" />
            </label>
          </p>
          <p class="muted">
            支持 {extensions.join(' ')}；每个文件不超过 {megabytes(maxBytes)}。
            同一文件再次上传不会重复入库，内容有变化的文件成为同一报告的新版本。
          </p>
        </div>
        <p id="upload-summary" class="upload-summary" role="status" aria-live="polite"></p>
        <table id="upload-results" class="data upload-results" hidden>
          <thead>
            <tr>
              <th>文件</th>
              <th>大小</th>
              <th>进度</th>
              <th>结果</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody></tbody>
        </table>
      </section>
      <section>
        <h2>最近无法读取的文件</h2>
        {failures === null ? (
          <p class="muted">无法读取的文件不属于任何单位，只对数据范围为全部的用户列出。</p>
        ) : (
          <>
            <p id="no-failures" class="muted" hidden={failures.length > 0}>
              暂无。
            </p>
            <table class="data" id="recent-failures" hidden={failures.length === 0}>
              <thead>
                <tr>
                  <th>时间</th>
                  <th>文件</th>
                  <th>原因</th>
                </tr>
              </thead>
              <tbody>
                {failures.map((f) => (
                  <tr>
                    <td>{f.seenAt.slice(0, 19).replace('T', ' ')}</td>
                    <td>{f.name}</td>
                    <td>{f.zh}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </Layout>
  );
}
