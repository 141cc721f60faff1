// Traces: recent traces with the services they crossed, how long they took and whether they failed.
'use strict';

(() => {
  const { h } = US;
  let service = US.query().get('service') || '';
  let color = US.colors([]);
  let shownKey = '';

  function row(t, longest) {
    return h('tr', { class: 'clickable', 'data-trace': t.traceId, onclick: e => { if (!e.target.closest('a')) location.href = '/traces/' + t.traceId; } },
      h('td', { class: 'time', title: US.dateTime(t.start) }, US.time(t.start)),
      h('td', {}, h('a', { href: '/traces/' + t.traceId }, t.name), h('div', { class: 'muted mono' }, t.traceId.slice(0, 16) + '…')),
      h('td', {}, t.services.map(s => US.serviceChip(s, color))),
      h('td', {}, h('div', { class: 'bar-cell' },
        h('span', { class: 'track' }, h('span', { class: 'fill', style: { width: Math.max(1, 100 * t.durationMs / longest) + '%', display: 'block' } })),
        h('span', { class: 'num' }, US.duration(t.durationMs)))),
      h('td', { class: 'num' }, t.spanCount),
      h('td', {}, t.hasError ? h('span', { class: 'badge error', title: `${t.errorCount} span(s) failed` }, 'Error') : h('span', { class: 'badge ok' }, 'OK')));
  }

  let generation = 0;

  async function refresh() {
    const mine = ++generation;
    let body;
    try { body = await US.api('/api/traces?limit=200' + (service ? '&service=' + encodeURIComponent(service) : '')); } catch (error) { return US.fail(error, 'traces'); }
    if (mine !== generation) return; // a newer request (a filter change) overtook this one
    const key = JSON.stringify([body.traces.map(t => [t.traceId, t.spanCount]), body.droppedSpans]);
    if (key === shownKey) return;
    shownKey = key;
    const longest = Math.max(1, ...body.traces.map(t => t.durationMs));
    document.getElementById('trace-list').replaceChildren(
      US.droppedNotice(body.droppedSpans, 'spans') || '',
      body.traces.length === 0
        ? h('div', { class: 'panel empty' }, 'No traces yet. Services send them to the OTLP receiver when OTEL_EXPORTER_OTLP_ENDPOINT is set.')
        : h('div', { class: 'panel' }, h('table', { class: 'grid', id: 'traces' },
            h('thead', {}, h('tr', {}, ['Start', 'Name', 'Services', 'Duration', 'Spans', 'Status'].map((t, i) => h('th', { class: i === 4 ? 'num' : null }, t)))),
            h('tbody', {}, body.traces.map(t => row(t, longest))))));
  }

  (async () => {
    const services = await US.knownServices();
    color = US.colors(services);
    const picker = h('select', { id: 'service', onchange: e => { service = e.target.value; US.setQuery({ service }); shownKey = ''; refresh(); } },
      h('option', { value: '' }, 'All services'), services.map(s => h('option', { value: s, selected: s === service }, s)));
    US.render(h('div', { class: 'toolbar' }, h('label', { for: 'service' }, 'Service', picker)), h('div', { id: 'trace-list' }));
    US.poll(refresh, 3000);
  })();
})();
