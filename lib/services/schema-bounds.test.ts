import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

/**
 * Every zod schema that reaches a service bounds what it accepts. A string needs a
 * maximum length (or a pattern anchored at both ends with bounded repetition, or a fixed format such
 * as a UUID); a number or bigint a minimum and a maximum; an array a maximum length. A bound the
 * walker cannot see (a refinement limiting a record's size, service-written JSON) is declared with
 * `.meta({ bounded: "why" })`.
 *
 * The schemas are found by importing every module that defines input schemas and walking each zod
 * value it exports; a second test makes sure no module that imports zod is left out of that list.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Modules whose exported schemas validate input that reaches a service (paths from the repository root). */
const SCHEMA_MODULES = [
  "lib/services/audit-log/schemas.ts",
  "lib/services/audit.ts",
  "lib/services/access-review/schemas.ts",
  "lib/services/afmm/schemas.ts",
  "lib/services/afmm/review-schemas.ts",
  "lib/services/afmm/generate-afmm-mi.ts",
  "lib/services/afmm/get-afmm-mi-report.ts",
  "lib/services/collateral-governance/schemas.ts",
  "lib/services/complaints/schemas.ts",
  "lib/services/conflicts/schemas.ts",
  "lib/services/incidents/schemas.ts",
  "lib/services/auth/load-session-actor.ts",
  "lib/services/inbox/schemas.ts",
  "lib/services/notices/schemas.ts",
  "lib/services/parameters/schemas.ts",
  "lib/services/public-market-data/schemas.ts",
  "lib/services/registers/schemas.ts",
  "lib/services/reports/report-packs.ts",
  "lib/services/reports/regulator-export.ts",
  "lib/services/retention/retention.ts",
  "lib/services/risk-governance/schemas.ts",
  "lib/services/simulation/schemas.ts",
  "lib/services/statements/schemas.ts",
  "lib/services/suitability/schemas.ts",
  "lib/services/suitability/pi-status-schemas.ts",
  "lib/services/suitability/corporate-pi-schemas.ts",
  "lib/services/trading/schemas.ts",
  "lib/services/users/schemas.ts",
  "lib/simulation/market/scenarios.ts",
  "lib/suitability/draft.ts",
  "lib/suitability/va-knowledge-forms.ts",
];

/**
 * Modules that import zod without defining input schemas of their own, and the reason. Anything
 * else that imports zod must be in SCHEMA_MODULES.
 */
const NOT_INPUT_SCHEMAS: Record<string, string> = {
  "lib/env.ts": "the process environment, read at start-up, not a request",
  "lib/audit/checkpoints.ts": "parses the signed checkpoint file the portal itself writes (bounded fields), not a request",
  "lib/incidents/report/schema.ts":
    "the schema of the post-event report the portal computes from its own journal (its JSON Schema is published), not a request",
  "lib/incidents/published-schema.ts":
    "checks a published post-event report the portal itself wrote (its narrative bounded when written) before serving it, not a request",
  "lib/transport/action.ts": "maps ZodError to a form result",
  "lib/transport/public-route.ts": "maps ZodError to a 400",
  "lib/transport/route-handler.ts": "maps ZodError to a 422",
  "lib/services/risk-governance/stress/stress-job.ts":
    "re-reads proposal payloads the portal stored itself (validated and bounded when proposed, lib/services/risk-governance/schemas.ts), not a request",
  "lib/transport/messages.ts": "renders a ZodError's first issue for a page, in the reader's language",
  "lib/transport/public-query.ts":
    "reads query strings into the public services' inputs (bounded text: instants of at most 40 characters, integers of at most 16 digits), which the services' schemas validate again",
  "app/[locale]/disclosures/markets/[symbol]/page.tsx": "catches ZodError from the market symbol's schema: a name no market could have is a not-found page",
  "app/[locale]/disclosures/parameters/page.tsx":
    "catches ZodError from the parameters filter (lib/transport/public-query.ts, lib/services/public-market-data/schemas.ts)",
};

const UNBOUNDED_FORMATS = new Set(["email", "url", "regex", "json_string", "base64", "base64url", "hex"]);

/** A regular expression anchored at both ends whose repetitions are all bounded: it matches strings of bounded length. */
function boundedPattern(pattern: RegExp): boolean {
  const source = pattern.source.replace(/\\./g, "x").replace(/\[[^\]]*\]/g, "x");
  const anchored = source.startsWith("^") && source.endsWith("$") && !/\|/.test(source.replace(/\([^()]*\)/g, "x"));
  return anchored && !/[*+]|\{\d+,\}/.test(source);
}

type Def = { type: string; checks?: Array<{ _zod: { def: { check: string; format?: string; pattern?: RegExp } } }>; [key: string]: unknown };

