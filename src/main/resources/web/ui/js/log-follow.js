// Following a job's log: GET /logs/{id}?follow=true, read as it streams (fetch's body reader).
// The coordinator keeps the answer open until the job ends; a broken stream is resumed at the
// byte it stopped (X-Log-Start-Offset + bytes received).

import { ApiError, ok } from "./api.js";

const RESUMES = 3;

/**
 * Appends the log of jobId to pre as it comes; says what happens through onState(text).
 * Returns a function that stops following.
 */
export function followLog(jobId, pre, onState) {
  const controller = new AbortController();
  let start = null;
  let received = 0;

  async function once() {
    const from = start === null ? "" : "&offset=" + (start + received);
    const response = await ok("/logs/" + encodeURIComponent(jobId) + "?follow=true" + from,
      { signal: controller.signal });
    if (start === null) start = Number(response.headers.get("X-Log-Start-Offset") || "0");
    // A first line of the coordinator's (waiting for the job to start) is shown but is not
    // part of the log: its bytes do not count toward the offset to resume at.
    received -= Number(response.headers.get("X-Log-Notice-Bytes") || "0");
    onState("following");
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
      const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      pre.append(decoder.decode(value, { stream: true }));
      if (atBottom) pre.scrollTop = pre.scrollHeight;
    }
    pre.append(decoder.decode());
  }

  (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await once();
        onState("complete");
        return;
      } catch (e) {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError) {
          onState(e.status === 404 ? "no log" : "not available: " + e.message);
          return;
        }
        if (attempt >= RESUMES) {
          onState("interrupted: " + e.message);
          return;
        }
      }
    }
  })();
  return () => controller.abort();
}
