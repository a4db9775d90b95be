// The reply bar: queues operator tasks, with /skill references and an optional parent.

import { SKILL_REF, state } from './state.js';
import { $, short } from './dom.js';
import { api } from './api.js';
import { loadEvents, loadState, loadTasks, settle } from './store.js';
import { closeDrawer } from './drawer.js';

function parseSkills(message) {
  return [...new Set([...message.matchAll(SKILL_REF)].map((m) => m[1].trim()))];
}

export function setReplyParent(id) {
  state.replyParent = id;
  $('reply-context').hidden = !id;
  $('reply-parent').textContent = id ? `replying to #${short(id)}` : '';
}

export function replyToSelected() {
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

export async function sendReply() {
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

export function showReplyStatus(text, error, taskId) {
  const node = $('reply-status');
  node.textContent = text;
  node.className = `reply-status ${error ? 'error' : 'ok'}`;
  if (taskId) node.dataset.taskId = taskId;
  else delete node.dataset.taskId;
}

export function growInput() {
  const input = $('reply-input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(120, input.scrollHeight)}px`;
}
