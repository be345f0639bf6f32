// The signed-in user's HTTP Basic credentials, kept for this browser tab only (sessionStorage).

const KEY = "opeva.console.basic";

export function authorization() {
  return sessionStorage.getItem(KEY);
}

export function user() {
  const value = authorization();
  if (!value) return null;
  try {
    const decoded = new TextDecoder().decode(
      Uint8Array.from(atob(value.slice("Basic ".length)), (c) => c.charCodeAt(0)));
    return decoded.slice(0, decoded.indexOf(":"));
  } catch (e) {
    return null;
  }
}

/** Remembers name and password as a Basic Authorization value (UTF-8, as the coordinator reads it). */
export function remember(name, password) {
  const bytes = new TextEncoder().encode(name + ":" + password);
  sessionStorage.setItem(KEY, "Basic " + btoa(String.fromCharCode(...bytes)));
}

export function forget() {
  sessionStorage.removeItem(KEY);
}
