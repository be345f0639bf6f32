// The jobs table: filters (status and host by the API, name on the page shown), paging with the
// API's limit and offset, refreshed every few seconds.

import { badge, el, jobLink, replace, table } from "./dom.js";
import { getJson } from "./api.js";
import { time } from "./format.js";
import { every, REFRESH_MS } from "./page-tools.js";

export const PAGE_SIZE = 25;

export const STATUSES = [
  "waiting", "queued", "dispatched", "running", "stop_requested",
  "stopped", "finished", "failed", "canceled",
];

/** A GET /jobs item flattened: its job_meta, then its job_info, then its own fields on top. */
function listed(item) {
  return { ...(item.job_meta || {}), ...(item.job_info || {}), ...item };
}

/** The host a job is on or bound for. */
export function hostOf(job) {
  return job.worker_id || job.target_host || job.preferred_host || job.require_host || "";
}

export function renderJobs(container, route) {
  const q = route.query;
  const offset = Math.max(0, parseInt(q.get("offset") || "0", 10) || 0);
  const status = el("select", { name: "status" }, el("option", { value: "" }, "any"),
    STATUSES.map((s) => el("option", { value: s, selected: q.get("status") === s }, s)));
  const host = el("input", { name: "host", value: q.get("host") || "", placeholder: "any" });
  const name = el("input", { name: "name", value: q.get("name") || "", placeholder: "any" });
  const filters = el("form", { class: "filters", on: { submit: apply } },
    el("label", {}, "Status", status), el("label", {}, "Host", host),
    el("label", {}, "Name contains", name), el("button", { type: "submit" }, "Filter"));
  const rows = el("div", { id: "jobs-table" });
  const pager = el("div", { class: "pager" });
  replace(container, el("h1", {}, "Jobs"), filters, rows, pager);

  function apply(event) {
    event.preventDefault();
    location.hash = "#/jobs?" + query({ status: status.value, host: host.value.trim(),
      name: name.value.trim(), offset: 0 });
  }

  async function refresh() {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
    if (q.get("status")) params.set("status", q.get("status"));
    if (q.get("host")) params.set("host", q.get("host"));
    const jobs = (await getJson("/jobs?" + params)).map(listed);
    const needle = (q.get("name") || "").toLowerCase();
    const shown = needle
      ? jobs.filter((j) => String(j.job_name || "").toLowerCase().includes(needle))
      : jobs;
    replace(rows, table(["Job", "Name", "Status", "Host", "Submitted", "By"],
      shown.map((j) => [jobLink(j.job_id), j.job_name || "", badge(j.status), hostOf(j),
        time(j.submitted_at), j.submitted_by || ""]),
      "No jobs"));
    rows.querySelector("tbody").dataset.offset = String(offset);
    replace(pager,
      offset > 0 ? el("a", { href: "#/jobs?" + query(withOffset(q, offset - PAGE_SIZE)) }, "← Earlier") : "",
      el("span", { class: "muted" }, "Jobs " + (offset + 1) + "–" + (offset + jobs.length) +
        ", oldest first"),
      jobs.length === PAGE_SIZE
        ? el("a", { href: "#/jobs?" + query(withOffset(q, offset + PAGE_SIZE)) }, "Later →")
        : "");
  }

  return every(REFRESH_MS, refresh);
}

function withOffset(q, offset) {
  return { status: q.get("status"), host: q.get("host"), name: q.get("name"),
    offset: Math.max(0, offset) };
}

function query(values) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v !== null && v !== undefined && v !== "") params.set(k, String(v));
  }
  return params.toString();
}
