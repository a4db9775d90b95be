// Live output of a running attempt: each channel polled from the byte offset read so far, appended.

import { OUTPUT_POLL_MS } from './state.js';
import { h } from './dom.js';
import { api } from './api.js';
import { scheduleRefresh } from './store.js';

let live = null;

export function liveView(attemptId) {
  return h('div', { class: 'live', 'data-testid': 'live-output', 'data-attempt-id': attemptId },
    h('div', { class: 'live-head' }, h('span', { class: 'dot running', 'aria-hidden': 'true' }), h('span', { text: 'live output' })),
    h('pre', { class: 'stdout', 'data-testid': 'live-stdout', tabindex: '0', 'aria-label': 'Live standard output' }),
    h('pre', { class: 'stderr', 'data-testid': 'live-stderr', tabindex: '0', 'aria-label': 'Live standard error', hidden: true }));
}

// The pane already showing this attempt's output, if any, so a re-render keeps what was read.
export function keptLiveElement(attemptId) {
  return live && live.attemptId === attemptId ? live.element : null;
}

export function startLiveOutput(attemptId, element) {
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

export function stopLiveOutput() {
  if (!live) return;
  live.stopped = true;
  clearTimeout(live.timer);
  live = null;
}
