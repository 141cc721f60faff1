// Console logs: the recent stdout/stderr lines of one resource, from the AppHost.
'use strict';

(() => {
  const { h } = US;
  const fromPath = decodeURIComponent(location.pathname.split('/')[2] || '');
  let current = fromPath;
  let shownKey = '';

  // Lines may be plain strings or objects with text/line/message and time/timestamp.
  function lineOf(item) {
    if (typeof item === 'string') return { text: item };
    return {
      text: item.text ?? item.line ?? item.message ?? item.content ?? JSON.stringify(item),
      time: item.time || item.timestamp,
      error: item.isError || item.stream === 'stderr',
    };
  }

  async function load(names) {
    const picker = h('select', { id: 'resource', onchange: e => { current = e.target.value; shownKey = ''; history.replaceState(null, '', '/console/' + encodeURIComponent(current)); refresh(); } },
      names.map(n => h('option', { value: n, selected: n === current }, n)));
    const box = h('div', { class: 'console', id: 'console' }, h('div', { class: 'line muted' }, 'Loading…'));
    US.render(h('div', { class: 'toolbar' }, h('label', { for: 'resource' }, 'Resource', picker), h('span', { class: 'muted', id: 'line-count' })), box);
    US.poll(refresh, 2000);
  }

  async function refresh() {
    const box = document.getElementById('console');
    if (!box || !current) return;
    let body;
    try {
      body = await US.api(`/api/resources/${encodeURIComponent(current)}/logs`);
    } catch (error) {
      box.replaceChildren(h('div', { class: 'line stderr' }, `Could not load the console of ${current}: ${error.message}`));
      return;
    }
    const lines = (Array.isArray(body) ? body : body.lines || []).map(lineOf);
    const key = current + '|' + lines.length + '|' + (lines.at(-1)?.text || '');
    if (key === shownKey) return;
    shownKey = key;
    const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 20;
    box.replaceChildren(...(lines.length === 0
      ? [h('div', { class: 'line muted' }, 'No output yet.')]
      : lines.map((l, i) => h('div', { class: 'line' + (l.error ? ' stderr' : '') },
          h('span', { class: 'no' }, i + 1), l.time ? h('span', { class: 'ts' }, US.time(l.time)) : null, h('span', {}, l.text)))));
    document.getElementById('line-count').textContent = `${lines.length} line${lines.length === 1 ? '' : 's'}`;
    if (atBottom) box.scrollTop = box.scrollHeight;
  }

  (async () => {
    let names = [];
    try {
      const resources = await US.api('/api/resources');
      names = (Array.isArray(resources) ? resources : resources.resources || []).map(r => r.name);
    } catch { /* no resource API: only a name from the address can be shown */ }
    if (!current) current = names[0] || '';
    if (current && !names.includes(current)) names.unshift(current);
    if (!current) return US.render(h('div', { class: 'panel empty' }, 'No resources to show.'));
    load(names);
  })();
})();
