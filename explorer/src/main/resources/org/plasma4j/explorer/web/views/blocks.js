import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc, short, addr, blockLink, table, time, asOf } from '../lib/format.js';

register('blocks', {
  title: 'Blocks',
  live: true,
  async render() {
    const b = await get('blocks?limit=15');
    const rows = b.blocks.map((x) => [
      blockLink(x.blkNum),
      String(x.txCount),
      `<span class="mono">${esc(short(x.root))}</span>`,
      x.submitted ? `<span class="mono">${esc(short(x.l1TxHash))}</span>` : '<span class="muted">pending</span>',
      time(x.timestamp),
    ]);
    const deposits = b.deposits.map((d) => [blockLink(d.blkNum), addr(d.owner), esc(d.display), String(d.l1Block)]);
    return `<h1>Blocks</h1>
      <p class="muted">Latest child block: <b data-testid="latest-block">${esc(b.latest)}</b></p>
      <div class="card">${table(['block', 'txs', 'root', 'L1 submission tx', 'submitted at'], rows, 'no child block yet')}</div>
      <h2>Deposits</h2>
      ${b.l1Error ? `<p class="error">${esc(b.l1Error)}</p>` : asOf(b.asOfL1Block)}
      <div class="card">${table(['deposit block', 'owner', 'amount', 'L1 block'], deposits, 'no deposit yet')}</div>`;
  },
});
