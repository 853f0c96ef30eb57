// Pages as a registry: each view module registers the route it answers (the first segment of the
// location hash) and, if it belongs in the navigation, its title. A later capability adds a module
// and one import in views/index.js; no other view changes.
const views = new Map();
const nav = [];

// view: { render(arg, ctx) -> Promise<string>, mount?(root, arg, ctx), live?: boolean, title?: string }
export function register(route, view) {
  if (views.has(route)) throw new Error(`view ${route} registered twice`);
  views.set(route, view);
  if (view.title) nav.push({ route, title: view.title });
}

export function find(route) {
  return views.get(route);
}

export function navigation() {
  return nav.slice();
}
