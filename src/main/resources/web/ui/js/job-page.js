// One job: its status and facts, why it is not running, its attempts, progress and result, the
// live log, a bundle download, and stop / re-run.

import { badge, el, facts, jobLink, replace, table } from "./dom.js";
import { ApiError, getJson, ok, postJson } from "./api.js";
import { json, time } from "./format.js";
import { every, failed, notice, REFRESH_MS } from "./page-tools.js";
import { followLog } from "./log-follow.js";
import { hostOf } from "./jobs-page.js";

export const ENDED = ["finished", "failed", "stopped", "canceled"];

export function renderJob(container, route) {
  const id = route.params[0];
  const enc = encodeURIComponent(id);
  const status = el("span", { id: "job-status" });
  const stop = el("button", { type: "button", id: "stop-job", hidden: true, on: { click: stopJob } },
    "Stop");
  const rerun = el("button", { type: "button", id: "rerun-job", hidden: true,
    on: { click: rerunJob } }, "Re-run");
  const bundle = el("button", { type: "button", id: "download-bundle", on: { click: download } },
    "Download bundle (zip)");
  const about = el("div", { id: "job-facts" });
  const why = el("div", { id: "job-why" });
  const attempts = el("div", { id: "job-attempts" });
  const progress = el("pre", { class: "json", id: "job-progress" });
  const result = el("pre", { class: "json", id: "job-result" });
  const logState = el("span", { class: "muted", id: "log-state" }, "connecting");
  const log = el("pre", { class: "log", id: "job-log" });
  replace(container,
    el("h1", {}, "Job ", id, " ", status),
    el("div", { class: "actions" }, stop, rerun, bundle),
    about,
    el("h2", {}, "Why it is where it is"), why,
    el("h2", {}, "Log ", logState), log,
    el("h2", {}, "Attempts"), attempts,
    el("h2", {}, "Progress"), progress,
    el("h2", {}, "Result"), result);

  const stopLog = followLog(id, log, (state) => replace(logState, state));
  let ended = false;

  async function refresh() {
    const [info, reasons] = await Promise.all([
      getJson("/job-info/" + enc),
      getJson("/jobs/" + enc + "/why"),
    ]);
    const state = info.status;
    replace(status, badge(state));
    ended = ENDED.includes(state);
    stop.hidden = ended;
    rerun.hidden = !ended;
    replace(about, facts([
      ["Name", info.job_name],
      ["Host", hostOf(info)],
      ["Submitted", time(info.submitted_at) + (info.submitted_by ? " by " + info.submitted_by : "")],
      ["Started", time(info.started_at)],
      ["Ended", time(info.finished_at || info.ended_at)],
      ["Exit code", info.exit_code],
      ["Error", info.error],
      ["Image", info.image],
      ["Config", info.config_path],
      ["Pipeline", info.pipeline_id
        ? el("a", { href: "#/pipelines/" + encodeURIComponent(info.pipeline_id) }, info.pipeline_id)
        : null],
      ["Re-run of", info.rerun_of ? jobLink(info.rerun_of) : null],
    ]));
    replace(why, whyView(reasons));
    replace(attempts, table(["Attempt", "Worker", "Dispatched", "Started", "Ended", "Status",
      "Reason", "Exit code"],
    (info.history || []).map((a) => [String(a.attempt), a.worker_id || "", time(a.dispatched_at),
      time(a.started_at), time(a.ended_at), badge(a.status), a.reason || "",
      a.exit_code === null || a.exit_code === undefined ? "" : String(a.exit_code)]),
    "Not dispatched yet"));
    replace(progress, await shown("/progress/" + enc));
    replace(result, await shown("/result/" + enc));
  }

  async function stopJob() {
    try {
      const answer = await postJson("/stop/" + enc);
      notice(answer.message || "Stop asked");
    } catch (e) {
      failed(e);
    }
  }

  async function rerunJob() {
    try {
      const answer = await postJson("/jobs/" + enc + "/rerun");
      location.hash = "#/jobs/" + encodeURIComponent(answer.job_id);
    } catch (e) {
      failed(e);
    }
  }

  async function download() {
    try {
      const blob = await (await ok("/jobs/" + enc + "/bundle")).blob();
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: id + ".zip" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      failed(e);
    }
  }

  const stopRefresh = every(REFRESH_MS, refresh);
  return () => {
    stopRefresh();
    stopLog();
  };
}

/** A JSON document as text, or why it could not be read (it may not be written yet). */
async function shown(path) {
  try {
    return json(await getJson(path));
  } catch (e) {
    if (e instanceof ApiError && e.status !== 401) return e.message;
    throw e;
  }
}

/** The why answer: the reasons as sentences, and the queue place of a queued job. */
export function whyView(answer) {
  const reasons = answer.reasons || [];
  const place = answer.queue
    ? el("p", {}, "Queue position ", String(answer.queue.position), ", priority ",
      String(answer.queue.priority), " (effective ", String(answer.queue.effective_priority), ")")
    : null;
  if (!reasons.length) {
    return [el("p", { class: "muted" }, answer.running ? "Running." : "No reasons given."), place];
  }
  return [el("ul", { class: "reasons" },
    reasons.map((r) => el("li", {}, el("code", {}, r.code), " ", r.message || ""))), place];
}
