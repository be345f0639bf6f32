// The console's router: one page per hash route, each page a module with render(container, route).
// A page may return a function that ends what it started (refresh timers, a log stream).

import { el, replace } from "./dom.js";
import { forget, user } from "./credentials.js";
import { notice } from "./page-tools.js";
import { renderSignIn } from "./sign-in-page.js";
import { renderJobs } from "./jobs-page.js";
import { renderJob } from "./job-page.js";
import { renderSubmit } from "./submit-page.js";
import { renderHosts } from "./hosts-page.js";
import { renderQueue } from "./queue-page.js";
import { renderPipelines, renderPipeline } from "./pipelines-page.js";
import { renderSchedules } from "./schedules-page.js";

const ROUTES = [
  [/^jobs$/, "jobs", renderJobs],
  [/^jobs\/([^/]+)$/, "jobs", renderJob],
  [/^submit$/, "submit", renderSubmit],
  [/^hosts$/, "hosts", renderHosts],
  [/^queue$/, "queue", renderQueue],
  [/^pipelines$/, "pipelines", renderPipelines],
  [/^pipelines\/([^/]+)$/, "pipelines", renderPipeline],
  [/^schedules$/, "schedules", renderSchedules],
];

let stopPage = null;

/** The current route: its path segments after "#/" and its query parameters. */
function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [pathPart, queryPart] = hash.split("?", 2);
  return { path: pathPart || "jobs", query: new URLSearchParams(queryPart || "") };
}

function show() {
  if (stopPage) stopPage();
  stopPage = null;
  notice(null);
  const route = currentRoute();
  const container = document.getElementById("page");
  for (const [pattern, nav, render] of ROUTES) {
    const match = pattern.exec(route.path);
    if (match) {
      markNav(nav);
      const params = match.slice(1).map(decodeURIComponent);
      stopPage = render(container, { params, query: route.query }) || null;
      showUser();
      return;
    }
  }
  markNav(null);
  replace(container, el("h1", {}, "Not found"), el("p", {}, "No page at ", location.hash));
}

function markNav(page) {
  for (const link of document.querySelectorAll("#nav a")) {
    link.classList.toggle("current", link.dataset.page === page);
  }
}

function showUser() {
  const name = user();
  replace(document.getElementById("who"), name ? "Signed in as " + name : "");
  document.getElementById("sign-out").hidden = !name;
}

window.addEventListener("opeva:sign-in-needed", () => {
  if (document.querySelector("form.login")) return;
  if (stopPage) stopPage();
  stopPage = null;
  markNav(null);
  renderSignIn(document.getElementById("page"), () => show());
});

window.addEventListener("hashchange", show);
window.addEventListener("DOMContentLoaded", () => {
  document.getElementById("sign-out").addEventListener("click", () => {
    forget();
    showUser();
    window.dispatchEvent(new CustomEvent("opeva:sign-in-needed"));
  });
  show();
});