/** Paths (within the schema) of every value the schema accepts without a bound. */
function unbounded(schema: z.ZodType, at: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  if ((z.globalRegistry.get(schema) as { bounded?: string } | undefined)?.bounded) return [];
  const def = schema._zod.def as unknown as Def;
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const has = (...names: string[]) => names.some((name) => checks.some((check) => check.check === name));
  const walk = (child: unknown, where: string) => unbounded(child as z.ZodType, where, seen);
  switch (def.type) {
    case "string": {
      const format = def.format as string | undefined;
      if (has("max_length", "length_equals")) return [];
      if (format && !UNBOUNDED_FORMATS.has(format)) return [];
      const patterns = checks.filter((check) => check.check === "string_format" && check.pattern).map((check) => check.pattern!);
      return patterns.length > 0 && patterns.some(boundedPattern) ? [] : [`${at}: string without a maximum length`];
    }
    case "number":
    case "bigint":
      return has("greater_than") && has("less_than") ? [] : [`${at}: ${def.type} without both a minimum and a maximum`];
    case "array":
      return [...(has("max_length", "length_equals") ? [] : [`${at}: array without a maximum length`]), ...walk(def.element, `${at}[]`)];
    case "object":
      return [
        ...Object.entries(def.shape as Record<string, unknown>).flatMap(([key, child]) => walk(child, `${at}.${key}`)),
        ...(def.catchall && (def.catchall as z.ZodType)._zod.def.type !== "never" ? walk(def.catchall, `${at}.*`) : []),
      ];
    case "record":
      return [`${at}: record without a declared bound on its size`];
    case "union":
      return (def.options as unknown[]).flatMap((option, i) => walk(option, `${at}|${i}`));
    case "intersection":
      return [...walk(def.left, at), ...walk(def.right, at)];
    case "tuple":
      return [...(def.items as unknown[]).flatMap((item, i) => walk(item, `${at}[${i}]`)), ...(def.rest ? walk(def.rest, `${at}[…]`) : [])];
    case "pipe":
      // What the pipe accepts is what its input accepts; a preprocess (a transform first) accepts what its output does.
      return (def.in as z.ZodType)._zod.def.type === "transform" ? walk(def.out, at) : walk(def.in, at);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return walk(def.innerType, at);
    case "lazy":
      return walk((def.getter as () => unknown)(), at);
    case "literal":
    case "enum":
    case "boolean":
    case "null":
    case "undefined":
    case "never":
    case "nan":
    case "date":
    case "void":
      return [];
    default:
      return [`${at}: ${def.type} accepts anything`];
  }
}

async function exportedSchemas(): Promise<Array<[string, z.ZodType]>> {
  const found: Array<[string, z.ZodType]> = [];
  for (const file of SCHEMA_MODULES) {
    const exports = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (value instanceof z.ZodType) found.push([`${file} ${name}`, value]);
      else if (name === "SCENARIO_SCHEMAS")
        for (const [type, schema] of Object.entries(value as Record<string, z.ZodType>)) found.push([`${file} ${name}.${type}`, schema]);
    }
  }
  return found;
}

describe("every input schema bounds lengths and magnitudes", () => {
  it("no exported schema accepts an unbounded string, number or array", async () => {
    const schemas = await exportedSchemas();
    expect(schemas.length).toBeGreaterThanOrEqual(35);
    expect(schemas.flatMap(([name, schema]) => unbounded(schema, name))).toEqual([]);
  });

  it("every module that imports zod is walked or says why it holds no input schema", () => {
    const importers: string[] = [];
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const relative = `${dir}/${entry.name}`;
        if (entry.isDirectory()) visit(relative);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && /from "zod"/.test(fs.readFileSync(path.join(ROOT, relative), "utf8")))
          importers.push(relative);
      }
    };
    visit("lib");
    visit("app");
    expect(importers.filter((file) => !SCHEMA_MODULES.includes(file) && !(file in NOT_INPUT_SCHEMAS))).toEqual([]);
  });

  it("the walker itself tells bounded from unbounded", () => {
    expect(unbounded(z.object({ a: z.string(), b: z.number().int(), c: z.array(z.string().max(3)), d: z.unknown() }), "x")).toEqual([
      "x.a: string without a maximum length",
      "x.b: number without both a minimum and a maximum",
      "x.c: array without a maximum length",
      "x.d: unknown accepts anything",
    ]);
    expect(unbounded(z.object({ a: z.string().regex(/^\d{1,3}$/), b: z.uuid(), c: z.string().regex(/^\d+$/), e: z.email() }), "x")).toEqual([
      "x.c: string without a maximum length",
      "x.e: string without a maximum length",
    ]);
    expect(unbounded(z.record(z.string(), z.unknown()).meta({ bounded: "refined" }), "x")).toEqual([]);
  });
});
