import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc, addr, table, exitStatus } from '../lib/format.js';

register('exits', {
  title: 'Exit queues',
  live: true,
  async render() {
    const x = await get('exits');
    const queues = x.queues.map((q) => `<h2>${esc(q.symbol)} — ${esc(q.length)} in the queue</h2>
      <div class="card">${q.head ? `<p>Next to process: output <span class="mono">${esc(q.head.position)}</span></p>` : ''}
      ${table(['priority', 'output', 'owner', 'amount', 'status'], q.standardExits.map((e, i) => [
        String(i + 1), `<span class="mono">${esc(e.position)}</span>`, addr(e.owner), esc(e.display), exitStatus(e),
      ]), 'no standard exit')}</div>`).join('');
    return `<h1>Exit queues</h1>
      <p class="muted">Standard exits of each token in priority order (earliest exitable first, then
      lowest position). The queue length counts every kind of exit.</p>${queues}`;
  },
});
