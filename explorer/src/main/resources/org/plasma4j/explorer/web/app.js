// The router, the live health banner and the search box.
import './views/index.js';
import { find, navigation } from './lib/registry.js';
import { get, ApiError } from './lib/api.js';
import { esc, notFound } from './lib/format.js';

const root = document.getElementById('view');
const POLL_MS = 2000;
let current = { key: null, html: null };

function parseHash() {
  const h = location.hash.replace(/^#\/?/, '');
  const slash = h.indexOf('/');
  return slash < 0 ? { route: h || 'blocks', arg: '' } : { route: h.slice(0, slash), arg: decodeURIComponent(h.slice(slash + 1)) };
}

function renderNav(route) {
  document.getElementById('nav').innerHTML = navigation()
    .map((n) => `<a href="#/${n.route}" class="${n.route === route ? 'active' : ''}">${esc(n.title)}</a>`)
    .join('');
}

export function errorHtml(e) {
  if (e instanceof ApiError && e.kind === 'not_found') return notFound(e.message);
  if (e instanceof ApiError && e.kind === 'node_down') {
    return `<div class="msg error" data-testid="node-down" data-node="${esc(e.node)}">${esc(e.message)}</div>`;
  }
  return `<div class="msg error" data-testid="error">${esc(e.message)}</div>`;
}

async function show(force) {
  const { route, arg } = parseHash();
  const key = `${route}/${arg}`;
  const view = find(route);
  renderNav(route);
  if (!view) {
    root.innerHTML = notFound(`no page '${route}'`);
    current = { key, html: null };
    return;
  }
  if (!force && current.key === key && !view.live) return;
  let html;
  try {
    html = await view.render(arg, { refresh: () => show(true) });
  } catch (e) {
    html = errorHtml(e);
  }
  if (parseHash().route !== route || `${parseHash().route}/${parseHash().arg}` !== key) return;
  if (current.key === key && current.html === html) return;
  const first = current.key !== key;
  current = { key, html };
  if (view.mount && !first) {
    // an interactive view keeps its forms; it refreshes its own live parts
    if (view.update) view.update(root, html);
    return;
  }
  root.innerHTML = html;
  root.dataset.route = route;
  if (view.mount) view.mount(root, arg, { refresh: () => show(true) });
}

async function status() {
  const banner = document.getElementById('health');
  const nodes = document.getElementById('nodes');
  try {
    const s = await get('status');
    const h = s.health;
    const text = {
      ok: 'Chain healthy: the watcher finds nothing wrong',
      unsafe: 'Chain UNSAFE',
      faulted: 'Chain FAULTED on L1: exit now',
      unknown: 'Chain health unknown',
    }[h.state] || h.state;
    banner.dataset.state = h.state;
    banner.textContent = h.reasons.length ? `${text} — ${h.reasons.join('; ')}` : text;
    nodes.innerHTML = Object.entries(s.nodes)
      .filter(([, n]) => !n.up)
      .map(([name, n]) => `<div class="down" data-testid="down-${esc(name)}">${esc(name)} is down: ${esc(n.error)}</div>`)
      .join('');
  } catch (e) {
    banner.dataset.state = 'unknown';
    banner.textContent = `The explorer does not answer: ${e.message}`;
  }
}

document.getElementById('search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = document.getElementById('search-input').value.trim();
  if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
});

window.addEventListener('hashchange', () => show(true));
show(true);
status();
setInterval(() => { show(false); status(); }, POLL_MS);
