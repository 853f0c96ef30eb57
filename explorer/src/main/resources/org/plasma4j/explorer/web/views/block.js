import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc, addr, txLink, table, time, asOfSuffix } from '../lib/format.js';

export function outputsHtml(outputs) {
  return outputs.map((o, i) => `${i}: ${addr(o.owner)} <b>${esc(o.display)}</b>`).join('<br>');
}

export function inputsHtml(inputs) {
  return inputs.map((p) => `<span class="mono">${esc(p.position)}</span>`).join('<br>') || '<span class="muted">none (deposit)</span>';
}

register('block', {
  live: true,
  async render(n) {
    const b = await get(`block/${encodeURIComponent(n)}`);
    const txs = b.transactions.map((t) => [
      String(t.txIndex),
      t.txHash ? txLink(t.txHash) : `<span class="error">${esc(t.malformed)}</span>`,
      inputsHtml(t.inputs || []),
      outputsHtml(t.outputs || []),
    ]);
    const deposit = b.deposit ? `<h2>Deposit</h2><div class="card"><dl>
        <dt>owner</dt><dd>${addr(b.deposit.owner)}</dd>
        <dt>amount</dt><dd>${esc(b.deposit.display)}</dd>
        <dt>output position</dt><dd class="mono">${esc(b.deposit.position)}</dd>
        <dt>L1 block</dt><dd>${esc(b.deposit.l1Block)}</dd></dl></div>` : '';
    return `<h1>Block <span data-testid="block-number">${esc(b.blkNum)}</span> <span class="pill">${esc(b.kind)}</span></h1>
      <div class="card"><dl>
        <dt>Merkle root</dt><dd class="mono">${esc(b.root)}</dd>
        <dt>transactions</dt><dd>${esc(b.txCount)}</dd>
        <dt>submitted at</dt><dd>${time(b.timestamp)}</dd>
        <dt>L1 submission tx</dt><dd class="mono">${esc(b.l1TxHash || (b.kind === 'deposit' ? 'the deposit itself' : 'not submitted yet'))}</dd>
        <dt>committed on L1</dt><dd>${b.committedOnL1 === undefined ? `<span class="error">${esc(b.l1Error)}</span>` : (b.committedOnL1 ? 'yes' : 'no') + asOfSuffix(b.asOfL1Block)}</dd>
      </dl></div>
      ${deposit}
      ${b.kind === 'child' ? `<h2>Transactions</h2><div class="card">${table(['#', 'hash', 'inputs', 'outputs'], txs, 'an empty block')}</div>` : ''}`;
  },
});
