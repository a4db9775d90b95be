// Operator UI for agent-runtime: a plain ES module, no build step, nothing fetched from outside the host.
// Every piece of server data reaches the page through textContent or attributes set by h(): never innerHTML.

const TOKEN_KEY = 'agent-runtime.token';
const TASK_LIMIT = 100;
const EVENT_LIMIT = 50;
const HEARTBEAT_MS = 5000;
const POLL_MS = 3000;
const OUTPUT_POLL_MS = 1000;
const FLASH_MS = 1300;
const TERMINAL_DONE = new Set(['completed', 'operator_canceled']);
const CANCELABLE = new Set(['pending', 'retryable_failure', 'blocked', 'running']);
const FILTERS = {
  all: () => true,
  running: (t) => t.status === 'running',
  queued: (t) => t.status === 'pending',
  blocked: (t) => t.status === 'blocked' || t.status === 'retryable_failure',
  done: (t) => TERMINAL_DONE.has(t.status),
};
// A reference to a task in free text: "#" then an id of any form (UUID, prefix, digits, slug).
const TASK_REF = /#([A-Za-z0-9][A-Za-z0-9._:-]{2,})/g;
const SKILL_REF = /(?:^|\s)\/([A-Za-z][\w-]*)/g;

const state = {
  dashboard: null,
  tasks: [],
  workflows: [],
  events: [],
  schedules: [],
  sensorEvents: [],
  lastEventId: 0,
  filter: 'all',
  query: '',
  selectedId: null,
  detail: null,
  replyParent: null,
  cancelPending: null,
  previousStatus: new Map(),
  listSignature: '',
  connection: 'polling',
};

// ---------- DOM helpers ----------

const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

