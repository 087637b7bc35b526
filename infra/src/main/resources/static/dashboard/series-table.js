/* The series table: read once, then kept current by the live stream, one row at a time, without a reload. */
(function () {
  'use strict';
  const { getJson, el, start, ratioCell, follow } = window.Ctl;
  const body = document.querySelector('#series tbody');
  let threshold = '1.0';

  function row(series) {
    const pricing = series.pricing;
    const figure = (field) => el('td', { 'data-field': field, text: pricing ? pricing[field] : '—' });
    return el('tr', { 'data-series': series.tokenId },
      el('th', { scope: 'row', class: 'text' },
        el('a', { href: '/series.html?id=' + encodeURIComponent(series.tokenId), text: series.tokenId })),
      el('td', { class: 'text status', 'data-field': 'status', text: series.status }),
      el('td', { class: 'text', 'data-field': 'policy', text: series.policy }),
      el('td', { 'data-field': 'outstanding', text: series.supply.outstanding }),
      el('td', { 'data-field': 'issued', text: series.supply.issued }),
      figure('computeValue'), figure('collateralValue'),
      ratioCell(pricing, threshold, series.status),
      figure('riskPremium'), figure('finalPrice'));
  }

  /** Puts a series' row in place (ordered by id), marking it as changed when it was there before. */
  function show(series) {
    const fresh = row(series);
    const existing = body.querySelector('tr[data-series="' + CSS.escape(series.tokenId) + '"]');
    if (existing) {
      fresh.classList.add('changed');
      existing.replaceWith(fresh);
    } else {
      const after = [...body.rows].find(r => r.dataset.series > series.tokenId);
      body.insertBefore(fresh, after || null);
    }
    document.getElementById('empty').hidden = body.rows.length > 0;
  }

  async function loadAll() {
    const all = await getJson('/api/tokens?limit=500');
    body.replaceChildren();
    all.forEach(show);
    document.getElementById('empty').hidden = all.length > 0;
  }

  start('/').then(session => {
    threshold = session.alertThreshold;
    document.getElementById('legend').textContent = 'CR below the alert threshold (' + threshold
      + ') is marked red with ▼. Figures are at the latest published prices.';
    follow({
      snapshot: () => loadAll(),
      update: entry => getJson('/api/tokens/' + encodeURIComponent(entry.tokenId)).then(show)
    }, document.getElementById('live'));
  });
})();
