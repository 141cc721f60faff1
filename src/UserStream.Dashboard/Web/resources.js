// Resources: what the AppHost runs or attaches, its state, endpoints and (masked) environment.
'use strict';

(() => {
  const { h } = US;
  const expanded = new Set();

  // The AppHost's shapes are read leniently: arrays or maps, several field names.
  function endpointsOf(r) {
    const e = r.endpoints;
    if (!e) return [];
    if (Array.isArray(e)) return e.map(x => typeof x === 'string' ? { url: x } : { name: x.name, url: x.url || x.uri || x.address || '' });
    return Object.entries(e).map(([name, v]) => ({ name, url: typeof v === 'string' ? v : (v && (v.url || v.uri)) || '' }));
  }

  function environmentOf(r) {
    const e = r.environment || r.env;
    if (!e) return {};
    if (Array.isArray(e)) return Object.fromEntries(e.map(x => [x.name || x.key, x.value]));
    return e;
  }

  function endpointLinks(r) {
    const list = endpointsOf(r);
    if (list.length === 0) return h('span', { class: 'muted' }, '–');
    return list.map(ep => h('div', {}, /^https?:/i.test(ep.url)
      ? h('a', { href: ep.url, target: '_blank', rel: 'noopener' }, ep.url)
      : h('span', { class: 'mono' }, ep.url), ep.name ? h('span', { class: 'muted' }, ` ${ep.name}`) : null));
  }

  function row(r) {
    const env = environmentOf(r);
    const count = Object.keys(env).length;
    const open = expanded.has(r.name);
    const toggle = () => { open ? expanded.delete(r.name) : expanded.add(r.name); load(); };
    const main = h('tr', { 'data-resource': r.name },
      h('td', {}, h('strong', {}, r.name), h('div', { class: 'muted' }, r.type || '')),
      h('td', {}, h('span', { class: `badge ${r.state || ''}` }, r.state || 'unknown'), r.note ? h('div', { class: 'muted note' }, r.note) : null),
      h('td', {}, h('span', { class: 'mode' }, r.mode || '–')),
      h('td', {}, endpointLinks(r)),
      h('td', { class: 'num' }, r.restarts ?? 0),
      h('td', { class: 'num mono' }, r.pid ?? '–'),
      h('td', { class: 'time', title: US.dateTime(r.startedAt) }, r.startedAt ? US.ago(r.startedAt) : '–'),
      h('td', {},
        h('a', { href: '/console/' + encodeURIComponent(r.name) }, 'Console logs'), ' · ',
        h('a', { href: '/logs?resource=' + encodeURIComponent(r.name) }, 'Structured'), h('br'),
        h('button', { type: 'button', onclick: toggle, 'aria-expanded': open }, `${open ? 'Hide' : 'Show'} environment (${count})`)));
    const details = open ? h('tr', { class: 'details' }, h('td', { colspan: 8 }, US.kvTable(env))) : null;
    return [main, details];
  }

  async function load() {
    let resources;
    try {
      resources = await US.api('/api/resources');
    } catch (error) {
      if (error.status === 404) {
        US.render(h('div', { class: 'panel empty' }, 'No resource API here: the AppHost serves /api/resources when it hosts this dashboard.'));
        return;
      }
      return US.fail(error, 'resources');
    }
    if (!Array.isArray(resources)) resources = resources.resources || [];
    if (resources.length === 0) return US.render(h('div', { class: 'panel empty' }, 'No resources yet.'));
    US.render(h('div', { class: 'panel' }, h('table', { class: 'grid', id: 'resources' },
      h('thead', {}, h('tr', {}, ['Resource', 'State', 'Mode', 'Endpoints', 'Restarts', 'PID', 'Started', ''].map((t, i) => h('th', { class: i === 4 || i === 5 ? 'num' : null }, t)))),
      h('tbody', {}, resources.map(row)))));
  }

  US.poll(load, 3000);
})();
