// Shared constants and the one state object every module reads and updates.

export const TOKEN_KEY = 'agent-runtime.token';
export const TASK_LIMIT = 100;
export const EVENT_LIMIT = 50;
export const HEARTBEAT_MS = 5000;
export const POLL_MS = 3000;
export const OUTPUT_POLL_MS = 1000;
export const FLASH_MS = 1300;
export const TERMINAL_DONE = new Set(['completed', 'operator_canceled']);
export const CANCELABLE = new Set(['pending', 'retryable_failure', 'blocked', 'running']);
export const FILTERS = {
  all: () => true,
  running: (t) => t.status === 'running',
  queued: (t) => t.status === 'pending',
  blocked: (t) => t.status === 'blocked' || t.status === 'retryable_failure',
  done: (t) => TERMINAL_DONE.has(t.status),
};
// A reference to a task in free text: "#" then an id of any form (UUID, prefix, digits, slug); a
// trailing full stop or colon is punctuation, not part of the id.
export const TASK_REF = /#([A-Za-z0-9][A-Za-z0-9._:-]*[A-Za-z0-9])/g;
export const SKILL_REF = /(?:^|\s)\/([A-Za-z][\w-]*)/g;

export const state = {
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
