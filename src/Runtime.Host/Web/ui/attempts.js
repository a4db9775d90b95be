// The attempt view: adapter, exit status, retry class, duration, diagnostics, bundle and audit files.

import { $, ago, duration, field, h } from './dom.js';
import { api } from './api.js';
import { keptLiveElement, liveView, startLiveOutput, stopLiveOutput } from './live.js';

export function renderAttempts(attempts) {
  const container = $('attempts');
  if (attempts.length === 0) {
    container.replaceChildren(h('p', { class: 'empty', text: 'No attempts yet' }));
    stopLiveOutput();
    return;
  }
  const running = attempts.find((a) => a.status === 'running');
  // The live panes persist across re-renders of the same attempt, so what was read is not read again.
  const keep = running ? keptLiveElement(running.attempt_id) : null;
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
  if (attempt.exit_status === 'canceled') return 'operator_canceled';
  return attempt.exit_status === 'timeout' ? 'retryable_failure' : 'blocked';
}

export function fileButton(path, label) {
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
