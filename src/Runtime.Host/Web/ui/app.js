// Operator UI for agent-runtime: a plain ES module, no build step, nothing fetched from outside the host.
// Every piece of server data reaches the page as text (see dom.js): never innerHTML.

import { HEARTBEAT_MS, state } from './state.js';
import { $ } from './dom.js';
import { token } from './api.js';
import { renderLastEvent, setConnection, togglePause } from './dashboard.js';
import { renderEvents, renderSchedules, renderTasks } from './lists.js';
import { refreshAll } from './store.js';
import { connectStream, heartbeat } from './stream.js';
import { cancelSelected, closeDrawer } from './drawer.js';
import { growInput, replyToSelected, sendReply, setReplyParent } from './reply.js';

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
    if (event.key === '/' && !typing && $('drawer').hidden && !event.ctrlKey && !event.metaKey && !event.altKey) {
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
