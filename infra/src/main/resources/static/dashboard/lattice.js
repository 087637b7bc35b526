/*
 * The collateral lattice of one series: its events as nodes linked by the series hash chain, coloured by what the
 * ledger's audit export recomputed from the stored rows (VERIFIED, BROKEN from the first break on, UNCHAINED not yet
 * chained, MISSING a chained event no longer stored). Read from GET /api/audit/tokens/{id}/export (auditors and the
 * series' issuer).
 */
(function () {
  'use strict';
  const { getJson, el, start } = window.Ctl;
  const SVG = 'http://www.w3.org/2000/svg';
  const PER_ROW = 8;
  const tokenId = new URLSearchParams(window.location.search).get('id') || '';

  function fail(error) {
    const box = document.getElementById('error');
    box.textContent = error.message + (error.code ? ' (' + error.code + ')' : '');
    box.hidden = false;
    document.getElementById('verdict').textContent = '';
  }

  function shortType(type) {
    return (type || '').split('.').pop();
  }

  /** Node i's place: rows of PER_ROW, every other row running back, so the chain snakes through the lattice. */
  function place(i) {
    const row = Math.floor(i / PER_ROW);
    const column = row % 2 === 0 ? i % PER_ROW : PER_ROW - 1 - (i % PER_ROW);
    return { x: 50 + column * 90, y: 45 + row * 90 };
  }

  function draw(svg, events) {
    const rows = Math.max(1, Math.ceil(events.length / PER_ROW));
    svg.setAttribute('viewBox', '0 0 ' + (PER_ROW * 90 + 10) + ' ' + (rows * 90 + 10));
    svg.replaceChildren();
    const add = (name, attributes, text) => {
      const node = document.createElementNS(SVG, name);
      Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    events.forEach((event, i) => {
      if (i === 0) return;
      const from = place(i - 1), to = place(i);
      add('line', { class: 'link ' + event.status.toLowerCase(), x1: from.x, y1: from.y, x2: to.x, y2: to.y });
    });
    events.forEach((event, i) => {
      const at = place(i);
      const node = add('g', { class: 'node ' + event.status.toLowerCase(), 'data-index': i,
        'data-status': event.status, transform: 'translate(' + at.x + ',' + at.y + ')' });
      const circle = document.createElementNS(SVG, 'circle');
      circle.setAttribute('r', 22);
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('text-anchor', 'middle');
      label.setAttribute('dy', '4');
      label.textContent = String(i + 1);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = shortType(event.eventType) + ' #' + event.sequenceNumber + ' (global '
        + event.globalIndex + '): ' + event.status + '\nseries hash ' + (event.seriesHash || '—');
      node.append(circle, label, title);
    });
  }

  function table(events) {
    document.querySelector('#nodes tbody').replaceChildren(...events.map((event, i) => el('tr',
      { 'data-status': event.status },
      el('th', { scope: 'row', text: String(i + 1) }), el('td', { text: String(event.globalIndex) }),
      el('td', { text: shortType(event.eventType) }),
      el('td', { class: 'hash', text: event.seriesHash ? event.seriesHash.slice(0, 16) + '…' : '—' }),
      el('td', { class: 'status ' + event.status.toLowerCase(), text: event.status }))));
  }

  async function load() {
    await start('/lattice.html');
    document.getElementById('title').textContent = 'Collateral lattice of ' + tokenId;
    document.title = tokenId + ' lattice · Compute-Token Ledger';
    const exported = await getJson('/api/audit/tokens/' + encodeURIComponent(tokenId) + '/export?format=json');
    const events = exported.events || [];
    draw(document.getElementById('lattice'), events);
    table(events);
    const broken = events.filter(event => event.status === 'BROKEN' || event.status === 'MISSING').length;
    const summary = exported.summary || {};
    const verdict = document.getElementById('verdict');
    verdict.dataset.chain = summary.seriesChain === 'INTACT' ? 'intact' : 'broken';
    verdict.textContent = summary.seriesChain === 'INTACT'
      ? 'Intact: all ' + summary.verified + ' chained events hash to their stored links.'
      : 'Collapsed: the chain breaks at global index ' + summary.firstBreakAtGlobalIndex + '; ' + broken
        + ' of ' + events.length + ' nodes cannot be trusted.';
  }

  load().catch(fail);
})();
