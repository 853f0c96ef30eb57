import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc, table } from '../lib/format.js';

// amounts in whole units with their symbol where the server could read them, the raw value otherwise
function details(d, readable) {
  const r = readable || {};
  return Object.entries(d || {}).map(([k, v]) => (k in r
    ? `${esc(k)}=<b data-testid="event-amount" data-key="${esc(k)}">${esc(r[k])}</b>`
    : `${esc(k)}=<span class="mono">${esc(v)}</span>`)).join(' ');
}

register('events', {
  title: 'Byzantine events',
  live: true,
  async render() {
    const x = await get('events');
    const row = (e) => [esc(e.seq), `<b data-testid="event-type">${esc(e.type)}</b>`, details(e.details, e.readable), esc(new Date(e.reportedAtMillis).toISOString())];
    const s = x.status;
    return `<h1>Byzantine events</h1>
      <div class="card"><dl>
        <dt>health</dt><dd data-testid="health-state">${esc(x.health.state)}</dd>
        <dt>validated up to block</dt><dd>${esc(s.lastValidatedBlock)}</dd>
        <dt>first bad block</dt><dd>${esc(s.firstBadBlock || 'none')}</dd>
        <dt>challenges sent</dt><dd>${esc(s.challengesSent)}</dd>
      </dl></div>
      <h2>Standing now</h2>${x.openError ? `<p class="muted">${esc(x.openError)}</p>` : ''}
      <div class="card" data-testid="open-events">${table(['#', 'type', 'details', 'reported'], (x.open || []).map(row), 'nothing stands')}</div>
      <h2>History</h2>${x.historyTotal > x.history.length ? `<p class="muted" data-testid="history-shown">the latest ${esc(x.history.length)} of ${esc(x.historyTotal)} events</p>` : ''}
      <div class="card" data-testid="event-history">${table(['#', 'type', 'details', 'reported'], x.history.slice().reverse().map(row), 'no byzantine event ever')}</div>`;
  },
});
