// Structured logs: the services' log records over OTLP, filtered by resource, level and text.
'use strict';

(() => {
  const { h } = US;
  const params = US.query();
  const filter = { resource: params.get('resource') || '', level: params.get('level') || '', text: params.get('text') || '', traceId: params.get('traceId') || '' };
  const open = new Set();
  let color = US.colors([]);
  let shownKey = '';

  function toolbar(services) {
    const select = (id, options, value, label) => h('label', { for: id }, label,
      h('select', { id, onchange: e => { filter[id] = e.target.value; changed(); } },
        options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
    let timer;
    return h('div', { class: 'toolbar' },
      select('resource', [['', 'All resources'], ...services.map(s => [s, s])], filter.resource, 'Resource'),
      select('level', [['', 'All levels'], ...['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical'].map(l => [l.toLowerCase(), l + ' and above'])], filter.level, 'Level'),
      h('input', { type: 'search', id: 'text', placeholder: 'Filter by text…', value: filter.text,
        oninput: e => { clearTimeout(timer); timer = setTimeout(() => { filter.text = e.target.value; changed(); }, 250); } }),
      filter.traceId ? h('span', { class: 'chip' }, 'Trace ', h('a', { href: '/traces/' + filter.traceId, class: 'mono' }, filter.traceId.slice(0, 12) + '…'),
        h('button', { type: 'button', onclick: () => { filter.traceId = ''; changed(); } }, '×')) : null,
      h('span', { class: 'muted', id: 'count' }));
  }

  function changed() {
    US.setQuery(filter);
    shownKey = '';
    refresh();
  }

  function row(log) {
    const key = String(log.sequence);
    const toggle = () => { open.has(key) ? open.delete(key) : open.add(key); shownKey = ''; refresh(); };
    const main = h('tr', { class: 'clickable', onclick: toggle, 'data-level': log.level },
      h('td', { class: 'time', title: US.dateTime(log.time) }, US.time(log.time)),
      h('td', {}, h('span', { class: `badge ${log.level}` }, log.level)),
      h('td', {}, US.serviceChip(log.resource, color)),
      h('td', { class: 'muted', title: log.category }, log.category.split('.').at(-1)),
      h('td', { class: 'message' }, log.message),
      h('td', {}, log.traceId ? h('a', { href: '/traces/' + log.traceId, onclick: e => e.stopPropagation() }, 'View trace') : null));
    const details = open.has(key)
      ? h('tr', { class: 'details' }, h('td', { colspan: 6 }, US.kvTable({ category: log.category, ...(log.traceId ? { traceId: log.traceId, spanId: log.spanId } : {}), ...log.attributes })))
      : null;
    return [main, details];
  }

  let generation = 0;

  async function refresh() {
    const mine = ++generation;
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
    let body;
    try { body = await US.api('/api/logs?' + q); } catch (error) { return US.fail(error, 'logs'); }
    if (mine !== generation) return; // a newer request (a filter change) overtook this one
    const key = JSON.stringify([body.logs.map(l => l.sequence), body.droppedRecords]);
    if (key === shownKey) return;
    shownKey = key;
    document.getElementById('count').textContent = `${body.logs.length} shown of ${body.count} kept`;
    const table = document.getElementById('log-table');
    table.replaceChildren(
      US.droppedNotice(body.droppedRecords, 'log records') || '',
      body.logs.length === 0
        ? h('div', { class: 'panel empty' }, 'No log records match.')
        : h('div', { class: 'panel' }, h('table', { class: 'grid', id: 'logs' },
            h('thead', {}, h('tr', {}, ['Time', 'Level', 'Resource', 'Category', 'Message', 'Trace'].map(t => h('th', {}, t)))),
            h('tbody', {}, body.logs.map(row)))));
  }

  (async () => {
    const services = await US.knownServices();
    color = US.colors(services);
    US.render(toolbar(services), h('div', { id: 'log-table' }));
    US.poll(refresh, 3000);
  })();
})();
