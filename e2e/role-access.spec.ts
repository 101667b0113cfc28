import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { ROLES, type Role } from "../lib/auth/permissions";
import { ACCESS_MATRIX, type RouteEntry } from "./access-matrix";
import { demoUser } from "./auth-helpers";
import { sessionOf } from "./test-users";

type State = Awaited<ReturnType<APIRequestContext["storageState"]>>;
const states = new Map<Role, State>();

// Sign each role in once through the real next-auth endpoint and reuse its cookies.
test.beforeAll(async ({}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  for (const role of ROLES) states.set(role, await sessionOf(testInfo, role));
  const officer = await playwrightRequest.newContext({ baseURL, storageState: states.get("COMPLIANCE_OFFICER") });
  // Other specs add clients of their own, so pick the demo client's row, not the first one.
  const queue = await (await officer.get("/compliance/reviews")).text();
  await officer.dispose();
  const demoClient = demoUser("CLIENT");
  const row = queue.split("<tr").find((html) => html.includes(demoClient.email) && html.includes("/compliance/reviews/")) ?? "";
  const id = /\/compliance\/reviews\/([0-9a-f-]{36})/.exec(row)?.[1];
  if (!id) throw new Error("the review queue lists no submission of the demo client (lib/services/suitability/ensure-demo-onboarding.ts)");
  placeholders.set(":demo-submission", id);
  // The demo client's own evidence document: readable by that client and by compliance, by no one else.
  const client = await playwrightRequest.newContext({ baseURL, storageState: states.get("CLIENT") });
  const evidence = await (await client.get("/portal/onboarding/evidence")).text();
  await client.dispose();
  const documentId = /\/api\/portal\/onboarding\/documents\/([0-9a-f-]{36})/.exec(evidence)?.[1];
  if (!documentId) throw new Error("the demo client's evidence page links no document");
  placeholders.set(":demo-document", documentId);
});

const placeholders = new Map<string, string>();
const sampleOf = (entry: RouteEntry) => [...placeholders].reduce((url, [key, value]) => url.replace(key, value), entry.sample);

test("every page.tsx and route.ts under app/ has an entry in the access matrix, and every entry exists", () => {
  const appDir = path.join(import.meta.dirname, "../app");
  const found = listRoutes(appDir).sort();
  const listed = ACCESS_MATRIX.map((entry) => entry.route).sort();
  expect(found, "add the new route to e2e/access-matrix.ts with who may reach it").toEqual(listed);
});

for (const who of ["anonymous", ...ROLES] as const) {
  test(`AFMM-7: access matrix as ${who}`, async ({}, testInfo) => {
    const baseURL = String(testInfo.project.use.baseURL);
    const context = await playwrightRequest.newContext({ baseURL, storageState: who === "anonymous" ? undefined : states.get(who) });
    try {
      const failures: string[] = [];
      for (const entry of ACCESS_MATRIX) {
        const response = await context.get(sampleOf(entry), { maxRedirects: 0 });
        const outcome = describe(response.status(), response.headers().location);
        const expected = expectedOutcome(entry, who);
        if (!expected.test(outcome)) failures.push(`${entry.sample}: expected ${expected.label}, got ${outcome}`);
      }
      expect(failures, `as ${who}`).toEqual([]);
    } finally {
      await context.dispose();
    }
  });
}

test("AFMM-7: the AFMM trader gets a not-found page for compliance records and the audit export refuses it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: states.get("AFMM_TRADER") });
  const page = await context.newPage();
  const response = await page.goto("/compliance/audit-log");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Cheung Ming (AFMM trader)")).toBeVisible();
  const exported = await page.request.get("/api/compliance/audit-log/export");
  expect(exported.status()).toBe(403);
  await context.close();
});

test("a compliance officer's section page lists the section's pages, with nothing there claimed as still to come", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ storageState: states.get("COMPLIANCE_OFFICER") });
  const page = await context.newPage();
  await page.goto("/compliance");
  await expect(page.getByRole("heading", { name: "Compliance", level: 1 })).toBeVisible();
  const pages = page.getByTestId("section-pages");
  for (const name of ["Reports", "Registers", "Complaints", "Record retention"]) await expect(pages.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByText(/not built yet/i)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("compliance-as-co.png"), fullPage: true });
  await context.close();
});

function describe(status: number, location: string | undefined): string {
  if (status >= 300 && status < 400) return `redirect ${location ?? "?"}`;
  return String(status);
}

function expectedOutcome(entry: RouteEntry, who: Role | "anonymous"): { label: string; test: (outcome: string) => boolean } {
  const api = entry.sample.startsWith("/api/");
  const signInRedirect = { label: "redirect to /sign-in?next=…", test: (o: string) => /^redirect .*\/sign-in\?next=/.test(o) };
  if (entry.access === "public") {
    return {
      label: "the public answer (no sign-in, 401 or 403)",
      test: (o) => !o.startsWith("redirect") && o !== "401" && o !== "403" && (api || o === "200"),
    };
  }
  if (entry.access === "public-missing") return { label: "404 for everyone", test: (o) => o === "404" };
  if (who === "anonymous") return api ? { label: "401", test: (o) => o === "401" } : signInRedirect;
  // Records of one user (a notice): anyone signed in may ask, and what is not theirs does not exist for them.
  if (entry.access === "owner") return { label: "404 (not theirs)", test: (o) => o === "404" };
  const allowed = entry.access === "signed-in" || entry.access.includes(who);
  if (allowed) return entry.missing ? { label: "404 (no such record)", test: (o) => o === "404" } : { label: "200", test: (o) => o === "200" };
  return api ? { label: "403", test: (o) => o === "403" } : { label: "404", test: (o) => o === "404" };
}

/** app/**\/page.tsx and route.ts as URL patterns; route groups "(x)" do not appear in URLs. */
function listRoutes(dir: string, prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      // Route groups and the language segment are not part of an (English) address; the catch-all under
      // the language only turns unknown addresses into that language's not-found page (e2e/i18n.spec.ts).
      if (entry.name === "[...rest]" && path.basename(dir) === "[locale]") continue;
      const segment = /^\(.*\)$/.test(entry.name) || entry.name === "[locale]" ? "" : `/${entry.name}`;
      routes.push(...listRoutes(path.join(dir, entry.name), prefix + segment));
    } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) {
      routes.push(prefix || "/");
    }
  }
  return routes;
}
