// The explorer's JSON API. A failed call throws an ApiError carrying the server's named reason
// (not_found, bad_request, node_down with the node's name, rejected).
export class ApiError extends Error {
  constructor(status, kind, message, node) {
    super(message);
    this.status = status;
    this.kind = kind;
    this.node = node;
  }
}

async function handle(response) {
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new ApiError(response.status, 'internal', `the explorer answered HTTP ${response.status}`);
  }
  if (!response.ok || body.error) {
    const e = body.error || {};
    throw new ApiError(response.status, e.kind || 'internal', e.message || 'request failed', e.node);
  }
  return body;
}

export async function get(path) {
  let response;
  try {
    response = await fetch(`/api/${path}`, { cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'node_down', 'the explorer itself does not answer', 'explorer');
  }
  return handle(response);
}

export async function post(path, body) {
  const response = await fetch(`/api/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return handle(response);
}
