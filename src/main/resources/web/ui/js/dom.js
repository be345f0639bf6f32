// Building the page from data: every value becomes a text node or an attribute, never markup.

/**
 * el("a", {href: "#/jobs", class: "x", on: {click: fn}}, "text", otherNode, [more, nodes])
 * Strings, numbers and booleans among the children become text nodes; null and undefined are left out.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

/** The same for SVG elements. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "on") {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (value === true) {
      node.setAttribute(name, "");
    } else if (value !== false && value !== null && value !== undefined) {
      node.setAttribute(name, String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A table with a header row; rows is a list of lists of cells (strings or nodes). */
export function table(headers, rows, emptyText) {
  const body = rows.length
    ? rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c))))
    : [el("tr", {}, el("td", { class: "empty", colspan: headers.length }, emptyText || "None"))];
  return el("table", {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, body));
}

/** A status badge; its class is the status name when it is a plain word. */
export function badge(status) {
  const text = status === null || status === undefined ? "unknown" : String(status);
  return el("span", { class: /^[a-z_]+$/.test(text) ? "status " + text : "status" }, text);
}

/** A link to a job's page. */
export function jobLink(id) {
  return id ? el("a", { href: "#/jobs/" + encodeURIComponent(id), class: "job-link" }, id) : "";
}

/** A definition list from [term, value] pairs, leaving out null values. */
export function facts(pairs) {
  return el("dl", { class: "facts" },
    pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}
