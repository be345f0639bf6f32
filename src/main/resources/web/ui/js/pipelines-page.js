// Pipelines: the list (newest first) and one pipeline's graph with its jobs.

import { badge, el, facts, jobLink, replace, table } from "./dom.js";
import { getJson } from "./api.js";
import { time } from "./format.js";
import { every, REFRESH_MS } from "./page-tools.js";
import { pipelineGraph } from "./pipeline-graph.js";

export function renderPipelines(container) {
  const rows = el("div", { id: "pipelines-table" });
  replace(container, el("h1", {}, "Pipelines"), rows);

  async function refresh() {
    const answer = await getJson("/pipelines?limit=100");
    replace(rows, table(["Pipeline", "Name", "Status", "Jobs", "Created", "By"],
      (answer.pipelines || []).map((p) => [
        el("a", { href: "#/pipelines/" + encodeURIComponent(p.pipeline_id) }, p.pipeline_id),
        p.name || "", badge(p.status), String(Object.keys(p.jobs || {}).length),
        time(p.created_at), p.submitted_by || ""]),
      "No pipelines"));
  }

  return every(REFRESH_MS, refresh);
}

export function renderPipeline(container, route) {
  const id = route.params[0];
  const about = el("div", {});
  const graph = el("div", { id: "pipeline-graph" });
  const jobs = el("div", {});
  replace(container, el("h1", {}, "Pipeline ", id), about, el("h2", {}, "Graph"), graph,
    el("h2", {}, "Jobs"), jobs);

  async function refresh() {
    const p = await getJson("/pipelines/" + encodeURIComponent(id));
    replace(about, facts([["Name", p.name], ["Status", badge(p.status)],
      ["Created", time(p.created_at)], ["By", p.submitted_by]]));
    replace(graph, pipelineGraph(p));
    replace(jobs, table(["Key", "Job", "Status", "Depends on", "Runs if"],
      (p.nodes || []).map((n) => [n.key, jobLink(n.job_id), badge(n.status),
        (n.depends_on || []).join(", "), n.run_if || ""])));
  }

  return every(REFRESH_MS, refresh);
}
