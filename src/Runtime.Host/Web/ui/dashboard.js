// The heartbeat bar: runtime state, counters, connection dot, pause toggle, last event.

import { state } from './state.js';
import { $, ago } from './dom.js';
import { api } from './api.js';
import { loadState } from './store.js';
import { showReplyStatus } from './reply.js';

export function renderDashboard() {
  const d = state.dashboard;
  if (!d) return;
  const counts = d.counts ?? {};
  const paused = Boolean(d.dispatch_paused?.paused);
  const runtimeState = d.runtime_state ?? (paused ? 'paused' : 'idle');
  $('runtime-name').textContent = d.runtime_name ?? 'agent-runtime';
  document.title = `${runtimeState} · ${d.runtime_name ?? 'agent-runtime'}`;

  const label = $('runtime-state');
  if (label.textContent !== runtimeState) {
    label.textContent = runtimeState;
    label.classList.remove('blink');
    void label.offsetWidth; // restart the animation
    label.classList.add('blink');
  }
  label.className = `state state-${runtimeState}${label.classList.contains('blink') ? ' blink' : ''}`;

  const bar = $('heartbeat');
  bar.classList.toggle('running', runtimeState === 'running');
  bar.classList.toggle('blocked', (counts.blocked ?? 0) > 0);

  counter('count-running', counts.running ?? 0, 'running', null);
  counter('count-queued', counts.queued ?? 0, 'queued', null);
  counter('count-blocked', counts.blocked ?? 0, 'blocked', 'danger');
  counter('count-retry', counts.retryable_failure ?? 0, 'retry', 'warn');
  counter('count-canceled', counts.operator_canceled ?? 0, 'canceled', null);

  const toggle = $('pause-toggle');
  toggle.textContent = paused ? 'Resume' : 'Pause';
  toggle.classList.toggle('warn', paused);
  toggle.setAttribute('aria-pressed', String(paused));
  toggle.dataset.paused = String(paused);
  toggle.title = paused ? `Dispatch paused${d.dispatch_paused?.reason ? `: ${d.dispatch_paused.reason}` : ''}` : 'Pause dispatch';
  renderLastEvent();
}

function counter(testid, n, word, style) {
  const node = $(testid);
  node.textContent = `${n} ${word}`;
  node.dataset.count = String(n);
  if (style) node.classList.toggle(style, n > 0);
}

export function renderLastEvent() {
  const last = state.dashboard?.last_event;
  $('last-event').textContent = last ? `${last.event_type} ${ago(last.created_at)}` : 'no events';
}

export function setConnection(mode) {
  state.connection = mode;
  const dot = $('connection');
  const titles = { polling: 'Polling', reconnecting: 'SSE reconnecting', connected: 'SSE connected' };
  dot.className = `conn conn-${mode}`;
  dot.dataset.state = mode;
  dot.title = titles[mode];
  dot.setAttribute('aria-label', `Connection: ${titles[mode]}`);
}

export async function togglePause() {
  const button = $('pause-toggle');
  const paused = button.dataset.paused === 'true';
  button.disabled = true;
  try {
    await api('/api/pause', { method: 'POST', body: { paused: !paused, reason: 'operator UI' } });
    await loadState();
  } catch (error) {
    showReplyStatus(`Error: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
}
