import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc, addr, table, exitStatus, asOf } from '../lib/format.js';

const KIND = { standard: 'standard', in_flight: 'in-flight', mass: 'mass exit', coin: 'coin' };

// what an exit claims and names: an output, an in-flight transaction, a batch or a coin
function subject(e) {
  if (e.kind === 'standard') return `output <span class="mono">${esc(e.position)}</span>`;
  if (e.kind === 'in_flight') return `in-flight <span class="mono" title="${esc(e.id)}">${esc(String(e.id).slice(0, 10))}…</span> at <span class="mono">${esc(e.position)}</span>`;
  if (e.kind === 'mass') return `batch ${esc(e.id)} up to <span class="mono">${esc(e.position)}</span>`;
  return `coin <span class="mono">${esc(e.id)}</span>`;
}

function row(e, i) {
  return [
    i === null ? '' : String(i + 1),
    `<span data-testid="exit-kind">${esc(KIND[e.kind] || e.kind)}</span>`,
    subject(e), addr(e.owner), esc(e.display || '—'),
    `<span data-testid="queue-status" data-kind="${esc(e.kind)}" data-id="${esc(e.id)}" data-position="${esc(e.position)}" data-exitable-at="${esc(e.exitableAt)}">${exitStatus(e)}</span>`,
    `<span class="muted">${esc(e.detail)}</span>`,
  ];
}

register('exits', {
  title: 'Exit queues',
  live: true,
  async render() {
    const x = await get('exits');
    const queues = x.queues.map((q) => `<h2>${esc(q.symbol)} — ${esc(q.length)} in the queue</h2>
      <div class="card" data-testid="exit-queue" data-token="${esc(q.token)}">${q.head ? `<p>Next to process: position <span class="mono">${esc(q.head.position)}</span></p>` : ''}
      ${table(['priority', 'kind', 'exit', 'owner', 'amount', 'status', ''], q.entries.map((e, i) => row(e, i)), 'no exit waiting')}
      ${q.coinExits.length ? `<h3>Coin exits (settled per coin, outside the queue)</h3>${table(['', 'kind', 'exit', 'owner', 'value', 'status', ''], q.coinExits.map((e) => row(e, null)))}` : ''}
      ${q.deferred.length ? `<h3>Deferred (processing popped them; their game reverted; anyone may call retryExit)</h3>${table(['', 'kind', 'exit', 'owner', 'amount', 'status', ''], q.deferred.map((e) => row(e, null)))}` : ''}
      ${q.settled.length ? `<h3>Settled</h3>${table(['', 'kind', 'exit', 'owner', 'amount', 'status', ''], q.settled.map((e) => row(e, null)))}` : ''}</div>`).join('');
    return `<h1>Exit queues</h1>${asOf(x.asOfL1Block)}
      <p class="muted">Every exit of each token waiting in the framework's queue, in the order
      processExits pays them (earliest exitable first, then lowest position, then standard before
      in-flight before mass exits): standard exits, in-flight exits (in the ETH queue from their
      start, in another token's from its first piggyback) and mass exits. Plasma Cash coin exits are
      settled per coin; they are listed under their token. The queue length also counts challenged
      exits not yet popped.</p>${queues}`;
  },
});
