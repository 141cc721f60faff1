// Metrics: whatever the services export, grouped by service; counters as a rate, gauges as a level,
// histograms as a distribution. The pipeline's own meters (userstream.*) come first.
'use strict';

(() => {
  const { h } = US;
  const seriesPalette = ['#3b6fd8', '#e07b24', '#1a9e77', '#c2407a', '#7a52cc', '#1796b0', '#7a9a1e', '#c79a0c'];
  const MaxSeries = 8;
  const params = US.query();
  const filter = { service: params.get('service') || '', name: params.get('name') || '' };
  let serviceColor = US.colors([]);

  const ms = iso => new Date(iso).getTime();
  const label = attrs => Object.entries(attrs || {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'all';

  // Per-second rate between successive cumulative points; a delta point is its own interval.
  function rates(metric, points) {
    const out = [];
    points.forEach((p, i) => {
      const prev = points[i - 1];
      if (metric.temporality === 'delta') {
        if (p.start) out.push({ t: ms(p.time), v: p.value / Math.max((ms(p.time) - ms(p.start)) / 1000, 0.001) });
      } else if (prev) {
        const dv = p.value - prev.value, dt = (ms(p.time) - ms(prev.time)) / 1000;
        if (dv >= 0 && dt > 0) out.push({ t: ms(p.time), v: dv / dt });
      } else if (p.start && ms(p.time) > ms(p.start)) {
        out.push({ t: ms(p.time), v: p.value / ((ms(p.time) - ms(p.start)) / 1000) });
      }
    });
    return out;
  }

  function legend(series) {
    if (series.length <= 1 && label(series[0]?.attributes) === 'all') return null;
    return h('div', { class: 'chart-legend' }, series.map((s, i) => h('span', { class: 'chip' },
      h('span', { class: 'dot', style: { background: seriesPalette[i % seriesPalette.length] } }), label(s.attributes))));
  }

  function topSeries(metric, by) {
    return [...metric.series].sort((a, b) => by(b) - by(a)).slice(0, MaxSeries);
  }

  function counterCard(m, unit) {
    const last = s => s.points.at(-1)?.value ?? 0;
    const total = m.series.reduce((sum, s) => sum + last(s), 0);
    const shown = topSeries(m, last);
    return [
      h('div', { class: 'headline' }, US.number(total), h('small', {}, `${unit} ${m.temporality === 'delta' ? 'last interval' : 'total'}`)),
      Charts.line(shown.map((s, i) => ({ label: label(s.attributes), color: seriesPalette[i], points: rates(m, s.points) })), { unit: (unit ? unit + '/s' : '/s') }),
      legend(shown)];
  }

  function gaugeCard(m, unit) {
    const last = s => s.points.at(-1)?.value ?? 0;
    const shown = topSeries(m, last);
    return [
      m.series.length === 1 ? h('div', { class: 'headline' }, US.number(last(m.series[0])), h('small', {}, unit + ' now')) : h('div', { class: 'headline' }, m.series.length, h('small', {}, 'series')),
      Charts.line(shown.map((s, i) => ({ label: label(s.attributes), color: seriesPalette[i], points: s.points.map(p => ({ t: ms(p.time), v: p.value })) })), { unit }),
      legend(shown)];
  }

  // Merges the latest point of every series with the same bounds into one distribution.
  function histogramCard(m, unit) {
    const latest = m.series.map(s => s.points.at(-1)).filter(p => p && p.bucketCounts);
    if (latest.length === 0) return [Charts.bars([])];
    const bounds = latest[0].bounds;
    const counts = bounds.map(() => 0).concat(0);
    let count = 0, sum = 0, min = Infinity, max = -Infinity;
    for (const p of latest.filter(p => p.bounds.length === bounds.length)) {
      p.bucketCounts.forEach((c, i) => { counts[i] += c; });
      count += p.count; sum += p.sum ?? 0;
      if (p.min !== undefined) min = Math.min(min, p.min);
      if (p.max !== undefined) max = Math.max(max, p.max);
    }
    const quantile = q => {
      if (count === 0) return NaN;
      let seen = 0;
      for (let i = 0; i < counts.length; i++) {
        if (seen + counts[i] >= q * count && counts[i] > 0) {
          const lo = i === 0 ? (isFinite(min) ? min : 0) : bounds[i - 1];
          const hi = i < bounds.length ? bounds[i] : (isFinite(max) ? max : lo);
          const v = lo + (hi - lo) * ((q * count - seen) / counts[i]);
          // Buckets are coarse: never report beyond what was actually seen.
          return Math.min(Math.max(v, isFinite(min) ? min : v), isFinite(max) ? max : v);
        }
        seen += counts[i];
      }
      return max;
    };
    const first = Math.max(0, counts.findIndex(c => c > 0) - 1);
    const lastIndex = Math.min(counts.length - 1, counts.length - 1 - [...counts].reverse().findIndex(c => c > 0) + 1);
    const bars = counts.map((c, i) => ({ label: i < bounds.length ? '≤' + US.number(bounds[i]) : '>' + US.number(bounds.at(-1)), value: c }))
      .slice(first, (lastIndex >= first ? lastIndex : counts.length - 1) + 1);
    const stat = (name, v) => h('span', {}, name + ' ', h('b', {}, isFinite(v) ? US.number(v) + (unit ? ' ' + unit : '') : '–'));
    return [
      h('div', { class: 'headline' }, US.number(count), h('small', {}, 'recorded')),
      h('div', { class: 'stats' }, stat('mean', count ? sum / count : NaN), stat('p50', quantile(0.5)), stat('p95', quantile(0.95)), stat('min', min), stat('max', max)),
      Charts.bars(count ? bars : [], { unit: 'count', color: '#5b82e0' })];
  }

  function card(m) {
    const unit = US.unit(m.unit);
    const body = m.type === 'counter' ? counterCard(m, unit) : m.type === 'histogram' ? histogramCard(m, unit) : gaugeCard(m, unit);
    const more = m.series.length > MaxSeries ? h('div', { class: 'muted' }, `${m.series.length - MaxSeries} more series not drawn`) : null;
    return h('section', { class: 'panel card', 'data-metric': m.name, 'data-type': m.type },
      h('header', {}, h('h3', {}, m.name), h('span', { class: 'badge plain' }, m.type === 'updowncounter' ? 'up-down counter' : m.type)),
      h('div', { class: 'desc' }, m.description || m.scope || ''),
      body, more);
  }

  const rank = m => (m.name.startsWith('userstream.') ? '0' : '1') + m.name;

  let generation = 0;

  async function refresh() {
    const mine = ++generation;
    let body;
    try { body = await US.api('/api/metrics'); } catch (error) { return US.fail(error, 'metrics'); }
    if (mine !== generation) return; // a newer request (a filter change) overtook this one
    serviceColor = US.colors(body.services.map(s => s.service));
    const picker = document.getElementById('service');
    const known = [...picker.options].map(o => o.value);
    for (const s of body.services) if (!known.includes(s.service)) picker.append(h('option', { value: s.service, selected: s.service === filter.service }, s.service));
    const services = body.services.filter(s => !filter.service || s.service === filter.service);
    const sections = services.map(s => {
      const metrics = s.metrics.filter(m => !filter.name || m.name.toLowerCase().includes(filter.name.toLowerCase())).sort((a, b) => rank(a).localeCompare(rank(b)));
      if (metrics.length === 0) return null;
      return h('div', { 'data-service': s.service },
        h('h2', { class: 'service-title' }, h('span', { class: 'dot', style: { background: serviceColor(s.service) } }), s.service, h('span', { class: 'muted' }, `${metrics.length} metrics`)),
        h('div', { class: 'cards' }, metrics.map(card)));
    }).filter(Boolean);
    document.getElementById('metric-list').replaceChildren(
      US.droppedNotice(body.droppedPoints, 'metric points') || '',
      ...(sections.length ? sections : [h('div', { class: 'panel empty' }, 'No metrics yet. Services export them every few seconds when OTEL_EXPORTER_OTLP_ENDPOINT is set.')]));
  }

  let timer;
  US.render(
    h('div', { class: 'toolbar' },
      h('label', { for: 'service' }, 'Service', h('select', { id: 'service', onchange: e => { filter.service = e.target.value; US.setQuery(filter); refresh(); } },
        h('option', { value: '' }, 'All services'), filter.service ? h('option', { value: filter.service, selected: true }, filter.service) : null)),
      h('input', { type: 'search', id: 'name', placeholder: 'Filter metrics by name…', value: filter.name,
        oninput: e => { clearTimeout(timer); timer = setTimeout(() => { filter.name = e.target.value; US.setQuery(filter); refresh(); }, 250); } })),
    h('div', { id: 'metric-list' }));
  US.poll(refresh, 5000);
})();
