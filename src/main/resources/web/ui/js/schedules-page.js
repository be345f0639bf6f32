// Schedules with their next runs, paused or not, with pause and resume. A coordinator without the
// schedules API (a 404 for /schedules) gets a sentence saying so.

import { badge, el, jobLink, replace, table } from "./dom.js";
import { optionalJson, postJson } from "./api.js";
import { time } from "./format.js";
import { every, failed, REFRESH_MS } from "./page-tools.js";

export function renderSchedules(container) {
  const rows = el("div", { id: "schedules-table" });
  replace(container, el("h1", {}, "Schedules"), rows);

  async function refresh() {
    const answer = await optionalJson("/schedules?limit=100");
    if (answer === null) {
      replace(rows, el("p", { class: "muted", id: "no-schedules" },
        "This coordinator has no schedules API."));
      return;
    }
    replace(rows, table(["Name", "Cron", "Zone", "State", "Next run", "Last run", "Latest", ""],
      (answer.schedules || []).map((s) => {
        const latest = s.last_run || (s.runs && s.runs[0]) || null;
        return [
          s.name || s.schedule_id,
          el("code", {}, s.cron || ""),
          s.timezone || "UTC",
          badge(s.enabled === false ? "paused" : "active"),
          s.enabled === false ? "" : s.next_run_local || time(s.next_run_at),
          time(s.last_run_at),
          latest ? [latest.job_id ? jobLink(latest.job_id) : latest.pipeline_id || "", " ",
            latest.status ? badge(latest.status) : ""] : "",
          el("button", { type: "button", on: { click: () => toggle(s) } },
            s.enabled === false ? "Resume" : "Pause"),
        ];
      }), "No schedules"));
  }

  async function toggle(s) {
    try {
      await postJson("/schedules/" + encodeURIComponent(s.schedule_id) +
        (s.enabled === false ? "/resume" : "/pause"));
      await refresh();
    } catch (e) {
      failed(e);
    }
  }

  return every(REFRESH_MS, refresh);
}
