// A pipeline as an SVG graph: one column per depth (a node stands right of everything it depends
// on), each node a box with its key, status and a link to its job, edges as lines.

import { el, svg } from "./dom.js";

const BOX_W = 170;
const BOX_H = 48;
const GAP_X = 60;
const GAP_Y = 18;
const PAD = 12;

/** The SVG of the graph of GET /pipelines/{id} (its nodes and edges). */
export function pipelineGraph(pipeline) {
  const nodes = pipeline.nodes || [];
  const depth = depths(nodes);
  const columns = [];
  for (const n of nodes) (columns[depth.get(n.key)] ||= []).push(n);
  const place = new Map();
  columns.forEach((column, x) => column.forEach((n, y) => place.set(n.key, {
    x: PAD + x * (BOX_W + GAP_X), y: PAD + y * (BOX_H + GAP_Y) })));
  const width = PAD * 2 + columns.length * BOX_W + Math.max(0, columns.length - 1) * GAP_X;
  const height = PAD * 2 + Math.max(1, ...columns.map((c) => c.length)) * (BOX_H + GAP_Y) - GAP_Y;

  const lines = (pipeline.edges || []).filter((e) => place.has(e.from) && place.has(e.to))
    .map((e) => {
      const a = place.get(e.from);
      const b = place.get(e.to);
      return svg("line", { x1: a.x + BOX_W, y1: a.y + BOX_H / 2, x2: b.x, y2: b.y + BOX_H / 2 });
    });
  const boxes = nodes.map((n) => {
    const p = place.get(n.key);
    const status = /^[a-z_]+$/.test(String(n.status)) ? String(n.status) : "unknown";
    return svg("g", { class: "node " + status, "data-key": n.key },
      svg("rect", { x: p.x, y: p.y, width: BOX_W, height: BOX_H, rx: 6 }),
      svg("text", { x: p.x + 8, y: p.y + 18 }, n.key),
      n.job_id
        ? svg("a", { href: "#/jobs/" + encodeURIComponent(n.job_id) },
          svg("text", { x: p.x + 8, y: p.y + 36, class: "job" }, status))
        : svg("text", { x: p.x + 8, y: p.y + 36 }, status));
  });
  return el("div", {}, svg("svg", { class: "pipeline", width, height,
    viewBox: "0 0 " + width + " " + height, role: "img" }, lines, boxes));
}

/** Each key's depth: 0 without dependencies, else one more than its deepest dependency. */
function depths(nodes) {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const depth = new Map();
  const visiting = new Set();
  const of = (key) => {
    if (depth.has(key)) return depth.get(key);
    if (visiting.has(key) || !byKey.has(key)) return 0;
    visiting.add(key);
    const deps = byKey.get(key).depends_on || [];
    const d = deps.length ? 1 + Math.max(...deps.map(of)) : 0;
    visiting.delete(key);
    depth.set(key, d);
    return d;
  };
  nodes.forEach((n) => of(n.key));
  return depth;
}
