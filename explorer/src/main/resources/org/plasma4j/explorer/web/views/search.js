import { register } from '../lib/registry.js';
import { get } from '../lib/api.js';
import { esc } from '../lib/format.js';

register('search', {
  async render(q) {
    const r = await get(`search?q=${encodeURIComponent(q)}`);
    location.replace(`#/${r.route}`);
    return `<p class="muted">found ${esc(q)}…</p>`;
  },
});
