// What every page uses: the notice line, error display and periodic refresh.

import { replace } from "./dom.js";
import { ApiError } from "./api.js";

/** A line above the page: an error (red) or a plain message; null hides it. */
export function notice(message, isError = false) {
  const line = document.getElementById("notice");
  line.hidden = !message;
  line.classList.toggle("error", isError);
  replace(line, message || "");
}

/** Shows what went wrong with an action or a refresh; a 401 already switched to the sign-in form. */
export function failed(error) {
  if (error instanceof ApiError && error.status === 401) return;
  if (error && error.name === "AbortError") return;
  notice(error instanceof Error ? error.message : String(error), true);
}

/** Calls fn now and every ms milliseconds (never two at once) until the returned stop is called. */
export function every(ms, fn) {
  let timer = null;
  let stopped = false;
  const run = async () => {
    try {
      await fn();
    } catch (e) {
      failed(e);
    }
    if (!stopped) timer = setTimeout(run, ms);
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** How often pages refresh what they show. */
export const REFRESH_MS = 2000;
