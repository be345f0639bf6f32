// The submit form: a config picked from configs/ (the configs API) or written here as YAML, which is
// saved under its file name first (the API takes YAML only as a saved config); then the job is
// submitted with that config, an optional name, host and image tag.

import { el, replace } from "./dom.js";
import { getJson, ok, optionalJson, postJson } from "./api.js";
import { failed, notice } from "./page-tools.js";

const NEW = "";

export function renderSubmit(container) {
  const picker = el("select", { name: "config", id: "config-picker", on: { change: pick } },
    el("option", { value: NEW }, "(a new config, written below)"));
  const fileName = el("input", { name: "file_name", id: "config-name", placeholder: "my-run.yaml",
    required: true });
  const yaml = el("textarea", { name: "yaml", id: "config-yaml", spellcheck: "false",
    placeholder: "experiment:\n  name: Demo\n  run_name: Run1\n" });
  const jobName = el("input", { name: "job_name", id: "job-name", placeholder: "(from the config)" });
  const host = el("select", { name: "target_host", id: "target-host" },
    el("option", { value: "" }, "any host"));
  const imageSlot = el("span", {});
  let imageTag = el("input", { name: "image_tag", id: "image-tag", placeholder: "(default)" });
  replace(imageSlot, imageTag);
  const form = el("form", { class: "submit", id: "submit-form", on: { submit: submit } },
    el("label", {}, "Saved config", picker),
    el("label", {}, "Config file name (in configs/)", fileName),
    el("label", {}, "Config (YAML)", yaml),
    el("label", {}, "Job name", jobName),
    el("label", {}, "Host", host),
    el("label", {}, "Image tag", imageSlot),
    el("button", { type: "submit", id: "submit-job" }, "Submit job"));
  replace(container, el("h1", {}, "Submit a job"), form);

  const loaded = new Map();

  (async () => {
    try {
      const [configs, hosts] = await Promise.all([
        getJson("/experiment-configs"),
        getJson("/hosts"),
      ]);
      picker.append(...configs.map((c) => el("option", { value: c }, c)));
      host.append(...(hosts.available_hosts || []).map((h) => el("option", { value: h }, h)));
    } catch (e) {
      failed(e);
    }
  })();

  // The image tags come from the registry through the coordinator, which may be slow or out of
  // reach (a 502): the form never waits for them, and keeps its text box when there are none.
  (async () => {
    let versions = null;
    try {
      versions = await optionalJson("/job-images/versions");
    } catch (e) {
      return;
    }
    const tags = imageTags(versions);
    if (tags.length && imageTag.value === "") {
      imageTag = el("select", { name: "image_tag", id: "image-tag" },
        el("option", { value: "" }, "(default)"), tags.map((t) => el("option", { value: t }, t)));
      replace(imageSlot, imageTag);
    }
  })();

  async function pick() {
    if (picker.value === NEW) {
      fileName.value = "";
      yaml.value = "";
      return;
    }
    try {
      const name = picker.value;
      const text = await (await ok("/experiment-config/" + encodeURIComponent(name))).text();
      loaded.set(name, text);
      fileName.value = name;
      yaml.value = text;
    } catch (e) {
      failed(e);
    }
  }

  async function submit(event) {
    event.preventDefault();
    const name = fileName.value.trim();
    try {
      // A new name is created; a saved config whose text was changed here is replaced.
      const saved = [...picker.options].some((o) => o.value !== NEW && o.value === name);
      if (!saved) {
        await postJson("/experiment-config/create", { file_name: name, yaml_content: yaml.value });
        picker.append(el("option", { value: name }, name));
      } else if (loaded.get(name) !== yaml.value) {
        await ok("/experiment-config/" + encodeURIComponent(name), {
          method: "PUT", json: { yaml_content: yaml.value } });
      }
      loaded.set(name, yaml.value);
      const body = { config_path: name };
      if (jobName.value.trim()) body.job_name = jobName.value.trim();
      if (host.value) body.target_host = host.value;
      if (imageTag.value.trim()) body.image_tag = imageTag.value.trim();
      const answer = await postJson("/run-simulation", body);
      location.hash = "#/jobs/" + encodeURIComponent(answer.job_id);
      notice("Submitted " + answer.job_id + " (" + answer.status + ")");
    } catch (e) {
      failed(e);
    }
  }
}

/** The tag names of a GET /job-images/versions answer ({tags: [{name, ...}]}), newest first. */
export function imageTags(answer) {
  const list = (answer && Array.isArray(answer.tags)) ? answer.tags : [];
  return list.map((t) => t && t.name).filter((name) => typeof name === "string" && name);
}
