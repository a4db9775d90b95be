// Task cards (now/done), workflow cards, events, schedules and sensor events.

import { EVENT_LIMIT, FILTERS, FLASH_MS, TASK_LIMIT, TASK_REF, TERMINAL_DONE, state } from './state.js';
import { $, activatable, ago, h, plural, short, span, until } from './dom.js';
import { openTask, openTaskRef } from './drawer.js';

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

export function renderTasks(force = false) {
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

export function addEvents(events) {
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

export function renderEvents() {
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

export function renderSchedules() {
  const rows = state.schedules.map((s) => h('tr', { 'data-testid': 'schedule-row', 'data-schedule-name': s.name },
    h('td', { text: s.name }),
    h('td', { text: `every ${span(s.interval_seconds ?? 0)}` }),
    h('td', { title: s.next_run_at ?? '', text: s.enabled ? until(s.next_run_at) : '—' }),
    h('td', {}, h('span', { class: `badge ${s.enabled ? 'on' : 'off'}`, text: s.enabled ? 'enabled' : 'disabled' }))));
  $('schedules-list').replaceChildren(...rows);
  if (rows.length === 0) $('schedules-list').replaceChildren(h('tr', {}, h('td', { class: 'empty', colspan: '4', text: 'No schedules' })));
  $('schedules-count').textContent = plural(state.schedules.length, 'schedule', 'schedules');
}

export function renderSensorEvents() {
  const rows = state.sensorEvents.map((e) => h('tr', { 'data-testid': 'sensor-row' },
    h('td', { text: e.sensor_id }),
    h('td', { title: e.dedupe_key ?? '', text: e.event_id }),
    h('td', {}, e.task_id ? taskLink(e.task_id, `#${short(e.task_id)}`) : '—'),
    h('td', { title: e.created_at ?? '', text: ago(e.created_at) })));
  $('sensors-list').replaceChildren(...rows);
  if (rows.length === 0) $('sensors-list').replaceChildren(h('tr', {}, h('td', { class: 'empty', colspan: '4', text: 'No sensor events' })));
  $('sensors-count').textContent = plural(state.sensorEvents.length, 'event', 'events');
}

export function taskLink(id, label) {
  return h('button', { type: 'button', class: 'linkish', 'data-testid': 'task-link', 'data-ref': id, text: label, onclick: () => openTaskRef(id) });
}

// Text with "#<id>" references turned into links; everything stays text nodes.
export function linkify(text) {
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
