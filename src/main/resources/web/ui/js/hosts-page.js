// The hosts: online or not (from heartbeats within the coordinator's TTL), slots in use, the last
// heartbeat and what runs there; refreshed every few seconds.

import { badge, el, jobLink, replace, table } from "./dom.js";
import { getJson } from "./api.js";
import { time } from "./format.js";
import { every, REFRESH_MS } from "./page-tools.js";

export function renderHosts(container) {
  const rows = el("div", { id: "hosts-table" });
  replace(container, el("h1", {}, "Hosts"), rows);

  async function refresh() {
    const answer = await getJson("/hosts");
    const hosts = Object.entries(answer.hosts || {});
    replace(rows, table(["Host", "State", "Slots in use", "Last heartbeat", "Jobs", "Agent"],
      hosts.map(([name, h]) => {
        const info = h.info || {};
        const used = info.active_job_count ?? h.running ?? 0;
        return [
          el("span", { class: "host-name" }, name),
          el("span", { "data-host": name, class: "host-state" }, badge(h.online ? "online" : "offline")),
          info.max_active_jobs ? used + " / " + info.max_active_jobs : String(used),
          h.last_seen ? time(h.last_seen) : "never",
          (h.active_job_ids || []).flatMap((id, i) => (i ? [", ", jobLink(id)] : [jobLink(id)])),
          [info.executor, info.worker_version].filter(Boolean).join(" "),
        ];
      }), "No hosts configured"));
  }

  return every(REFRESH_MS, refresh);
}
