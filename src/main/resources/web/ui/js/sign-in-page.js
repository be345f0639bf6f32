// The sign-in form: shown whenever the API answers 401. The name and password are checked with a
// read the least role may make, then kept for this tab (credentials.js).

import { el, replace } from "./dom.js";
import { forget, remember } from "./credentials.js";
import { send } from "./api.js";
import { notice } from "./page-tools.js";

export function renderSignIn(container, onSignedIn) {
  const name = el("input", { name: "user", autocomplete: "username", required: true });
  const password = el("input", {
    name: "password", type: "password", autocomplete: "current-password", required: true,
  });
  const message = el("p", { class: "muted", id: "sign-in-message" },
    "The coordinator asks for a user name and password (see docs/security.md).");
  const form = el("form", { class: "login", on: { submit: signIn } },
    el("label", {}, "User", name),
    el("label", {}, "Password", password),
    el("button", { type: "submit" }, "Sign in"),
    message);

  async function signIn(event) {
    event.preventDefault();
    remember(name.value, password.value);
    const response = await send("/jobs?limit=1");
    if (response.ok) {
      notice(null);
      onSignedIn();
      return;
    }
    forget();
    let detail = "HTTP " + response.status;
    try {
      detail = (await response.json()).detail || detail;
    } catch (e) {
      // keep the status line
    }
    replace(message, "Not signed in: " + detail);
  }

  replace(container, el("h1", {}, "Sign in"), form);
  name.focus();
}
