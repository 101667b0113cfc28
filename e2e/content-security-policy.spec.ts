import { expect, test } from "@playwright/test";

// Scripts run by per-request nonce, never by 'unsafe-inline'.

const scriptSrc = (csp: string) =>
  csp
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("script-src")) ?? "";
const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc(csp))?.[1];

test("every page answer carries a fresh script nonce, no 'unsafe-inline' for scripts, and every script tag carries that nonce", async ({ request }) => {
  for (const path of ["/", "/disclosures/markets/BTC-PERP", "/sign-in"]) {
    const [first, second] = [await request.get(path), await request.get(path)];
    const csp = first.headers()["content-security-policy"];
    expect(scriptSrc(csp), path).not.toContain("unsafe-inline");
    expect(scriptSrc(csp), path).not.toContain("unsafe-eval");
    const nonce = nonceOf(csp);
    expect(nonce, `${path}: script-src names a nonce`).toBeTruthy();
    expect(Buffer.from(nonce!, "base64").length, "a 128-bit nonce").toBeGreaterThanOrEqual(16);
    expect(nonceOf(second.headers()["content-security-policy"]), `${path}: a new nonce per request`).not.toBe(nonce);
    const html = await first.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, `${path} has scripts`).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
  }
});

test("the portal's own scripts run under the policy, and an injected inline handler does not", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/disclosures/markets/BTC-PERP");
  // Hydrated: the live widgets update from the stream (client JavaScript is running).
  await expect(page.locator(".badge-live").first()).toHaveText("Live", { timeout: 30_000 });
  expect(violations, "no CSP violation from the portal's own code").toEqual([]);

  // What an HTML-injection bug would run under the old 'unsafe-inline' policy.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/no-such-image.png" onerror="window.__injected = true">');
  });
  // The browser reports the blocked handler once the image has failed to load.
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
