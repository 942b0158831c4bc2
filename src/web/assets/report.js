// 报告详情: clicking a finding highlights the cells it names in the tables and its quoted sentence in the
// source, and scrolls to the first of them. Without this script the page still shows every mark.
'use strict';
(function () {
  function clear() {
    document.querySelectorAll('.hit').forEach(function (el) {
      el.classList.remove('hit');
    });
    document.querySelectorAll('.finding.active').forEach(function (el) {
      el.classList.remove('active');
    });
  }

  function locate(findingId) {
    const item = document.getElementById(findingId);
    if (!item) return;
    clear();
    item.classList.add('active');
    const targets = [];
    (item.getAttribute('data-cells') || '').split(' ').forEach(function (cell) {
      if (!cell) return;
      document.querySelectorAll('[data-cell]').forEach(function (td) {
        if (td.getAttribute('data-cell') === cell) targets.push(td);
      });
    });
    document.querySelectorAll('mark[data-findings]').forEach(function (mark) {
      if (mark.getAttribute('data-findings').split(' ').indexOf(findingId) >= 0) targets.push(mark);
    });
    targets.forEach(function (el) {
      el.classList.add('hit');
    });
    if (targets.length > 0) targets[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  document.addEventListener('click', function (event) {
    const button = event.target.closest ? event.target.closest('button.locate') : null;
    if (button) {
      locate(button.getAttribute('data-finding'));
      return;
    }
    // A marked cell or sentence leads back to its (first) finding.
    const marked = event.target.closest ? event.target.closest('[data-findings]') : null;
    if (marked && marked.getAttribute('data-findings')) {
      const first = marked.getAttribute('data-findings').split(' ')[0];
      const item = document.getElementById(first);
      if (item) {
        locate(first);
        item.scrollIntoView({ block: 'nearest' });
      }
    }
  });
})();
