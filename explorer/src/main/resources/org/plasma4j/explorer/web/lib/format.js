// Small formatting helpers shared by the views.
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function short(hex) {
  const s = String(hex ?? '');
  return s.length > 18 ? `${s.slice(0, 10)}…${s.slice(-6)}` : s;
}

export function link(route, text, cls = 'mono') {
  return `<a class="${cls}" href="#/${esc(route)}">${esc(text)}</a>`;
}

export const addr = (a) => link(`address/${a}`, short(a));
export const txLink = (h) => link(`tx/${h}`, short(h));
export const blockLink = (n) => link(`block/${n}`, n, '');

export function duration(seconds) {
  let s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400); s %= 86400;
  const h = Math.floor(s / 3600); s %= 3600;
  const m = Math.floor(s / 60); s %= 60;
  const parts = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (!d && !h) parts.push(`${s}s`);
  return parts.join(' ');
}

export function time(unixSeconds) {
  if (!unixSeconds) return '<span class="muted">not on L1 yet</span>';
  return esc(new Date(unixSeconds * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC'));
}

export function exitStatus(e) {
  const when = e.status === 'started' ? ` — processable in ${duration(e.secondsToMaturity)}` : '';
  const label = e.status === 'deferred' ? 'deferred, awaiting retry' : e.status;
  return `<span class="pill ${esc(e.status)}">${esc(label)}</span>${esc(when)}`;
}

export function notFound(message) {
  return `<div class="notfound" data-testid="not-found">${esc(message)}</div>`;
}

export function table(headers, rows, empty = 'none') {
  if (!rows.length) return `<p class="muted">${esc(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

// the confirmed root-chain block an answer's L1 events and framework state are read at
export function asOf(block) {
  return block === undefined ? '' : `<p class="muted" data-testid="as-of">as of L1 block <span data-testid="as-of-block">${esc(block)}</span></p>`;
}

export function asOfSuffix(block) {
  return block === undefined ? '' : ` <span class="muted">(as of L1 block ${esc(block)})</span>`;
}
