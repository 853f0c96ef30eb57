import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc, addr, blockLink, table, asOf } from '../lib/format.js';

register('coin', {
  live: true,
  async render(slot) {
    const c = await get(`coin/${encodeURIComponent(slot)}`);
    const history = c.history.map((h) => [blockLink(h.blkNum), `<span class="mono">${esc(h.coinRoot)}</span>`]);
    const checkpoints = c.checkpoints.map((k) => [esc(k.state), k.owner ? addr(k.owner) : '', esc(k.exitBlock ?? ''), esc(k.l1Block)]);
    const exits = c.exits.map((k) => [esc(k.state), k.owner ? addr(k.owner) : '', esc(k.exitBlock ?? ''), esc(k.l1Block)]);
    return `<h1>Coin <span class="mono" data-testid="coin-slot">${esc(c.slot)}</span></h1>
      <div class="card"><dl>
        <dt>value</dt><dd><b>${esc(c.display)}</b></dd>
        <dt>owner</dt><dd>${addr(c.owner)}</dd>
        <dt>state</dt><dd>${esc(c.state)}</dd>
        <dt>latest block</dt><dd>${blockLink(c.block)}</dd>
        <dt>deposited by</dt><dd>${addr(c.originOwner)} in block ${blockLink(c.originBlock)}</dd>
      </dl></div>
      <h2>History (blocks it moved in)</h2>${c.historyError ? `<p class="error">${esc(c.historyError)}</p>` : ''}<div class="card">${table(['block', 'coin root'], history, 'never moved since its deposit')}</div>
      <h2>Checkpoints</h2>${asOf(c.asOfL1Block)}<div class="card">${table(['state', 'owner', 'block', 'L1 block'], checkpoints, 'none')}</div>
      <h2>Exits</h2><div class="card">${table(['state', 'owner', 'block', 'L1 block'], exits, 'none')}</div>`;
  },
});