function h(tag, attrs, ...children) {
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

function short(id) {
  return id ? String(id).slice(0, 8) : '';
}

function ago(iso) {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return String(iso);
  const seconds = Math.max(0, Math.round((Date.now() - then) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86400)}d ago`;
}

function until(iso) {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return String(iso);
  const seconds = Math.round((then - Date.now()) / 1000);
  if (seconds <= 0) return 'due';
  return `in ${span(seconds)}`;
}

function span(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? ` ${s % 60}s` : ''}`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${s % 3600 >= 60 ? ` ${Math.floor((s % 3600) / 60)}m` : ''}`;
  return `${Math.floor(s / 86400)}d${s % 86400 >= 3600 ? ` ${Math.floor((s % 86400) / 3600)}h` : ''}`;
}

function duration(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// Makes an element behave as a button for the keyboard (Enter and Space) as well as the mouse.
function activatable(node, action) {
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

// ---------- API ----------

function token() {
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

async function api(path, options = {}) {
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

// ---------- Heartbeat bar ----------

function renderDashboard() {
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

function renderLastEvent() {
  const last = state.dashboard?.last_event;
  $('last-event').textContent = last ? `${last.event_type} ${ago(last.created_at)}` : 'no events';
}

function setConnection(mode) {
  state.connection = mode;
  const dot = $('connection');
  const titles = { polling: 'Polling', reconnecting: 'SSE reconnecting', connected: 'SSE connected' };
  dot.className = `conn conn-${mode}`;
  dot.dataset.state = mode;
  dot.title = titles[mode];
  dot.setAttribute('aria-label', `Connection: ${titles[mode]}`);
}

async function togglePause() {
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

// ---------- Task lists ----------

function matches(task) {
  if (!FILTERS[state.filter](task)) return false;
  if (!state.query) return true;
  const haystack = [task.subject, task.description, task.operator_summary, task.task_id]
    .filter((v) => typeof v === 'string')
    .join('\n')
    .toLowerCase();
  return haystack.includes(state.query);
}

function taskAdapter(task) {
  return task.adapter ?? task.requested_adapter ?? null;
}

function taskCard(task, flash) {
  const adapter = taskAdapter(task);
  const card = h('div', {
    class: `card${flash ? ' flash' : ''}`,
    'data-testid': 'task-card',
    'data-task-id': task.task_id,
    'data-status': task.status,
    'aria-label': `${task.subject || task.kind || 'Untitled'}, ${task.status.replaceAll('_', ' ')}`,
  },
  h('span', { class: `dot ${task.status}`, title: task.status.replaceAll('_', ' ') }),
  h('span', { class: 'subject', 'data-testid': 'task-subject', text: task.subject || task.kind || 'Untitled' }),
  h('span', { class: 'when', title: task.updated_at ?? '', text: ago(task.updated_at) }),
  h('span', { class: 'meta', text: [`#${short(task.task_id)}`, task.status.replaceAll('_', ' '), task.kind, adapter].filter(Boolean).join(' · ') }));
  return activatable(card, () => openTask(task.task_id));
}

function workflowCard(workflow) {
  return h('div', { class: 'card workflow', 'data-testid': 'workflow-card', 'data-workflow-id': workflow.id },
    h('span', { class: 'dot workflow', 'aria-hidden': 'true' }),
    h('span', { class: 'subject', text: workflow.template }),
    h('span', { class: 'when', title: workflow.updated_at ?? '', text: ago(workflow.updated_at) }),
    h('span', { class: 'meta', text: `${workflow.instance_key} — ${workflow.current_state}` }));
}

function signature() {
  const head = state.tasks.slice(0, TASK_LIMIT)
    .map((t) => `${t.task_id}|${t.status}|${t.updated_at}|${t.last_error ?? ''}|${t.operator_summary ?? ''}|${t.adapter ?? ''}`)
    .join(';');
  const flows = state.workflows.map((w) => `${w.id}|${w.current_state}|${w.completed_at ?? ''}`).join(';');
  return `${state.tasks.length}#${head}#${flows}#${state.filter}#${state.query}`;
}

function renderTasks(force = false) {
  const sig = signature();
  if (!force && sig === state.listSignature) return;
  state.listSignature = sig;

  const focused = document.activeElement?.closest?.('[data-task-id]')?.dataset.taskId;
  const filtered = state.query !== '' || state.filter !== 'all';
  const visible = state.tasks.filter(matches);
  const active = visible.filter((t) => !TERMINAL_DONE.has(t.status));
  const done = visible.filter((t) => TERMINAL_DONE.has(t.status));
  const flows = state.workflows.filter((w) => !w.completed_at && workflowMatches(w));

  const changed = new Set();
  for (const task of state.tasks) {
    const before = state.previousStatus.get(task.task_id);
    if (before !== undefined && before !== task.status) changed.add(task.task_id);
    state.previousStatus.set(task.task_id, task.status);
  }

  const now = $('now-list');
  now.replaceChildren(...active.map((t) => taskCard(t, changed.has(t.task_id))), ...flows.map(workflowCard));
  if (active.length === 0 && flows.length === 0) {
    now.replaceChildren(h('p', { class: 'empty', 'data-testid': 'now-empty', text: filtered ? 'No matching tasks' : 'Nothing running' }));
  }
  $('now-count').textContent = `${active.length} active`;

  const doneList = $('done-list');
  doneList.replaceChildren(...done.map((t) => taskCard(t, changed.has(t.task_id))));
  if (done.length === 0) {
    doneList.replaceChildren(h('p', { class: 'empty', 'data-testid': 'done-empty', text: filtered ? 'No matching tasks' : 'No tasks completed yet' }));
  }
  $('done-count').textContent = `${done.length} done`;

  if (focused) document.querySelector(`[data-task-id="${CSS.escape(focused)}"]`)?.focus();
  setTimeout(() => document.querySelectorAll('.card.flash').forEach((c) => c.classList.remove('flash')), FLASH_MS);
}

function workflowMatches(workflow) {
  if (state.filter !== 'all') return false;
  if (!state.query) return true;
  return [workflow.template, workflow.instance_key, workflow.current_state]
    .some((v) => typeof v === 'string' && v.toLowerCase().includes(state.query));
}

// ---------- Events, schedules, sensor events ----------

function addEvents(events) {
  const seen = new Set(state.events.map((e) => e.id));
  for (const event of events ?? []) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    state.events.push(event);
    if (event.id > state.lastEventId) state.lastEventId = event.id;
  }
  state.events.sort((a, b) => a.id - b.id);
  if (state.events.length > EVENT_LIMIT) state.events = state.events.slice(-EVENT_LIMIT);
  renderEvents();
}

