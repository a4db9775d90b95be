// The task drawer: fields, children, cancel and reply.

import { CANCELABLE, state } from './state.js';
import { $, field, h, plural, short } from './dom.js';
import { api } from './api.js';
import { linkify, taskLink } from './lists.js';
import { loadState, loadTasks, settle } from './store.js';
import { fileButton, renderAttempts } from './attempts.js';
import { stopLiveOutput } from './live.js';

let drawerReturnFocus = null;

export async function openTaskRef(ref) {
  const exact = state.tasks.find((t) => t.task_id === ref);
  const byPrefix = state.tasks.filter((t) => t.task_id.startsWith(ref));
  await openTask(exact ? exact.task_id : byPrefix.length === 1 ? byPrefix[0].task_id : ref);
}

export async function openTask(id) {
  if (!$('drawer').hidden && state.selectedId === id) return;
  // A link inside the open drawer replaces its task; focus returns to what opened the drawer first.
  if ($('drawer').hidden) drawerReturnFocus = document.activeElement;
  state.selectedId = id;
  state.detail = null;
  state.cancelPending = null;
  stopLiveOutput();
  $('drawer').hidden = false;
  $('drawer-backdrop').hidden = false;
  $('drawer').dataset.taskId = id;
  $('artifact-viewer').hidden = true;
  $('attempts').replaceChildren(h('p', { class: 'empty', text: 'loading…' }));
  setDrawerStatus('');
  const cached = state.tasks.find((t) => t.task_id === id);
  if (cached) renderDetail({ task: cached, attempts: null });
  else $('drawer-title').textContent = `#${short(id)}`;
  $('drawer-close').focus();
  await refreshDetail();
}

export function closeDrawer() {
  if ($('drawer').hidden) return;
  $('drawer').hidden = true;
  $('drawer-backdrop').hidden = true;
  state.selectedId = null;
  state.detail = null;
  stopLiveOutput();
  drawerReturnFocus?.focus?.();
}

export async function refreshDetail() {
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

export async function cancelSelected() {
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
