/* One series: its summary, holders (for its issuer and auditors), provenance timeline and CR through time. */
(function () {
  'use strict';
  const { getJson, el, start, chart, follow, isBelowAlert } = window.Ctl;
  const tokenId = new URLSearchParams(window.location.search).get('id') || '';
  const path = '/api/tokens/' + encodeURIComponent(tokenId);
  let threshold = '1.0';

  function fail(error) {
    const box = document.getElementById('error');
    box.textContent = error.message + (error.code ? ' (' + error.code + ')' : '');
    box.hidden = false;
  }

  async function summary() {
    const series = await getJson(path);
    document.title = series.tokenId + ' · Compute-Token Ledger';
    document.getElementById('title').firstChild.textContent = 'Series ' + series.tokenId + ' ';
    const pricing = series.pricing || {};
    const rows = [
      ['Status', series.status], ['Policy', series.policy], ['Issuer', series.issuer],
      ['Verified by', series.verifiedBy || '—'], ['Compute unit', series.computeUnit],
      ['Collateral', series.collateral.collateralId + ': ' + series.collateral.qubits + ' ' + series.collateral.unit],
      ['Issued', series.supply.issued], ['Outstanding', series.supply.outstanding], ['Burned', series.supply.burned],
      ['Compute price', series.prices.computePrice], ['Collateral price', series.prices.collateralPrice],
      ['CV', pricing.computeValue || '—'], ['ColV', pricing.collateralValue || '—'],
      ['CR', (pricing.collateralizationRatio || '—') + (isBelowAlert(pricing.collateralizationRatio, threshold)
        && series.status !== 'WORTHLESS' ? ' ▼ below alert ' + threshold : '')],
      ['RP', pricing.riskPremium || '—'], ['FP', pricing.finalPrice || '—']];
    document.getElementById('summary').replaceChildren(...rows.flatMap(([term, value]) =>
      [el('dt', { text: term }), el('dd', { text: String(value) })]));
  }

  async function holders() {
    const note = document.getElementById('holders-note');
    const table = document.getElementById('holders');
    try {
      const balances = await getJson(path + '/balances?limit=500');
      table.tBodies[0].replaceChildren(...balances.map(b => el('tr', {},
        el('th', { scope: 'row', text: b.holder }), el('td', { text: b.available }), el('td', { text: b.pledged }))));
      table.hidden = false;
      note.hidden = true;
    } catch (error) {
      if (error.status !== 403) throw error;
      note.textContent = 'Only the issuer of this series and auditors may see its holders.';
      note.hidden = false;
      table.hidden = true;
    }
  }

  async function provenance() {
    const entries = await getJson(path + '/provenance?limit=500');
    document.getElementById('provenance').replaceChildren(...entries.map(entry => el('li', {},
      el('span', { class: 'kind', text: entry.kind }), ' ',
      el('time', { datetime: entry.occurredAt, text: new Date(entry.occurredAt).toLocaleString() }),
      el('div', { text: [entry.actor && 'by ' + entry.actor, entry.from && 'from ' + entry.from,
        entry.to && 'to ' + entry.to, entry.amount !== null && entry.amount !== undefined && entry.amount + ' units']
        .filter(Boolean).join(' · ') }),
      el('div', { class: 'muted', text: entry.detail || '' }))));
  }

  async function history() {
    const answer = await getJson(path + '/collateralization/history?limit=500');
    const points = answer.points.filter(p => p.pricing).map(p => ({
      x: Date.parse(p.at), y: Number(p.pricing.collateralizationRatio),
      label: new Date(p.at).toLocaleString() + ' ' + p.cause + ': CR ' + p.pricing.collateralizationRatio }));
    chart(document.getElementById('cr-chart'), points, {
      xLabel: 'time', yLabel: 'CR', threshold: Number(answer.alertThreshold),
      xFormat: x => new Date(x).toLocaleTimeString() });
    const last = points[points.length - 1];
    document.getElementById('chart-desc').textContent = points.length + ' points'
      + (last ? ', latest CR ' + last.y.toFixed(4) : '') + '; dashed line: alert threshold '
      + answer.alertThreshold + (answer.truncated ? ' (oldest points left out)' : '');
  }

  function refresh() {
    return Promise.all([summary(), holders(), provenance(), history()]).catch(fail);
  }

  document.getElementById('lattice-link').href = '/lattice.html?id=' + encodeURIComponent(tokenId);
  start('').then(session => {
    threshold = session.alertThreshold;
    return refresh();
  }).then(() => follow({
    snapshot: () => {},
    update: entry => { if (entry.tokenId === tokenId) refresh(); }
  }, document.getElementById('live'))).catch(fail);
})();
