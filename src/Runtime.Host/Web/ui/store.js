// Loading from the API into the shared state, and coalesced refreshes after events.

import { EVENT_LIMIT, TASK_LIMIT, state } from './state.js';
import { api } from './api.js';
import { renderDashboard } from './dashboard.js';
import { addEvents, renderSchedules, renderSensorEvents, renderTasks } from './lists.js';
import { refreshDetail } from './drawer.js';

export async function loadState() {
  const { body } = await api('/api/state');
  state.dashboard = body;
  renderDashboard();
}

export async function loadTasks() {
  const { body } = await api(`/api/tasks?limit=${TASK_LIMIT}`);
  state.tasks = body.tasks ?? [];
  renderTasks();
}

export async function loadWorkflows() {
  const { body } = await api('/api/workflows');
  state.workflows = body.workflows ?? [];
  renderTasks();
}

export async function loadEvents() {
  const query = state.lastEventId > 0 ? `since=${state.lastEventId}&limit=200` : `limit=${EVENT_LIMIT}`;
  const { body } = await api(`/api/events?${query}`);
  addEvents(body.events);
}

async function loadSchedules() {
  const { body } = await api('/api/schedules');
  state.schedules = body.schedules ?? [];
  renderSchedules();
}

async function loadSensorEvents() {
  const { body } = await api('/api/sensors/events?limit=20');
  state.sensorEvents = body.events ?? [];
  renderSensorEvents();
}

export function settle(...loads) {
  return Promise.allSettled(loads.map((load) => load())).then((results) => {
    for (const r of results) if (r.status === 'rejected') console.warn(r.reason);
  });
}

export function refreshAll() {
  return settle(loadState, loadTasks, loadWorkflows, loadEvents, loadSchedules, loadSensorEvents)
    .then(() => (state.selectedId ? refreshDetail() : null));
}

// Coalesces bursts of events into one refetch of what they may have changed.
let refreshTimer = null;
const pendingRefresh = new Set();
export function scheduleRefresh(...what) {
  what.forEach((w) => pendingRefresh.add(w));
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const loads = [];
    if (pendingRefresh.has('tasks')) loads.push(loadTasks);
    if (pendingRefresh.has('workflows')) loads.push(loadWorkflows);
    if (pendingRefresh.has('schedules')) loads.push(loadSchedules);
    if (pendingRefresh.has('sensors')) loads.push(loadSensorEvents);
    if (pendingRefresh.has('state')) loads.push(loadState);
    const detail = pendingRefresh.has('detail');
    pendingRefresh.clear();
    settle(...loads).then(() => (detail && state.selectedId ? refreshDetail() : null));
  }, 150);
}
