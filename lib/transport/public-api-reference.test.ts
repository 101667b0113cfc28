import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { english } from "@/lib/i18n/catalogue";
import { STATE_AT_LIMITS } from "@/lib/simulation/state-at-limits";
import { MARK_TRAIL_MAX_ROWS, TRADES_MAX_LIMIT } from "@/lib/services/public-market-data/schemas";
import { PUBLIC_API_ENDPOINTS, PUBLIC_API_RATE_LIMIT, renderReferenceText, type ReferenceText } from "./public-api-reference";
import { PUBLIC_API_LIMIT } from "./rate-limit";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const publicApiDir = path.join(repoRoot, "app/api/public");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(repoRoot, full).split(path.sep).join("/")] : [];
  });
}

/** app/api/public/markets/[symbol]/trades/route.ts → /api/public/markets/{symbol}/trades */
const documentedPathOf = (routeFile: string) =>
  `/${routeFile
    .replace(/^app\//, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[(\w+)\]/g, "{$1}")}`;

const translateEnglish = createTranslator({ locale: "en", messages: english, namespace: "disclosures.api.reference" });
const inEnglish = (text: ReferenceText) => renderReferenceText(text, (key, values) => translateEnglish(key, values));

describe("the public API reference matches the routes", () => {
  it("every route under app/api/public has exactly one entry, and every entry has its route", () => {
    const files = routeFiles(publicApiDir).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(PUBLIC_API_ENDPOINTS.map((endpoint) => endpoint.routeFile).sort()).toEqual(files);
    // One family per endpoint, so one busy endpoint never uses up another's allowance.
    expect(new Set(PUBLIC_API_ENDPOINTS.map((endpoint) => endpoint.family)).size).toBe(PUBLIC_API_ENDPOINTS.length);
  });

  it.each(PUBLIC_API_ENDPOINTS.map((endpoint) => [endpoint.path, endpoint] as const))(
    "%s: documented path, rate-limit family and handler agree",
    (_path, endpoint) => {
      expect(endpoint.path).toBe(documentedPathOf(endpoint.routeFile));
      const source = fs.readFileSync(path.join(repoRoot, endpoint.routeFile), "utf8");
      // The family the reference names is the one the handler is limited under, and the handler is limited.
      expect(source).toMatch(new RegExp(`withPublicRoute(<[^>]*>)?\\("${endpoint.family}"`));
    },
  );

  it("numbers in the reference are the enforced constants, not copies", () => {
    expect(PUBLIC_API_RATE_LIMIT.requests).toBe(PUBLIC_API_LIMIT.limit);
    expect(inEnglish(PUBLIC_API_RATE_LIMIT.description)).toContain(
      `At most ${PUBLIC_API_LIMIT.limit} requests per ${PUBLIC_API_LIMIT.windowMs / 1000} seconds`,
    );
    const byPath = Object.fromEntries(PUBLIC_API_ENDPOINTS.map((endpoint) => [endpoint.path, endpoint]));
    expect(inEnglish(byPath["/api/public/markets/{symbol}/trades"].parameters[0].description)).toContain(TRADES_MAX_LIMIT.toLocaleString("en-US"));
    expect(inEnglish(byPath["/api/public/markets/{symbol}/mark-trail"].returns)).toContain(MARK_TRAIL_MAX_ROWS.toLocaleString("en-US"));
    // Every limit on historical recomputation is stated with its refusal.
    const at = inEnglish(byPath["/api/public/markets/{symbol}/at"].returns);
    expect(at).toContain(`more than ${STATE_AT_LIMITS.maxReplayCommands.toLocaleString("en-US")} commands after its snapshot is refused with 422`);
    expect(at).toContain(`at most ${STATE_AT_LIMITS.maxWaiting.toLocaleString("en-US")} queries wait at once`);
    expect(at).toContain(`after ${STATE_AT_LIMITS.jobTimeoutMs / 1000} s is stopped`);
    expect(at).toContain(`Retry-After: ${STATE_AT_LIMITS.retryAfterSeconds}`);
  });
});
