// 上传: files and folders (dropped or picked) go up one file per request, a few at a time, each with its
// own progress bar and outcome. A failed file keeps its reason and a 「重试」 button.
'use strict';
(function () {
  const root = document.getElementById('upload');
  if (!root) return;
  const EXTENSIONS = (root.dataset.extensions || '').split(',');
  const MAX_BYTES = Number(root.dataset.maxBytes || 0);
  const PARALLEL = 3;
  const table = document.getElementById('upload-results');
  const tbody = table.querySelector('tbody');
  const summary = document.getElementById('upload-summary');
  const zone = document.getElementById('drop-zone');

  /** Every file's row and state: queued, sending, done, failed. */
  const items = [];
  const queue = [];
  let active = 0;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function size(bytes) {
    if (bytes >= 1024 * 1024) return (bytes / 1024 / 1024).toFixed(1) + ' MB';
    if (bytes >= 1024) return Math.round(bytes / 1024) + ' KB';
    return bytes + ' 字节';
  }

  function extensionOf(name) {
    const dot = name.lastIndexOf('.');
    return dot < 0 ? '' : name.slice(dot).toLowerCase();
  }

  function showSummary() {
    const count = {};
    let finished = 0;
    for (const item of items) {
      if (item.state !== 'done' && item.state !== 'failed') continue;
      finished++;
      count[item.label] = (count[item.label] || 0) + 1;
    }
    const parts = Object.entries(count).map(([label, n]) => label + ' ' + n);
    summary.textContent =
      '已完成 ' + finished + ' / ' + items.length + ' 个文件' + (parts.length ? '：' + parts.join('，') : '');
  }

  function setOutcome(item, result) {
    const cell = item.row.querySelector('.outcome');
    const actions = item.row.querySelector('.actions');
    cell.textContent = '';
    actions.textContent = '';
    item.label = result.label;
    item.state = result.outcome === 'failed' ? 'failed' : 'done';
    item.row.dataset.outcome = result.outcome;
    cell.append(el('span', { class: 'badge outcome-' + result.outcome }, result.label));
    if (result.reason) cell.append(el('span', { class: 'reason' }, result.reason));
    if (result.reportId !== null && result.reportId !== undefined) {
      cell.append(' ', el('a', { href: '/reports/' + result.reportId }, '查看报告 #' + result.reportId));
      if (result.findings) cell.append(el('span', { class: 'note' }, '发现问题 ' + result.findings + ' 项'));
    } else if (result.outcome !== 'failed') {
      cell.append(el('span', { class: 'note' }, '已入库，不在您的数据范围内'));
    }
    if (result.unmatched) cell.append(el('span', { class: 'note' }, '未对应到单位名录中的单位'));
    if (item.state === 'failed' && item.retry) {
      const again = el('button', { type: 'button', class: 'button secondary retry' }, '重试');
      again.addEventListener('click', () => {
        item.state = 'queued';
        queue.push(item);
        pump();
      });
      actions.append(again);
    }
    showSummary();
  }

  function failLocally(item, reason, retry) {
    item.retry = retry;
    item.progress.value = 0;
    setOutcome(item, { outcome: 'failed', label: '失败', reason: reason, reportId: null });
  }

  function send(item) {
    active++;
    item.state = 'sending';
    item.row.dataset.outcome = '';
    item.row.querySelector('.outcome').textContent = '上传中…';
    item.row.querySelector('.actions').textContent = '';
    const form = new FormData();
    form.append('files', item.file, item.file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('x-csrf-token', window.xxgk.csrfToken);
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) item.progress.value = e.loaded / e.total;
    });
    xhr.upload.addEventListener('load', () => {
      item.progress.value = 1;
      item.row.querySelector('.outcome').textContent = '解析中…';
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response;
      if (xhr.status === 200 && body && body.results && body.results[0]) {
        item.retry = true;
        setOutcome(item, body.results[0]);
      } else {
        const message = body && body.error ? body.error.message : '上传失败（' + xhr.status + '）';
        failLocally(item, message, true);
      }
    });
    xhr.addEventListener('error', () => failLocally(item, '网络中断，文件未上传', true));
    xhr.addEventListener('loadend', () => {
      active--;
      pump();
    });
    xhr.send(form);
  }

  function pump() {
    while (active < PARALLEL && queue.length > 0) send(queue.shift());
    if (active === 0 && queue.length === 0) refreshFailures();
  }

  function add(file, path) {
    const row = el('tr');
    const progress = el('progress', { max: '1', value: '0', 'aria-label': '上传进度' });
    row.append(
      el('td', { class: 'file' }, path || file.name),
      el('td', { class: 'size' }, size(file.size)),
      el('td', {}),
      el('td', { class: 'outcome' }, '等待上传'),
      el('td', { class: 'actions' }),
    );
    row.children[2].append(progress);
    tbody.append(row);
    const item = { file: file, row: row, progress: progress, state: 'queued', label: '', retry: true };
    items.push(item);
    if (!EXTENSIONS.includes(extensionOf(file.name)))
      failLocally(item, '不支持的文件类型，可上传 ' + EXTENSIONS.join(' ') + ' 文件', false);
    else if (MAX_BYTES && file.size > MAX_BYTES)
      failLocally(item, '文件超过大小上限（' + size(MAX_BYTES) + '）', false);
    else queue.push(item);
  }

  function addAll(entries) {
    // Hidden files (.DS_Store, ._x, ~$x.docx) come with folders; they are never reports.
    const wanted = entries.filter((e) => !/^[.~]/.test(e.file.name));
    if (wanted.length === 0) return;
    table.hidden = false;
    for (const e of wanted) add(e.file, e.path);
    showSummary();
    pump();
  }

  /** All files under a dropped entry (a folder is read in batches until it says it has no more). */
  async function walk(entry, out) {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file: file, path: entry.fullPath.replace(/^\//, '') });
      return;
    }
    if (!entry.isDirectory) return;
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return;
      for (const child of batch) await walk(child, out);
    }
  }

  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const list = e.dataTransfer;
    const entries = [];
    // Entries must be taken before the first await: the DataTransfer empties once the handler yields.
    const roots = Array.from(list.items || [])
      .map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null))
      .filter(Boolean);
    if (roots.length > 0) {
      for (const r of roots) await walk(r, entries);
    } else {
      for (const f of Array.from(list.files || [])) entries.push({ file: f, path: f.name });
    }
    addAll(entries);
  });

  for (const id of ['pick-files', 'pick-folder']) {
    const input = document.getElementById(id);
    input.addEventListener('change', () => {
      addAll(Array.from(input.files).map((f) => ({ file: f, path: f.webkitRelativePath || f.name })));
      input.value = '';
    });
  }

  /** After a round of uploads, the page's list of recent failures is brought up to date. */
  async function refreshFailures() {
    const list = document.getElementById('recent-failures');
    if (!list || !items.some((i) => i.state === 'failed')) return;
    try {
      const { failures } = await window.xxgk.api('/api/uploads/failures');
      const body = list.querySelector('tbody');
      body.textContent = '';
      for (const f of failures) {
        const row = el('tr');
        row.append(
          el('td', {}, f.seenAt.slice(0, 19).replace('T', ' ')),
          el('td', {}, f.name),
          el('td', {}, f.reason),
        );
        body.append(row);
      }
      list.hidden = failures.length === 0;
      document.getElementById('no-failures').hidden = failures.length > 0;
    } catch {
      // The list stays as the page showed it; the rows above already say what failed.
    }
  }
})();
