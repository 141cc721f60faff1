// Small inline-SVG charts: a time-series line chart and a bar chart. No library.
'use strict';

const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 560, H = 196, L = 50, R = 12, T = 20, B = 26;

  function s(tag, attrs, ...children) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  function niceMax(value) {
    if (value <= 0) return 1;
    const exp = Math.pow(10, Math.floor(Math.log10(value)));
    const f = value / exp;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * exp;
  }

  // Tenths of a second only when the whole chart spans a few seconds, so labels never repeat.
  function clock(ms, fine) {
    const d = new Date(ms);
    const text = [d.getHours(), d.getMinutes(), d.getSeconds()].map(n => String(n).padStart(2, '0')).join(':');
    return fine ? text + '.' + Math.floor(d.getMilliseconds() / 100) : text;
  }

  function frame(svg, yMin, yMax, unit) {
    for (let i = 0; i <= 4; i++) {
      const v = yMin + (yMax - yMin) * i / 4;
      const y = T + (H - T - B) * (1 - i / 4);
      svg.append(s('line', { class: 'grid', x1: L, x2: W - R, y1: y, y2: y }));
      svg.append(s('text', { x: L - 6, y: y + 3.5, 'text-anchor': 'end' }, US.number(v)));
    }
    if (unit) svg.append(s('text', { x: 4, y: 9, 'text-anchor': 'start' }, unit));
    svg.append(s('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
  }

  // series: [{ label, color, points: [{ t: epochMs, v: number }] }]
  function line(series, { unit = '' } = {}) {
    const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img' });
    const all = series.flatMap(x => x.points).filter(p => isFinite(p.v));
    if (all.length === 0) {
      svg.append(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'Waiting for data…'));
      return svg;
    }
    let tMin = Math.min(...all.map(p => p.t)), tMax = Math.max(...all.map(p => p.t));
    if (tMax === tMin) { tMin -= 30000; tMax += 30000; }
    const vMin = Math.min(0, ...all.map(p => p.v));
    const yMax = niceMax(Math.max(...all.map(p => p.v)));
    const yMin = vMin < 0 ? -niceMax(-vMin) : 0;
    frame(svg, yMin, yMax, unit);
    const x = t => L + (W - L - R) * (t - tMin) / (tMax - tMin);
    const y = v => T + (H - T - B) * (1 - (v - yMin) / (yMax - yMin));
    for (let i = 0; i <= 3; i++) {
      const t = tMin + (tMax - tMin) * i / 3;
      svg.append(s('text', { x: x(t), y: H - 8, 'text-anchor': i === 0 ? 'start' : i === 3 ? 'end' : 'middle' }, clock(t, tMax - tMin < 10000)));
    }
    for (const item of series) {
      const pts = item.points.filter(p => isFinite(p.v));
      if (pts.length === 0) continue;
      if (pts.length > 1) {
        const d = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
        svg.append(s('path', { d: d + ` L${x(pts.at(-1).t).toFixed(1)},${y(yMin)} L${x(pts[0].t).toFixed(1)},${y(yMin)} Z`, fill: item.color, 'fill-opacity': series.length === 1 ? 0.08 : 0 }));
        svg.append(s('path', { d, fill: 'none', stroke: item.color, 'stroke-width': 2, 'stroke-linejoin': 'round' }));
      }
      const last = pts.at(-1);
      svg.append(s('circle', { cx: x(last.t), cy: y(last.v), r: 3.2, fill: item.color },
        s('title', {}, `${item.label}: ${US.number(last.v)} ${unit}`)));
    }
    return svg;
  }

  // bars: [{ label, value }]
  function bars(items, { color = '#3b6fd8', unit = '' } = {}) {
    const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img' });
    if (items.length === 0) {
      svg.append(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'Waiting for data…'));
      return svg;
    }
    const yMax = niceMax(Math.max(...items.map(b => b.value)));
    frame(svg, 0, yMax, unit);
    const slot = (W - L - R) / items.length;
    const every = Math.ceil(items.length / 10);
    items.forEach((b, i) => {
      const hgt = (H - T - B) * b.value / yMax;
      svg.append(s('rect', { x: L + i * slot + slot * 0.12, y: H - B - hgt, width: slot * 0.76, height: Math.max(hgt, 0), rx: 2, fill: color },
        s('title', {}, `${b.label}: ${b.value}`)));
      if (i % every === 0)
        svg.append(s('text', { x: L + i * slot + slot / 2, y: H - 8, 'text-anchor': 'middle' }, b.label));
    });
    return svg;
  }

  return { line, bars };
})();
