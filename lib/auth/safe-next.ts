/**
 * Where to send someone after sign-in or step-up: the one rule against open redirects. Only a path
 * on this site is followed; anything else becomes `fallback`.
 *
 * Browsers read `\` as `/` and drop tabs and newlines inside URLs, so "/\t/evil.example" or
 * "/\\evil.example" would become the protocol-relative "//evil.example" (another site) once
 * followed. Such characters are refused outright, and the value is then resolved against a
 * stand-in origin: it is kept only if it stays on that origin and does not normalise to "//…".
 * Client-safe (no server imports).
 */
const STAND_IN_ORIGIN = "https://portal.invalid";
const MAX_LENGTH = 2048;

export function safeNext(value: string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  // C0 controls (tab, CR, LF …), DEL, backslash, and whitespace a URL parser may trim.
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(value, STAND_IN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== STAND_IN_ORIGIN || url.pathname.startsWith("//")) return fallback;
  return value;
}