function renderEvents() {
  const shown = [...state.events].reverse();
  $('events-list').replaceChildren(...shown.map((event) => h('li', { 'data-testid': 'event-row', 'data-event-id': event.id },
    h('span', { class: 'type', text: event.event_type }),
    event.task_id ? taskLink(event.task_id, `#${short(event.task_id)}`) : null,
    h('span', { class: 'when', title: event.created_at ?? '', text: ago(event.created_at) }))));
  if (shown.length === 0) $('events-list').replaceChildren(h('li', { class: 'empty', text: 'No events yet' }));

  let velocity = shown.length === 1 ? '1 event' : `${shown.length} events`;
  if (shown.length > 1) {
    const seconds = (Date.parse(shown[0].created_at) - Date.parse(shown[shown.length - 1].created_at)) / 1000;
    if (Number.isFinite(seconds) && seconds > 0) velocity = `${shown.length} events in ${span(seconds)}`;
  }
  $('events-velocity').textContent = velocity;
}

function renderSchedules() {
  const rows = state.schedules.map((s) => h('tr', { 'data-testid': 'schedule-row', 'data-schedule-name': s.name },
    h('td', { text: s.name }),
    h('td', { text: `every ${span(s.interval_seconds ?? 0)}` }),
    h('td', { title: s.next_run_at ?? '', text: s.enabled ? until(s.next_run_at) : '—' }),
    h('td', {}, h('span', { class: `badge ${s.enabled ? 'on' : 'off'}`, text: s.enabled ? 'enabled' : 'disabled' }))));
  $('schedules-list').replaceChildren(...rows);
  if (rows.length === 0) $('schedules-list').replaceChildren(h('tr', {}, h('td', { class: 'empty', colspan: '4', text: 'No schedules' })));
  $('schedules-count').textContent = plural(state.schedules.length, 'schedule', 'schedules');
}

function renderSensorEvents() {
  const rows = state.sensorEvents.map((e) => h('tr', { 'data-testid': 'sensor-row' },
    h('td', { text: e.sensor_id }),
    h('td', { title: e.dedupe_key ?? '', text: e.event_id }),
    h('td', {}, e.task_id ? taskLink(e.task_id, `#${short(e.task_id)}`) : '—'),
    h('td', { title: e.created_at ?? '', text: ago(e.created_at) })));
  $('sensors-list').replaceChildren(...rows);
  if (rows.length === 0) $('sensors-list').replaceChildren(h('tr', {}, h('td', { class: 'empty', colspan: '4', text: 'No sensor events' })));
  $('sensors-count').textContent = plural(state.sensorEvents.length, 'event', 'events');
}

function taskLink(id, label) {
  return h('button', { type: 'button', class: 'linkish', 'data-testid': 'task-link', 'data-ref': id, text: label, onclick: () => openTaskRef(id) });
}

