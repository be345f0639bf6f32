// The console's one way to the coordinator: the public HTTP API, with the signed-in user's
// credentials sent explicitly. credentials: "omit" keeps the browser from answering a 401 with its
// own sign-in prompt (the console shows its sign-in form instead) and from sending cookies.

import { authorization } from "./credentials.js";

/** A refused request: status, the API's detail sentence, and the path. */
export class ApiError extends Error {
  constructor(status, detail, path) {
    super(detail ? detail + " (HTTP " + status + ")" : "HTTP " + status + " for " + path);
    this.status = status;
    this.detail = detail;
    this.path = path;
  }
}

/** Raw fetch of an API path; the Response, whatever its status. */
export function send(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const auth = authorization();
  if (auth) headers.set("Authorization", auth);
  if (options.json !== undefined) {
    headers.set("Content-Type", "application/json");
  }
  return fetch(path, {
    method: options.method || "GET",
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    credentials: "omit",
    cache: "no-store",
    signal: options.signal,
  });
}

/** The response of path when it is a 2xx, else an ApiError carrying the API's detail. */
export async function ok(path, options) {
  const response = await send(path, options);
  if (!response.ok) {
    let detail = null;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (e) {
      detail = null;
    }
    const error = new ApiError(response.status, detail, path);
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent("opeva:sign-in-needed", { detail: error }));
    }
    throw error;
  }
  return response;
}

/** GET (or another method with options) returning the parsed JSON body. */
export async function getJson(path, options) {
  return (await ok(path, options)).json();
}

/** POST a JSON body (or none), returning the parsed JSON answer. */
export async function postJson(path, body, method = "POST") {
  return (await ok(path, { method, json: body === undefined ? {} : body })).json();
}

/** GET of a path that may not exist on this coordinator yet: null on 404. */
export async function optionalJson(path) {
  try {
    return await getJson(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
