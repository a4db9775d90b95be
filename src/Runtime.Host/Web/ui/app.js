// Placeholder operator page: shows the runtime state and the latest tasks.
const state = await (await fetch("/api/state")).json();
document.getElementById("runtime-state").textContent = `${state.runtime_name}: ${state.runtime_state}`;
const { tasks } = await (await fetch("/api/tasks?limit=50")).json();
document.getElementById("tasks").textContent = tasks.map((t) => `${t.status} ${t.subject ?? t.kind}`).join("\n");
