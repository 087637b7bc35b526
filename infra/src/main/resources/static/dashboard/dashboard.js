/*
 * What every page of the dashboard shares: the signed-in principal and the navigation, reading the API with the
 * dashboard's session, formatting the ledger's figures, and a small SVG chart. Plain JavaScript, no libraries.
 */
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';

  /** GET a JSON resource of the API; a lost session goes back to the sign-in page. */
  async function getJson(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('signed out');
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
      error.status = response.status;
      error.code = body && body.code;
      throw error;
    }
    return body;
  }

  /** Builds an element: el('td', {class: 'cr', text: '0.16'}, child, ...). */
  function el(name, attributes, ...children) {
    const element = document.createElement(name);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (value === undefined || value === null) return;
      if (key === 'text') element.textContent = value;
      else element.setAttribute(key, value);
    });
    children.forEach(child => element.append(child));
    return element;
  }

  /** The header: title, navigation (the current page marked), who is signed in, and a logout form. */
  async function start(currentPage) {
    const session = await getJson('/dashboard/session');
    const header = document.querySelector('header');
    const nav = el('nav', { 'aria-label': 'Dashboard' });
    [['/', 'Series'], ['/sandbox.html', 'Pricing sandbox'], ['/governance.html', 'Governance']]
      .forEach(([href, label]) => nav.append(el('a', {
        href, text: label, 'aria-current': href === currentPage ? 'page' : null })));
    const logout = el('form', { method: 'post', action: '/logout' },
      el('input', { type: 'hidden', name: session.csrfParameter, value: session.csrfToken }),
      el('button', { type: 'submit', text: 'Sign out' }));
    const who = el('div', { class: 'who' },
      el('span', { id: 'principal', text: session.principal + ' (' + session.roles.join(', ').toLowerCase() + ')' }),
      logout);
    header.append(el('h1', { text: 'Compute-Token Ledger' }), nav, who);
    return session;
  }

  function isBelowAlert(ratio, threshold) {
    return ratio !== null && ratio !== undefined && Number(ratio) < Number(threshold);
  }

  /** A CR cell: coloured against the alert threshold, and said in words for screen readers. */
  function ratioCell(pricing, threshold, status) {
    const cell = el('td', { class: 'cr', 'data-field': 'collateralizationRatio' });
    if (!pricing) {
      cell.textContent = '—';
      return cell;
    }
    const below = status !== 'WORTHLESS' && isBelowAlert(pricing.collateralizationRatio, threshold);
    cell.classList.add(below ? 'below-alert' : 'at-or-above');
    cell.append(pricing.collateralizationRatio,
      el('span', { class: 'sr-only', text: below ? ' (below the alert threshold ' + threshold + ')' : '' }));
    if (below) cell.append(el('span', { 'aria-hidden': 'true', text: ' ▼' }));
    return cell;
  }

  /**
   * A line chart in an <svg class="chart">: points [{x, y, label}], x and y numbers; options: xLabel, yLabel,
   * xFormat, threshold (a horizontal line), current (one point to mark).
   */
  function chart(svg, points, options) {
    const width = 640, height = 310, left = 56, right = 16, top = 28, bottom = 44;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.replaceChildren();
    const add = (name, attributes, text) => {
      const node = document.createElementNS(SVG, name);
      Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    if (points.length === 0) {
      add('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no data yet');
      return;
    }
    const xs = points.map(p => p.x), ys = points.map(p => p.y);
    if (options.threshold !== undefined) ys.push(options.threshold);
    if (options.current) { xs.push(options.current.x); ys.push(options.current.y); }
    let xMin = Math.min(...xs), xMax = Math.max(...xs);
    if (xMin === xMax) { xMin -= 1; xMax += 1; }
    const yMin = Math.min(0, ...ys), yMax = Math.max(...ys) * 1.1 || 1;
    const sx = x => left + (x - xMin) / (xMax - xMin) * (width - left - right);
    const sy = y => height - bottom - (y - yMin) / (yMax - yMin) * (height - top - bottom);
    for (let i = 0; i <= 4; i++) {
      const y = yMin + (yMax - yMin) * i / 4;
      add('line', { class: 'grid', x1: left, x2: width - right, y1: sy(y), y2: sy(y) });
      add('text', { x: left - 6, y: sy(y) + 4, 'text-anchor': 'end' }, y.toFixed(2));
    }
    const xFormat = options.xFormat || (x => x.toFixed(2));
    for (let i = 0; i <= 4; i++) {
      const x = xMin + (xMax - xMin) * i / 4;
      add('text', { x: sx(x), y: height - bottom + 16, 'text-anchor': 'middle' }, xFormat(x));
    }
    add('line', { class: 'axis', x1: left, x2: left, y1: top, y2: height - bottom });
    add('line', { class: 'axis', x1: left, x2: width - right, y1: height - bottom, y2: height - bottom });
    add('text', { x: (left + width - right) / 2, y: height - 6, 'text-anchor': 'middle' }, options.xLabel);
    add('text', { x: left, y: 12, 'text-anchor': 'middle' }, options.yLabel);
    if (options.threshold !== undefined) {
      add('line', { class: 'threshold', x1: left, x2: width - right, y1: sy(options.threshold),
        y2: sy(options.threshold) });
      add('text', { x: width - right, y: sy(options.threshold) - 4, 'text-anchor': 'end' },
        'alert ' + options.threshold);
    }
    add('polyline', { class: 'series', points: points.map(p => sx(p.x) + ',' + sy(p.y)).join(' ') });
    points.forEach(p => add('circle', { class: 'dot', cx: sx(p.x), cy: sy(p.y), r: 3 })
      .append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: p.label })));
    if (options.current) {
      add('circle', { class: 'current', cx: sx(options.current.x), cy: sy(options.current.y), r: 6 })
        .append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: options.current.label }));
    }
  }

  /**
   * Follows the live ratios: handlers.snapshot(entries) once per connection (every series), then
   * handlers.update(entry) for each series whose supply, status or price changes.
   */
  function follow(handlers, statusElement) {
    const source = new EventSource('/api/collateralization/stream');
    const state = value => { if (statusElement) { statusElement.dataset.state = value;
      statusElement.textContent = value === 'open' ? 'live' : 'reconnecting…'; } };
    source.onopen = () => state('open');
    source.onerror = () => state('closed');
    source.addEventListener('snapshot', message => handlers.snapshot(JSON.parse(message.data)));
    source.addEventListener('update', message => handlers.update(JSON.parse(message.data)));
    return source;
  }

  window.Ctl = { getJson, el, start, ratioCell, isBelowAlert, chart, follow };
})();
