/*
 * Governance: per policy how the series stand, every flag with its verdict, outcome and settlement, and the polls
 * over the default policy.
 */
(function () {
  'use strict';
  const { getJson, el, start, follow } = window.Ctl;
  const POLICIES = ['HARD_STOP', 'GRACEFUL_EXIT', 'HYBRID'];
  const STATUSES = ['PENDING_VERIFICATION', 'ACTIVE', 'WORTHLESS', 'WOUND_UP'];

  async function load() {
    await polls();
    const all = await getJson('/api/tokens?limit=500');
    document.querySelector('#policies tbody').replaceChildren(...POLICIES.map(policy => {
      const of = all.filter(series => series.policy === policy);
      return el('tr', { 'data-policy': policy }, el('th', { scope: 'row', text: policy }),
        el('td', { text: of.length }),
        ...STATUSES.map(status => el('td', { 'data-status': status,
          text: of.filter(series => series.status === status).length })));
    }));
    // Only a settled series has been flagged; its provenance holds the flag and, after a graceful exit, the claims.
    const settled = all.filter(series => series.status === 'WORTHLESS' || series.status === 'WOUND_UP');
    const rows = [];
    const verdicts = {};
    for (const series of settled) {
      const entries = await getJson('/api/tokens/' + encodeURIComponent(series.tokenId) + '/provenance?limit=500');
      const flag = entries.find(entry => entry.kind === 'FLAGGED');
      if (!flag) continue;
      const windUp = entries.find(entry => entry.kind === 'WOUND_UP');
      const verdict = (flag.detail || '').split(' ')[0];
      verdicts[verdict] = (verdicts[verdict] || 0) + 1;
      rows.push(el('tr', { 'data-series': series.tokenId },
        el('th', { scope: 'row' }, el('a', { href: '/series.html?id=' + encodeURIComponent(series.tokenId),
          text: series.tokenId })),
        el('td', { class: 'text' }, el('time', { datetime: flag.occurredAt,
          text: new Date(flag.occurredAt).toLocaleString() })),
        el('td', { class: 'text', text: flag.actor }), el('td', { class: 'text', text: series.policy }),
        el('td', { class: 'text', text: flag.detail }),
        el('td', { class: 'text', text: windUp ? windUp.detail : 'series worthless, units frozen' })));
    }
    document.querySelector('#flags tbody').replaceChildren(...rows);
    document.getElementById('no-flags').hidden = rows.length > 0;
    document.getElementById('verdicts').textContent = rows.length === 0 ? ''
      : 'By verdict: ' + Object.entries(verdicts).map(([verdict, count]) => verdict + ' ' + count).join(', ');
  }

  /** The governance members' polls over the ledger-wide default policy, their tallies and outcomes. */
  async function polls() {
    const current = await getJson('/api/governance/default-policy');
    document.getElementById('default-policy').textContent = 'Default policy for new series: ' + current.policy
      + (current.adoptedByPoll ? ' (adopted by poll ' + current.adoptedByPoll + ')' : ' (configured)');
    const all = await getJson('/api/governance/polls?limit=500');
    document.querySelector('#polls tbody').replaceChildren(...all.map(poll => el('tr', { 'data-poll': poll.pollId },
      el('th', { scope: 'row', text: poll.pollId }), el('td', { class: 'text', text: poll.status }),
      el('td', { class: 'text', text: poll.closesAt }), el('td', { text: poll.quorum }),
      el('td', { text: poll.tally.hardStop }), el('td', { text: poll.tally.gracefulExit }),
      el('td', { text: poll.tally.hybrid }),
      el('td', { class: 'text', 'data-field': 'outcome',
        text: poll.outcome ? poll.outcome + (poll.adopted ? ': ' + poll.adopted : '') : 'open' }))));
    document.getElementById('no-polls').hidden = all.length > 0;
  }

  // Many updates in a burst (a price moves every series) make one reload.
  let scheduled = null;
  const soon = () => { if (!scheduled) scheduled = setTimeout(() => { scheduled = null; load(); }, 500); };
  start('/governance.html').then(() => follow({ snapshot: soon, update: soon }, document.getElementById('live')));
})();