// Text with "#<id>" references turned into links; everything stays text nodes.
function linkify(text) {
  const parts = [];
  let last = 0;
  for (const match of String(text).matchAll(TASK_REF)) {
    parts.push(text.slice(last, match.index));
    parts.push(taskLink(match[1], match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

// ---------- Loading ----------

async function loadState() {
  const { body } = await api('/api/state');
  state.dashboard = body;
  renderDashboard();
}

async function loadTasks() {
  const { body } = await api(`/api/tasks?limit=${TASK_LIMIT}`);
  state.tasks = body.tasks ?? [];
  renderTasks();
}

async function loadWorkflows() {
  const { body } = await api('/api/workflows');
  state.workflows = body.workflows ?? [];
  renderTasks();
}

async function loadEvents() {
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

function settle(...loads) {
  return Promise.allSettled(loads.map((load) => load())).then((results) => {
    for (const r of results) if (r.status === 'rejected') console.warn(r.reason);
  });
}

function refreshAll() {
  return settle(loadState, loadTasks, loadWorkflows, loadEvents, loadSchedules, loadSensorEvents)
    .then(() => (state.selectedId ? refreshDetail() : null));
}

// Coalesces bursts of events into one refetch of what they may have changed.
let refreshTimer = null;
const pending = new Set();
function scheduleRefresh(...what) {
  what.forEach((w) => pending.add(w));
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const loads = [];
    if (pending.has('tasks')) loads.push(loadTasks);
    if (pending.has('workflows')) loads.push(loadWorkflows);
    if (pending.has('schedules')) loads.push(loadSchedules);
    if (pending.has('sensors')) loads.push(loadSensorEvents);
    if (pending.has('state')) loads.push(loadState);
    const detail = pending.has('detail');
    pending.clear();
    settle(...loads).then(() => (detail && state.selectedId ? refreshDetail() : null));
  }, 150);
}

// ---------- Live updates: SSE first, polling only while SSE is down ----------

let source = null;
let reconnectTimer = null;
let failures = 0;
let pollTimer = null;

function connectStream() {
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

async function heartbeat() {
  try {
    await api('/api/heartbeat');
    $('heartbeat').classList.remove('disconnected');
  } catch {
    $('heartbeat').classList.add('disconnected');
  }
  renderLastEvent();
}

// ---------- Drawer: task detail, attempts, evidence, live output ----------

let drawerReturnFocus = null;

async function openTaskRef(ref) {
  const exact = state.tasks.find((t) => t.task_id === ref);
  const byPrefix = state.tasks.filter((t) => t.task_id.startsWith(ref));
  await openTask(exact ? exact.task_id : byPrefix.length === 1 ? byPrefix[0].task_id : ref);
}

async function openTask(id) {
  if (!$('drawer').hidden && state.selectedId === id) return;
  drawerReturnFocus = document.activeElement;
  state.selectedId = id;
  state.detail = null;
  state.cancelPending = null;
  stopLiveOutput();
  $('drawer').hidden = false;
  $('drawer-backdrop').hidden = false;
  $('drawer').dataset.taskId = id;
  $('artifact-viewer').hidden = true;
  setDrawerStatus('');
  const cached = state.tasks.find((t) => t.task_id === id);
  if (cached) renderDetail({ task: cached, attempts: null });
  else $('drawer-title').textContent = `#${short(id)}`;
  $('drawer-close').focus();
  await refreshDetail();
}

function closeDrawer() {
  if ($('drawer').hidden) return;
  $('drawer').hidden = true;
  $('drawer-backdrop').hidden = true;
  state.selectedId = null;
  state.detail = null;
  stopLiveOutput();
  drawerReturnFocus?.focus?.();
}

async function refreshDetail() {
  const id = state.selectedId;
  if (!id) return;
  try {
    const { body } = await api(`/api/tasks/${encodeURIComponent(id)}`);
    if (state.selectedId !== id) return;
    state.detail = body;
    renderDetail(body);
  } catch (error) {
    if (state.selectedId !== id) return;
    if (error.status === 404) {
      $('drawer-title').textContent = `#${id}`;
      $('drawer-fields').replaceChildren(h('dt', { text: 'Error' }), h('dd', { text: error.message }));
      $('attempts').replaceChildren();
      $('cancel-button').hidden = true;
    } else {
      setDrawerStatus(`Error: ${error.message}`, true);
    }
  }
}

function field(label, value, options = {}) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (options.fallback === undefined) return [];
    value = options.fallback;
  }
  const dd = h('dd', { class: options.mono ? 'mono' : null, 'data-field': label });
  if (value instanceof Node || Array.isArray(value)) dd.append(...[value].flat());
  else dd.textContent = String(value);
  return [h('dt', { text: label }), dd];
}

function renderDetail(detail) {
  const task = detail.task;
  const payload = task.payload && typeof task.payload === 'object' ? task.payload : {};
  $('drawer-title').textContent = task.subject || task.kind || 'Untitled';
  $('drawer').dataset.status = task.status;
  const attempts = detail.attempts ?? [];
  const latest = attempts[attempts.length - 1];
  const adapter = task.adapter ?? latest?.adapter_id ?? null;
  const adapterText = adapter && task.requested_adapter && task.requested_adapter !== adapter
    ? `${adapter} (requested ${task.requested_adapter})`
    : adapter ?? task.requested_adapter;
  const parent = payload.parent_id ? taskLink(payload.parent_id, `#${short(payload.parent_id)}`) : null;

  $('drawer-fields').replaceChildren(
    ...field('ID', task.task_id, { mono: true }),
    ...field('Status', task.status?.replaceAll('_', ' ')),
    ...field('Kind', task.kind),
    ...field('Source', task.source, { mono: true }),
    ...field('Priority', task.priority),
    ...field('Attempts', `${task.attempt_count ?? 0} / ${task.max_attempts ?? '?'}`),
    ...field('Profile', task.requested_profile),
    ...field('Adapter', adapterText),
    ...field('Started', task.started_at, { mono: true }),
    ...field('Finished', task.finished_at, { mono: true }),
    ...field('Created', task.created_at, { mono: true }),
    ...field('Updated', task.updated_at, { mono: true }),
    ...field('Last Error', task.last_error, { fallback: '(none)' }),
    ...field('Operator Summary', task.operator_summary ? linkify(task.operator_summary) : null),
    ...field('Parent', parent, { fallback: '(none)' }),
    ...field('Skill Refs', Array.isArray(payload.skill_refs) ? payload.skill_refs.join(', ') : null),
    ...field('Artifacts', (task.artifact_paths ?? []).map((p) => h('div', {}, fileButton(p, p)))),
  );

  const children = state.tasks.filter((t) => t.payload?.parent_id === task.task_id);
  const doneCount = children.filter((t) => t.status === 'completed').length;
  const runningCount = children.filter((t) => t.status === 'running').length;
  $('drawer-children').textContent = children.length === 0
    ? 'no children'
    : `${plural(children.length, 'child', 'children')}: ${doneCount} done, ${runningCount} running, ${children.length - doneCount - runningCount} other`;

  renderCancel(task, latest);
  if (state.cancelPending === task.task_id && task.status !== 'running') {
    state.cancelPending = null;
    setDrawerStatus(`ended ${task.status.replaceAll('_', ' ')}`);
  }
  if (detail.attempts !== null) renderAttempts(attempts);
}

function renderCancel(task, latest) {
  const button = $('cancel-button');
  button.hidden = !CANCELABLE.has(task.status);
  const requested = task.status === 'running' && latest?.cancel_requested;
  button.disabled = Boolean(requested);
  button.textContent = requested ? 'Cancel requested' : 'Cancel';
}

async function cancelSelected() {
  const id = state.selectedId;
  if (!id) return;
  const button = $('cancel-button');
  button.disabled = true;
  setDrawerStatus('canceling…');
  try {
    const { status, body } = await api(`/api/tasks/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: { reason: 'operator UI cancel' } });
    if (status === 202 || body?.cancel_requested) {
      state.cancelPending = id;
      button.textContent = 'Cancel requested';
      setDrawerStatus('cancel requested: waiting for the attempt to stop');
    } else {
      setDrawerStatus(`canceled (${(body?.status ?? 'operator_canceled').replaceAll('_', ' ')})`);
    }
    await settle(loadState, loadTasks);
    await refreshDetail();
  } catch (error) {
    button.disabled = false;
    setDrawerStatus(`Error: ${error.message}`, true);
  }
}

function setDrawerStatus(text, error = false) {
  const node = $('drawer-status');
  node.textContent = text;
  node.classList.toggle('error', error);
}

function renderAttempts(attempts) {
  const container = $('attempts');
  if (attempts.length === 0) {
    container.replaceChildren(h('p', { class: 'empty', text: 'No attempts yet' }));
    stopLiveOutput();
    return;
  }
  const running = attempts.find((a) => a.status === 'running');
  // The live panes persist across re-renders of the same attempt, so what was read is not read again.
  const keep = live && running && live.attemptId === running.attempt_id ? live.element : null;
  container.replaceChildren(...attempts.map((a, i) => attemptView(a, i + 1, a === running ? keep : null)));
  if (running) startLiveOutput(running.attempt_id, container.querySelector(`[data-attempt-id="${CSS.escape(running.attempt_id)}"] .live`));
  else stopLiveOutput();
}

function attemptView(attempt, number, keepLive) {
  const running = attempt.status === 'running';
  const audit = attempt.audit ?? {};
  const bundle = attempt.bundle;
  const files = [
    ['invocation', audit.invocation], ['stdout', audit.stdout], ['stderr', audit.stderr],
    ['last message', audit.last_message], ['result', audit.result],
  ].filter(([, path]) => path);
  return h('div', { class: 'attempt', 'data-testid': 'attempt', 'data-attempt-id': attempt.attempt_id, 'data-status': attempt.status },
    h('div', { class: 'attempt-head' },
      h('span', { class: `dot ${attemptDot(attempt)}`, 'aria-hidden': 'true' }),
      h('strong', { text: `Attempt ${number}` }),
      h('span', { 'data-testid': 'attempt-adapter', text: attempt.adapter_id ?? '' }),
      h('span', { 'data-testid': 'attempt-status', text: attempt.status ?? '' }),
      attempt.cancel_requested ? h('span', { class: 'badge', 'data-testid': 'attempt-cancel-requested', text: 'cancel requested' }) : null),
    h('dl', { class: 'fields' },
      ...field('Attempt', attempt.attempt_id, { mono: true }),
      ...field('Exit status', attempt.exit_status),
      ...field('Retry class', attempt.retry_class),
      ...field('Duration', running ? `running since ${ago(attempt.started_at)}` : duration(attempt.duration_ms)),
      ...field('Started', attempt.started_at, { mono: true }),
      ...field('Finished', attempt.finished_at, { mono: true }),
      ...field('Bundle', bundle ? `${bundle.bundle_id ?? ''}` : null, { mono: true }),
      ...field('SHA-256', bundle?.sha256, { mono: true })),
    attempt.diagnostics ? h('details', { class: 'diagnostics' },
      h('summary', { text: 'Diagnostics' }),
      h('pre', { class: 'diag', 'data-testid': 'attempt-diagnostics', text: JSON.stringify(attempt.diagnostics, null, 2) })) : null,
    h('div', { class: 'files', 'data-testid': 'attempt-files' },
      bundle?.prompt_path ? fileButton(bundle.prompt_path, 'prompt') : null,
      bundle?.json_path ? fileButton(bundle.json_path, 'bundle') : null,
      ...files.map(([label, path]) => fileButton(path, label))),
    running ? (keepLive ?? liveView(attempt.attempt_id)) : null);
}

function attemptDot(attempt) {
  if (attempt.status === 'running') return 'running';
  if (attempt.exit_status === 'ok') return 'completed';
  return attempt.exit_status === 'timeout' ? 'retryable_failure' : 'blocked';
}

function fileButton(path, label) {
  return h('button', { type: 'button', class: 'btn small', 'data-testid': 'file-button', 'data-file': label, 'data-path': path, text: label, onclick: () => openArtifact(path, label) });
}

async function openArtifact(path, label) {
  const viewer = $('artifact-viewer');
  viewer.hidden = false;
  $('artifact-title').textContent = `${label}: ${path}`;
  const content = $('artifact-content');
  content.textContent = 'loading…';
  try {
    const { body } = await api(`/api/artifact?path=${encodeURIComponent(path)}`);
    content.textContent = body.content ?? '';
  } catch (error) {
    content.textContent = `Error: ${error.message}`;
  }
  viewer.scrollIntoView({ block: 'nearest' });
}

// Live output of the running attempt: poll each channel from the byte offset read so far and append.
let live = null;

function liveView(attemptId) {
  return h('div', { class: 'live', 'data-testid': 'live-output', 'data-attempt-id': attemptId },
    h('div', { class: 'live-head' }, h('span', { class: 'dot running', 'aria-hidden': 'true' }), h('span', { text: 'live output' })),
    h('pre', { class: 'stdout', 'data-testid': 'live-stdout', tabindex: '0', 'aria-label': 'Live standard output' }),
    h('pre', { class: 'stderr', 'data-testid': 'live-stderr', tabindex: '0', 'aria-label': 'Live standard error', hidden: true }));
}

function startLiveOutput(attemptId, element) {
  if (live && live.attemptId === attemptId) return;
  stopLiveOutput();
  if (!element) return;
  live = { attemptId, element, offsets: { stdout: 0, stderr: 0 }, timer: null, stopped: false };
  const session = live;
  const tick = async () => {
    if (session.stopped) return;
    let stillRunning = false;
    for (const channel of ['stdout', 'stderr']) {
      try {
        const { body } = await api(`/api/attempts/${encodeURIComponent(attemptId)}/output?channel=${channel}&offset=${session.offsets[channel]}`);
        if (session.stopped) return;
        appendOutput(session.element.querySelector(`.${channel}`), body.content ?? '');
        session.offsets[channel] = body.next_offset ?? session.offsets[channel];
        if (body.running || (body.next_offset ?? 0) < (body.size ?? 0)) stillRunning = true;
      } catch {
        stillRunning = true;
      }
    }
    if (stillRunning) session.timer = setTimeout(tick, OUTPUT_POLL_MS);
    else scheduleRefresh('detail', 'tasks', 'state');
  };
  tick();
}

function appendOutput(pre, text) {
  if (!text) return;
  const atBottom = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
  pre.hidden = false;
  pre.append(document.createTextNode(text));
  if (atBottom) pre.scrollTop = pre.scrollHeight;
}

function stopLiveOutput() {
  if (!live) return;
  live.stopped = true;
  clearTimeout(live.timer);
  live = null;
}

// ---------- Reply bar ----------

function parseSkills(message) {
  return [...new Set([...message.matchAll(SKILL_REF)].map((m) => m[1].trim()))];
}

function setReplyParent(id) {
  state.replyParent = id;
  $('reply-context').hidden = !id;
  $('reply-parent').textContent = id ? `replying to #${short(id)}` : '';
}

function replyToSelected() {
  const id = state.selectedId;
  if (!id) return;
  setReplyParent(id);
  const input = $('reply-input');
  input.value = `[re: ${short(id)}] `;
  closeDrawer();
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  growInput();
}

async function sendReply() {
  const input = $('reply-input');
  const message = input.value.trim();
  if (!message) return;
  const body = { message };
  const skills = parseSkills(message);
  if (skills.length > 0) body.skill_refs = skills;
  if (state.replyParent) {
    const prefix = `[re: ${short(state.replyParent)}]`;
    const text = message.startsWith(prefix) ? message.slice(prefix.length).trim() : message;
    body.parent_id = state.replyParent;
    body.subject = `${prefix} ${text.slice(0, 120)}`;
  }
  const send = $('reply-send');
  send.disabled = true;
  try {
    const { body: result } = await api('/api/tasks/queue', { method: 'POST', body });
    input.value = '';
    growInput();
    setReplyParent(null);
    showReplyStatus(`queued #${short(result.task_id)}`, false, result.task_id);
    await settle(loadState, loadTasks, loadEvents);
  } catch (error) {
    showReplyStatus(`Error: ${error.message}`, true);
  } finally {
    send.disabled = false;
  }
}

function showReplyStatus(text, error, taskId) {
  const node = $('reply-status');
  node.textContent = text;
  node.className = `reply-status ${error ? 'error' : 'ok'}`;
  if (taskId) node.dataset.taskId = taskId;
  else delete node.dataset.taskId;
}

function growInput() {
  const input = $('reply-input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(120, input.scrollHeight)}px`;
}

// ---------- Search and filters ----------

let searchTimer = null;

function toggleSearch(open) {
  const bar = $('search-bar');
  const show = open ?? bar.hidden;
  bar.hidden = !show;
  $('search-toggle').setAttribute('aria-expanded', String(show));
  if (show) {
    $('search-input').focus();
  } else {
    $('search-input').value = '';
    state.query = '';
    renderTasks(true);
  }
}

function setFilter(filter) {
  state.filter = filter;
  for (const tab of document.querySelectorAll('.tab')) {
    tab.setAttribute('aria-selected', String(tab.dataset.filter === filter));
  }
  renderTasks(true);
}

// ---------- Wiring ----------

function wire() {
  $('pause-toggle').addEventListener('click', togglePause);
  $('search-toggle').addEventListener('click', () => toggleSearch());
  $('search-input').addEventListener('input', (event) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.query = event.target.value.trim().toLowerCase();
      renderTasks(true);
    }, 200);
  });
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => setFilter(tab.dataset.filter));
  $('search-bar').querySelector('.tabs').addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const tabs = [...document.querySelectorAll('.tab')];
    const index = tabs.indexOf(document.activeElement);
    if (index < 0) return;
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    setFilter(next.dataset.filter);
  });
  for (const header of document.querySelectorAll('.section-header')) {
    header.addEventListener('click', () => {
      const expanded = header.getAttribute('aria-expanded') === 'true';
      header.setAttribute('aria-expanded', String(!expanded));
      document.getElementById(header.getAttribute('aria-controls')).hidden = expanded;
    });
  }
  $('drawer-close').addEventListener('click', closeDrawer);
  $('drawer-backdrop').addEventListener('click', closeDrawer);
  $('cancel-button').addEventListener('click', cancelSelected);
  $('reply-button').addEventListener('click', replyToSelected);
  $('artifact-close').addEventListener('click', () => { $('artifact-viewer').hidden = true; });
  $('reply-clear').addEventListener('click', () => setReplyParent(null));
  $('reply-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sendReply();
  });
  $('reply-input').addEventListener('input', growInput);
  $('reply-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendReply();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('drawer').hidden) {
      event.preventDefault();
      closeDrawer();
      return;
    }
    if (event.key === 'Tab' && !$('drawer').hidden) {
      trapFocus(event);
      return;
    }
    const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, [contenteditable="true"]');
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      toggleSearch(true);
    }
  });
}

// The drawer is modal: Tab and Shift+Tab cycle through its controls instead of the page behind it.
function trapFocus(event) {
  const focusable = [...$('drawer').querySelectorAll('button, [href], [tabindex]:not([tabindex="-1"]), summary')]
    .filter((node) => !node.disabled && !node.closest('[hidden]') && node.offsetParent !== null);
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const inside = $('drawer').contains(document.activeElement);
  if (event.shiftKey && (document.activeElement === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}

async function start() {
  token();
  wire();
  setConnection('polling');
  await refreshAll();
  connectStream();
  setInterval(heartbeat, HEARTBEAT_MS);
  // Relative times ("12s ago") age even when nothing else changes.
  setInterval(() => {
    renderLastEvent();
    renderEvents();
    renderTasks(true);
    renderSchedules();
  }, 15000);
  document.documentElement.dataset.ready = 'true';
}

start();
