// How times and values are shown.

/** Epoch seconds (as the API gives them) as a local date and time, or "" for none. */
export function time(epochSeconds) {
  if (epochSeconds === null || epochSeconds === undefined || epochSeconds === "") return "";
  const n = Number(epochSeconds);
  if (!Number.isFinite(n)) return String(epochSeconds);
  return new Date(n * 1000).toLocaleString(undefined, { hour12: false });
}

/** Any JSON value as readable text. */
export function json(value) {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}
