import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc, blockLink, link, table, exitStatus, asOf } from '../lib/format.js';

export function exitsTable(exits) {
  return table(['kind', 'position', 'amount', 'status', 'exitable at (L1 time)'], exits.map((e) => [
    esc(e.kind), `<span class="mono">${esc(e.position)}</span>`, esc(e.display || e.detail), exitStatus(e),
    e.exitableAt ? esc(new Date(e.exitableAt * 1000).toISOString().replace('.000Z', 'Z')) : '',
  ]), 'no exit');
}

register('address', {
  live: true,
  async render(a) {
    const x = await get(`address/${encodeURIComponent(a)}`);
    const errors = ['operatorError', 'watcherError', 'l1Error']
      .filter((k) => x[k]).map((k) => `<div class="msg error">${esc(x[k])}</div>`).join('');
    const balances = x.balances.map((b) => [esc(b.symbol), `<b data-testid="balance">${esc(b.display)}</b>`]);
    const utxos = x.utxos.map((u) => [`<span class="mono">${esc(u.position)}</span>`, blockLink(u.blkNum), esc(u.txIndex), esc(u.outputIndex), esc(u.display)]);
    const deposits = (x.deposits || []).map((d) => [blockLink(d.blkNum), esc(d.display), esc(d.l1Block)]);
    const coins = (x.coins || []).map((c) => [link(`coin/${c.slot}`, c.slot), esc(c.display)]);
    const advice = x.advice ? (x.advice.standardExits || []).map((e) => [`<span class="mono">${esc(e.position)}</span>`, esc(e.display || e.amount), esc(e.symbol || e.token)]) : [];
    return `<h1>Address <span class="mono" data-testid="address">${esc(x.address)}</span></h1>
      ${errors}${asOf(x.asOfL1Block)}
      ${x.activity ? '' : `<div class="notfound" data-testid="not-found">No activity for this address on this chain: no outputs, deposits, exits or coins.</div>`}
      <div class="grid2">
        <div><h2>Balances</h2><div class="card">${table(['token', 'balance'], balances, 'nothing on the child chain')}</div></div>
        <div><h2>Exits</h2><div class="card" data-testid="exits">${exitsTable(x.exits || [])}</div></div>
      </div>
      <h2>Unspent outputs</h2><div class="card">${table(['position', 'block', 'tx', 'output', 'amount'], utxos, 'none')}</div>
      <h2>Deposits</h2><div class="card">${table(['deposit block', 'amount', 'L1 block'], deposits, 'none')}</div>
      <h2>Coins (Plasma Cash)</h2><div class="card">${table(['slot', 'value'], coins, 'none')}</div>
      <h2>What the watcher advises to exit</h2><div class="card">${x.advice ? table(['output', 'amount', 'token'], advice, 'nothing to exit') : '<span class="muted">watcher unavailable</span>'}</div>`;
  },
});
