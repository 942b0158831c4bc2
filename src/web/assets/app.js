// xxgk: the helpers every page's scripts use. No framework; the pages work without it where they can.
'use strict';
(function () {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const csrfToken = meta ? meta.getAttribute('content') : '';

  /** fetch() for the JSON API: sends the CSRF header; resolves to the JSON body or throws its Chinese message. */
  async function api(path, options) {
    const opts = Object.assign({ credentials: 'same-origin' }, options || {});
    opts.headers = Object.assign({ 'x-csrf-token': csrfToken }, opts.headers || {});
    if (opts.json !== undefined) {
      opts.body = JSON.stringify(opts.json);
      opts.headers['content-type'] = 'application/json';
      delete opts.json;
    }
    const res = await fetch(path, opts);
    const type = res.headers.get('content-type') || '';
    const body = type.includes('application/json') ? await res.json() : null;
    if (!res.ok)
      throw new Error((body && body.error && body.error.message) || '请求失败（' + res.status + '）');
    return body;
  }

  window.xxgk = { api: api, csrfToken: csrfToken };
})();
