// One trace: a waterfall of its spans, a colour per service, and the details of the chosen span.
'use strict';

(() => {
  const { h } = US;
  const traceId = decodeURIComponent(location.pathname.split('/')[2] || '');
  let selected = null;

  // Parents before children, siblings by start; spans whose parent never arrived start a branch.
  function ordered(spans) {
    const ids = new Set(spans.map(s => s.spanId));
    const children = new Map();
    for (const s of spans) {
      const parent = s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : '';
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(s);
    }
    const out = [];
    const walk = (parent, depth) => {
      for (const s of (children.get(parent) || []).sort((a, b) => new Date(a.start) - new Date(b.start))) {
        out.push({ span: s, depth });
        walk(s.spanId, depth + 1);
      }
    };
    walk('', 0);
    return out;
  }

  function details(span, color) {
    const fields = {
      service: span.serviceName, name: span.name, kind: span.kind, scope: span.scope,
      spanId: span.spanId, parentSpanId: span.parentSpanId || '(root)',
      start: US.dateTime(span.start) + '.' + US.time(span.start).slice(9), duration: US.duration(span.durationMs),
      status: span.status + (span.statusMessage ? ' — ' + span.statusMessage : ''),
    };
    return h('div', { class: 'panel pad span-details', id: 'span-details' },
      h('h3', {}, US.serviceChip(span.serviceName, color), span.name),
      US.kvTable(fields),
      h('h3', { style: { margin: '14px 0 6px' } }, 'Attributes'),
      US.kvTable(span.attributes),
      span.events && span.events.length ? [h('h3', { style: { margin: '14px 0 6px' } }, 'Events'),
        span.events.map(e => h('div', {}, h('strong', {}, `${US.time(e.time)} ${e.name}`), US.kvTable(e.attributes)))] : null);
  }

  async function load() {
    let body;
    try { body = await US.api('/api/traces/' + encodeURIComponent(traceId)); } catch (error) {
      if (error.status === 404) return US.render(h('div', { class: 'panel empty' }, `Trace ${traceId} is not kept (never received, or dropped as old). `, h('a', { href: '/traces' }, 'Back to traces')));
      return US.fail(error, 'the trace');
    }
    const { summary, spans } = body;
    const color = US.colors(await US.knownServices());
    document.querySelector('h1').textContent = summary.name;
    const t0 = Math.min(...spans.map(s => new Date(s.start).getTime()));
    const total = Math.max(summary.durationMs, 0.001);
    const pct = ms => (100 * ms / total);
    if (!selected) selected = ordered(spans)[0]?.span.spanId;

    const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => h('div', { class: 'wf-tick', style: { left: (f * 100) + '%' } },
      f < 1 ? h('span', {}, US.duration(total * f)) : null));
    const head = h('div', { class: 'wf-row head' }, h('div', { class: 'wf-name' }, 'Span'), h('div', { class: 'wf-track' }, ticks));
    const rows = ordered(spans).map(({ span, depth }) => {
      const left = pct(new Date(span.start).getTime() - t0);
      const width = Math.max(pct(span.durationMs), 0.2);
      const bar = h('div', { class: 'wf-bar' + (span.status === 'error' ? ' error' : ''), title: `${span.serviceName}: ${span.name} (${US.duration(span.durationMs)})`,
        style: { left: left + '%', width: width + '%', background: color(span.serviceName) } });
      // The duration goes right of the bar, else left of it, else inside a bar that fills the row.
      const place = left + width <= 84 ? { left: (left + width + 0.8) + '%' }
        : left >= 12 ? { right: (100 - left + 0.8) + '%' }
        : { right: '1.2%', color: '#fff', fontWeight: '600' };
      const label = h('div', { class: 'wf-label', style: place }, US.duration(span.durationMs));
      return h('div', { class: 'wf-row' + (span.spanId === selected ? ' selected' : ''), 'data-span': span.spanId, 'data-service': span.serviceName,
        onclick: () => { selected = span.spanId; load(); } },
        h('div', { class: 'wf-name', style: { paddingLeft: (12 + depth * 18) + 'px' } },
          h('span', { class: 'dot', style: { background: color(span.serviceName) } }),
          span.status === 'error' ? h('span', { class: 'err-mark', title: 'error' }, '!') : null,
          h('span', {}, span.name), h('span', { class: 'svc' }, span.serviceName)),
        h('div', { class: 'wf-track' }, ticks.map(t => t.cloneNode(false)), bar, label));
    });
    const chosen = spans.find(s => s.spanId === selected);
    US.render(
      h('div', { class: 'panel summary' },
        [['Trace', h('span', { class: 'mono' }, summary.traceId)], ['Started', US.dateTime(summary.start)], ['Duration', US.duration(summary.durationMs)],
         ['Spans', summary.spanCount], ['Errors', summary.errorCount ? h('span', { class: 'err-mark' }, summary.errorCount) : '0'],
         ['Services', h('div', { class: 'legend' }, summary.services.map(s => US.serviceChip(s, color)))]]
          .map(([label, value]) => h('div', { class: 'item' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value))),
        h('div', { class: 'item' }, h('div', { class: 'label' }, 'Logs'), h('div', { class: 'value' }, h('a', { href: '/logs?traceId=' + summary.traceId }, 'Structured logs of this trace')))),
      h('div', { class: 'panel waterfall', id: 'waterfall' }, head, rows),
      chosen ? details(chosen, color) : null);
  }

  load();
})();
