// Live updates: SSE first, polling only while SSE is down; the heartbeat check.

import { POLL_MS, state } from './state.js';
import { $ } from './dom.js';
import { api } from './api.js';
import { renderDashboard, renderLastEvent, setConnection } from './dashboard.js';
import { addEvents } from './lists.js';
import { loadEvents, loadState, loadTasks, loadWorkflows, scheduleRefresh, settle } from './store.js';
import { refreshDetail } from './drawer.js';

let source = null;
let reconnectTimer = null;
let failures = 0;
let pollTimer = null;

export function connectStream() {
  clearTimeout(reconnectTimer);
  if (typeof EventSource === 'undefined') {
    setConnection('polling');
    startPolling();
    return;
  }
  // A fresh EventSource cannot carry Last-Event-ID, so it asks for what came after the newest event seen.
  const url = state.lastEventId > 0 ? `/api/stream?since=${state.lastEventId}` : '/api/stream';
  source = new EventSource(url);
  source.addEventListener('open', () => {
    failures = 0;
    setConnection('connected');
    stopPolling();
  });
  source.addEventListener('dashboard', (message) => {
    const data = JSON.parse(message.data);
    state.dashboard = data;
    renderDashboard();
    // Connected (again): catch up on whatever changed while no stream was open.
    scheduleRefresh('tasks', 'workflows', 'schedules', 'sensors', 'detail');
  });
  source.addEventListener('events', (message) => onEventsFrame(JSON.parse(message.data)));
  source.addEventListener('error', () => {
    setConnection('reconnecting');
    startPolling();
    failures += 1;
    // While the browser retries by itself it resends Last-Event-ID; after a few failed tries, or when it
    // gives up, reconnect here with a growing delay instead.
    if (source.readyState === EventSource.CLOSED || failures >= 3) {
      source.close();
      source = null;
      const delay = Math.min(30000, 1000 * 2 ** Math.min(failures, 5));
      reconnectTimer = setTimeout(connectStream, delay);
    }
  });
}

function onEventsFrame(data) {
  if (data.state) {
    state.dashboard = { ...state.dashboard, ...data.state };
    renderDashboard();
  }
  const events = data.events ?? [];
  addEvents(events);
  const what = new Set(['tasks']);
  for (const event of events) {
    const type = event.event_type ?? '';
    if (type.startsWith('workflow')) what.add('workflows');
    if (type.startsWith('schedule')) what.add('schedules');
    if (type.startsWith('sensor')) what.add('sensors');
    if (state.selectedId && event.task_id === state.selectedId) what.add('detail');
  }
  scheduleRefresh(...what);
}

function startPolling() {
  if (pollTimer) return;
  pollTimer = setInterval(() => settle(loadState, loadTasks, loadWorkflows, loadEvents)
    .then(() => (state.selectedId ? refreshDetail() : null)), POLL_MS);
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

export async function heartbeat() {
  try {
    await api('/api/heartbeat');
    $('heartbeat').classList.remove('disconnected');
    $('offline').hidden = true;
  } catch {
    // Said in words too, not by colour alone.
    $('heartbeat').classList.add('disconnected');
    $('offline').hidden = false;
  }
  renderLastEvent();
}
