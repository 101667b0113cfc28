import { z } from "zod";
import { INCIDENT_REPORT_SCHEMA_VERSION, type IncidentReport } from "./types";

/**
 * The published JSON form of the post-event report: a zod schema of IncidentReport (types.ts), and
 * the JSON Schema generated from it that the portal publishes beside every report, so a reader can
 * check a downloaded report without our code. Objects are closed (no unknown fields); money and
 * prices are integer strings.
 */

export const INCIDENT_REPORT_SCHEMA_ID = "https://perps-portal.example/schemas/incident-report/v1.json";

const integerText = z.string().regex(/^-?(0|[1-9]\d*)$/, "an integer as decimal text");
const unsignedText = z.string().regex(/^(0|[1-9]\d*)$/, "a non-negative integer as decimal text");
const count = z.number().int().nonnegative();
const seq = z.number().int().positive();
const ms = z.number().int();
const ref = z.string().regex(/^acct-[0-9a-f]{8,64}$/, "a pseudonymous account reference");
const side = z.enum(["long", "short"]);

export const incidentReportSchema = z.strictObject({
  schemaVersion: z.literal(INCIDENT_REPORT_SCHEMA_VERSION),
  incidentId: z.string().min(1),
  market: z.string().min(1),
  startedAtMs: ms,
  endedAtMs: ms,
  journal: z.strictObject({
    fromSeq: seq,
    toSeq: seq,
    fromPosition: seq,
    toPosition: seq,
    stateHashBefore: z.string().min(1),
    stateHashAfter: z.string().min(1),
  }),
  configHash: z.string().min(1),
  units: z.strictObject({ tickSize: z.string().min(1), lotSize: z.string().min(1), tickLotValue: unsignedText }),
  parameters: z.array(z.strictObject({ path: z.string().min(1), value: z.string().min(1), unit: z.enum(["ppb", "micro-USD", "fraction"]) })),
  steps: z.array(z.string().min(1)),
  timeline: z.array(
    z.strictObject({
      seq,
      atMs: ms,
      account: ref.nullable(),
      stage: z.string().min(1),
      reason: z.string(),
      sizeToClose: count,
      sizeClosed: count,
      bankruptcyPrice: unsignedText.nullable(),
      markPrice: unsignedText.nullable(),
      amount: integerText,
      equityAfter: integerText.nullable(),
    }),
  ),
  prices: z.array(
    z.strictObject({
      seq,
      atMs: ms,
      mark: unsignedText.nullable(),
      index: unsignedText.nullable(),
      sources: z.array(z.strictObject({ sourceId: z.string().min(1), price: unsignedText.nullable(), status: z.string().min(1) })),
    }),
  ),
  priceWindow: z.strictObject({ fromMs: ms, toMs: ms, rowsInWindow: count, every: z.number().int().positive() }),
  closedByStep: z.array(
    z.strictObject({ stage: z.string().min(1), liquidations: count, lots: count, notional: unsignedText, averagePrice: unsignedText.nullable() }),
  ),
  backstop: z.strictObject({
    lots: count,
    notional: unsignedText,
    compensationPaid: unsignedText,
    capacityExhausted: z.boolean(),
    providers: z.array(z.strictObject({ provider: ref, lots: count, notional: unsignedText, compensation: unsignedText })),
  }),
  insuranceFund: z.strictObject({
    before: unsignedText,
    after: unsignedText,
    floor: unsignedText,
    lowest: unsignedText,
    paidOut: unsignedText,
    feesIn: unsignedText,
    deposited: unsignedText,
    backstopCompensation: unsignedText,
    adlCompensation: unsignedText,
    negativeEquityCover: unsignedText,
    reachedFloor: z.boolean(),
  }),
  adl: z.strictObject({
    fills: z.array(
      z.strictObject({
        rank: z.number().int().positive(),
        account: ref,
        rankingScorePpb: integerText,
        price: unsignedText,
        markPrice: unsignedText,
        lots: z.number().int().positive(),
        upnlBefore: integerText,
        loss: unsignedText,
        compensation: unsignedText,
        seq,
        atMs: ms,
      }),
    ),
    stages: z.array(
      z.strictObject({
        seq,
        account: ref,
        lotsNeeded: count,
        lotsClosed: count,
        deficit: unsignedText,
        fundAvailable: unsignedText,
        uncovered: unsignedText,
      }),
    ),
    lotsNeeded: count,
    lotsClosed: count,
    lotsBeyondMinimum: count,
    lossSocialized: integerText,
    minimumNeeded: unsignedText,
    beyondMinimum: integerText,
    proRata: z.strictObject({
      accountsAffected: count,
      rankedAccountsAffected: count,
      basis: z.array(z.strictObject({ side, atSeq: seq, markPrice: unsignedText, eligibleAccounts: count, eligibleLots: count, lots: count })),
      allocations: z.array(z.strictObject({ account: ref, side, eligibleLots: count, rankedLots: count, proRataLots: count })),
    }),
  }),
  affected: z.strictObject({ accountsLiquidated: count, clientsWithPositions: count }),
});

// The schema and the TypeScript contract describe the same object: each must be assignable to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof incidentReportSchema>, IncidentReport> = true;
void sameShape;

/** The JSON Schema (draft 2020-12) the portal publishes for reports of this version. */
export const INCIDENT_REPORT_JSON_SCHEMA = {
  $id: INCIDENT_REPORT_SCHEMA_ID,
  title: "Post-event report of a default-management incident",
  description:
    "Every figure is computed from the engine journal. Money is micro-USD and prices are ticks of the market's tick size, both as integer strings; times are engine epoch milliseconds. Accounts appear only as pseudonymous references.",
  version: INCIDENT_REPORT_SCHEMA_VERSION,
  ...z.toJSONSchema(incidentReportSchema, { target: "draft-2020-12" }),
};

/** A JSON path as report:verify and the schema check print it, e.g. $.adl.fills[1].loss. */
export function jsonPath(parts: ReadonlyArray<PropertyKey>): string {
  return `$${parts.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("")}`;
}

export type ReportValidation = { ok: true; report: IncidentReport } | { ok: false; problems: string[] };

/** Check a report as parsed from JSON: the problems name the JSON path of each field that is wrong. */
export function validateIncidentReport(json: unknown): ReportValidation {
  const result = incidentReportSchema.safeParse(json);
  if (result.success) return { ok: true, report: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`) };
}
