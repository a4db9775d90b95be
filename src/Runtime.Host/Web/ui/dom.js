// DOM helpers: every piece of server data is inserted as text (textContent, text nodes, attributes), never as HTML.

export const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function short(id) {
  return id ? String(id).slice(0, 8) : '';
}

export function ago(iso) {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return String(iso);
  const seconds = Math.max(0, Math.round((Date.now() - then) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86400)}d ago`;
}

export function until(iso) {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return String(iso);
  const seconds = Math.round((then - Date.now()) / 1000);
  if (seconds <= 0) return 'due';
  return `in ${span(seconds)}`;
}

export function span(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? ` ${s % 60}s` : ''}`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${s % 3600 >= 60 ? ` ${Math.floor((s % 3600) / 60)}m` : ''}`;
  return `${Math.floor(s / 86400)}d${s % 86400 >= 3600 ? ` ${Math.floor((s % 86400) / 3600)}h` : ''}`;
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// Makes an element behave as a button for the keyboard (Enter and Space) as well as the mouse.
export function activatable(node, action) {
  node.setAttribute('tabindex', '0');
  if (!node.hasAttribute('role')) node.setAttribute('role', 'button');
  node.addEventListener('click', action);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action(event);
    }
  });
  return node;
}

// A <dt>/<dd> pair for a definition list, or nothing when the value is empty and no fallback is given.
export function field(label, value, options = {}) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (options.fallback === undefined) return [];
    value = options.fallback;
  }
  const dd = h('dd', { class: options.mono ? 'mono' : null, 'data-field': label });
  if (value instanceof Node || Array.isArray(value)) dd.append(...[value].flat());
  else dd.textContent = String(value);
  return [h('dt', { text: label }), dd];
}
