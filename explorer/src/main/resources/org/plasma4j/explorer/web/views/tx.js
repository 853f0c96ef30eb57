import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc, addr, blockLink, table, asOfSuffix } from '../lib/format.js';

register('tx', {
  live: true,
  async render(hash) {
    const t = await get(`tx/${encodeURIComponent(hash)}`);
    const inputs = (t.inputs || []).map((p, i) => [
      String(i),
      `<span class="mono">${esc(p.position)}</span> (block ${blockLink(p.blkNum)}, tx ${esc(p.txIndex)}, output ${esc(p.outputIndex)})`,
      p.signer ? addr(p.signer) : '<span class="error">recovers to no key</span>',
      `<span class="mono">${esc(p.signature || '')}</span>`,
    ]);
    const outputs = (t.outputs || []).map((o, i) => [
      String(i), addr(o.owner), `<b>${esc(o.display)}</b>`,
      t.inclusion ? `<span class="mono">${esc(t.inclusion.outputPositions[i])}</span>` : '',
    ]);
    const inc = t.inclusion;
    const inclusion = inc ? `<dl>
        <dt>block</dt><dd>${blockLink(inc.blkNum)}</dd>
        <dt>index in block</dt><dd>${esc(inc.txIndex)}</dd>
        <dt>block root</dt><dd class="mono">${esc(inc.root || '')}</dd>
        <dt>L1 submission tx</dt><dd class="mono">${esc(inc.l1TxHash || 'not submitted yet')}</dd>
        <dt>committed on L1</dt><dd>${inc.committedOnL1 === undefined ? `<span class="error">${esc(inc.l1Error)}</span>` : (inc.committedOnL1 ? 'yes' : 'no') + asOfSuffix(inc.asOfL1Block)}</dd></dl>`
      : '<p class="muted">Accepted by the operator, waiting for the next block.</p>';
    return `<h1>Transaction</h1>
      <div class="card"><dl>
        <dt>hash</dt><dd class="mono" data-testid="tx-hash">${esc(t.txHash)}</dd>
        <dt>status</dt><dd data-testid="tx-status">${esc(t.status)}</dd>
        <dt>signed for</dt><dd>chain ${esc(t.chainId)}, framework <span class="mono">${esc(t.verifyingContract)}</span></dd>
      </dl></div>
      <h2>Inclusion</h2><div class="card">${inclusion}</div>
      <h2>Inputs and signatures</h2><div class="card">${table(['#', 'spends output', 'signed by', 'signature'], inputs)}</div>
      <h2>Outputs</h2><div class="card">${table(['#', 'owner', 'amount', 'position'], outputs)}</div>`;
  },
});
