// 单位与覆盖: suggestions while typing in the search box (GET /api/bodies). Without this script the
// search form still works: it reloads the page with the results listed.
'use strict';
(function () {
  const form = document.querySelector('form.body-search');
  if (!form) return;
  const input = form.querySelector('input[name="q"]');
  const list = document.getElementById('body-suggestions');
  const year = form.querySelector('input[name="year"]').value;
  let timer = 0;
  let asked = '';

  function show(bodies) {
    list.replaceChildren();
    for (const b of bodies) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href =
        '/bodies?year=' +
        encodeURIComponent(year) +
        '&at=' +
        encodeURIComponent(b.id) +
        '#b-' +
        encodeURIComponent(b.id);
      a.textContent = b.name;
      const where = document.createElement('span');
      where.className = 'muted';
      where.textContent = ' ' + b.ancestors.concat([b.name]).join(' / ');
      li.append(a, where);
      list.append(li);
    }
    if (bodies.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = '没有找到这个单位';
      list.append(li);
    }
    list.hidden = false;
  }

  async function search() {
    const q = input.value.trim();
    if (q === asked) return;
    asked = q;
    if (!q) {
      list.hidden = true;
      return;
    }
    try {
      const body = await window.xxgk.api('/api/bodies?q=' + encodeURIComponent(q) + '&limit=10');
      if (q === asked) show(body.bodies);
    } catch (e) {
      list.replaceChildren(Object.assign(document.createElement('li'), { textContent: e.message }));
      list.hidden = false;
    }
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') list.hidden = true;
  });

  // Opened at a body (a search result, a missing body): bring it into view and mark it.
  const at = new URLSearchParams(location.search).get('at');
  const node = at && document.getElementById('b-' + at);
  if (node) node.scrollIntoView({ block: 'center' });
})();
