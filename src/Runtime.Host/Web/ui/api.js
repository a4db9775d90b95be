// The JSON API: reads are open; writes carry the bearer token given once in the page URL (#token=...).

import { TOKEN_KEY } from './state.js';

export function token() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    // The token stays in this tab's session storage, not in the address bar or its history.
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, options = {}) {
  const init = { method: options.method ?? 'GET', headers: { Accept: 'application/json' }, cache: 'no-store' };
  if (init.method !== 'GET') {
    const bearer = token();
    if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
    if (options.body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
  }
  const response = await fetch(path, init);
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    let message = body?.error ?? `${response.status} ${response.statusText}`;
    if (response.status === 401) message += ' (open the page with #token=<token>)';
    throw new ApiError(response.status, message);
  }
  return { status: response.status, body };
}
