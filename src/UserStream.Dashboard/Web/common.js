// Shared helpers for every dashboard page: API calls, element building, formatting, colours.
'use strict';

const US = (() => {
  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 401) {
      location.href = '/login?returnUrl=' + encodeURIComponent(location.pathname + location.search);
      throw new Error('Signed out');
    }
    if (!response.ok) {
      const error = new Error(`${path} answered ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  // h('a', { href: '/x', class: 'y', onclick: fn }, 'text', child, [more])
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'class') node.className = value;
      else if (key === 'style') Object.assign(node.style, value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function content() { return document.getElementById('content'); }

  function render(...nodes) { content().replaceChildren(...nodes.flat(Infinity).filter(Boolean)); }

  function fail(error, what) {
    render(h('div', { class: 'panel pad error', role: 'alert' }, `Could not load ${what}: ${error.message}`));
  }

  // Runs fn now and every `ms` while the tab is visible; a slow call is never overlapped.
  function poll(fn, ms) {
    let busy = false;
    const tick = async () => {
      if (busy || document.hidden) return;
      busy = true;
      try { await fn(); } finally { busy = false; }
    };
    tick();
    return setInterval(tick, ms);
  }

  // No pure red: red marks errors.
  const palette = ['#3b6fd8', '#e07b24', '#1a9e77', '#a23fc4', '#c2407a', '#1796b0', '#7a9a1e', '#8c6d3f', '#4b5d7a', '#c79a0c'];

  function hash(text) {
    let value = 2166136261;
    for (const ch of text) value = Math.imul(value ^ ch.codePointAt(0), 16777619);
    return value >>> 0;
  }

  // One colour per service, by name order among the services known, so every page agrees and
  // the few services of a pipeline get clearly different colours.
  function colors(services) {
    const names = [...new Set(services)].sort();
    return name => {
      const index = names.indexOf(name);
      return palette[(index >= 0 ? index : names.length + hash(name || '')) % palette.length];
    };
  }

  function serviceChip(name, color) {
    return h('span', { class: 'chip' }, h('span', { class: 'dot', style: { background: color(name) } }), name);
  }

  function duration(ms) {
    if (ms === undefined || ms === null || isNaN(ms)) return '–';
    if (ms < 1) return ms.toFixed(2) + ' ms';
    if (ms < 1000) return (ms < 10 ? ms.toFixed(1) : Math.round(ms)) + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(2) + ' s';
    return (ms / 60000).toFixed(1) + ' min';
  }

  const pad = (n, w = 2) => String(n).padStart(w, '0');

  function time(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }

  function dateTime(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }

  function ago(iso) {
    if (!iso) return '–';
    const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
    if (s < 60) return Math.round(s) + ' s ago';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    if (s < 86400) return (s / 3600).toFixed(1) + ' h ago';
    return Math.round(s / 86400) + ' d ago';
  }

  function number(value) {
    if (value === undefined || value === null || isNaN(value)) return '–';
    const abs = Math.abs(value);
    if (abs >= 1e9) return (value / 1e9).toFixed(2) + 'G';
    if (abs >= 1e6) return (value / 1e6).toFixed(2) + 'M';
    if (abs >= 1e4) return (value / 1e3).toFixed(1) + 'k';
    if (abs >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
    if (abs >= 1) return value.toFixed(2);
    if (abs === 0) return '0';
    return value.toPrecision(2);
  }

  // OTLP units: "{user}" is an annotation (users), "By" bytes, "s"/"ms" time.
  function unit(u) {
    if (!u || u === '1') return '';
    const braces = /^\{(.+)\}$/.exec(u);
    if (braces) return braces[1];
    return ({ By: 'bytes', s: 's', ms: 'ms' })[u] || u;
  }

  function kvTable(entries) {
    const rows = Object.entries(entries || {});
    if (rows.length === 0) return h('p', { class: 'muted' }, 'None.');
    return h('table', { class: 'kv' }, rows.map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, String(v)))));
  }

  function query() { return new URLSearchParams(location.search); }

  function setQuery(values) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
    const text = params.toString();
    history.replaceState(null, '', location.pathname + (text ? '?' + text : ''));
  }

  function droppedNotice(count, what) {
    return count > 0 ? h('div', { class: 'notice', 'data-dropped': count }, `${count.toLocaleString('en-US')} older ${what} dropped to stay within the in-memory limit.`) : null;
  }

  async function knownServices() {
    try { return (await api('/api/telemetry/services')).services || []; } catch { return []; }
  }

  return { api, h, append, content, render, fail, poll, colors, serviceChip, duration, time, dateTime, ago, number, unit, kvTable, query, setQuery, droppedNotice, knownServices };
})();
