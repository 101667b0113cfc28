/**
 * GET a JSON answer of this site's API, never from the HTTP cache. A failed answer becomes an Error
 * with the API's own `error` text when it gives one. The answer is trusted to have the documented
 * shape (lib/wire): the server builds it from the same types.
 */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `${url} answered ${response.status}`);
  }
  return (await response.json()) as T;
}
