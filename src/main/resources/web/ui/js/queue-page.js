// The queue in dispatch order (GET /queue), each entry with the reasons of its why answer.

import { el, jobLink, replace, table } from "./dom.js";
import { getJson } from "./api.js";
import { time } from "./format.js";
import { every, REFRESH_MS } from "./page-tools.js";

/** Only the first entries get their reasons asked for (one request each). */
const WHY_LIMIT = 50;

export function renderQueue(container) {
  const rows = el("div", { id: "queue-table" });
  replace(container, el("h1", {}, "Queue"), el("p", { class: "muted" },
    "In the order the jobs are offered to workers; jobs waiting out a retry come last."), rows);

  async function refresh() {
    const answer = await getJson("/queue");
    const entries = Array.isArray(answer) ? answer : answer.entries || [];
    const whys = await Promise.all(entries.slice(0, WHY_LIMIT).map((e) =>
      getJson("/jobs/" + encodeURIComponent(e.job_id) + "/why").catch(() => null)));
    replace(rows, table(["#", "Job", "Host", "Priority", "Effective", "Queued", "Why not yet"],
      entries.map((e, i) => [
        e.position === undefined ? "" : String(e.position),
        jobLink(e.job_id),
        e.target_host || e.preferred_host || "any",
        e.priority === undefined ? "" : String(e.priority),
        e.effective_priority === undefined ? "" : String(e.effective_priority),
        time(e.enqueued_at || e.queued_at),
        reasons(whys[i]),
      ]), "The queue is empty"));
  }

  return every(REFRESH_MS, refresh);
}

function reasons(why) {
  if (!why) return "";
  const list = why.reasons || [];
  return list.length
    ? el("ul", { class: "reasons" }, list.map((r) => el("li", {}, el("code", {}, r.code), " ",
      r.message || "")))
    : "";
}
