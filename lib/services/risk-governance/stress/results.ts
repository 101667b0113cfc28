import "server-only";
import { canonicalJson, parseCanonical } from "@/lib/engine/index";
import type { Prisma, StressSuiteRun } from "@/prisma/generated/client";
import { STRESS_SCENARIO_IDS, STRESS_SUITE_VERSION, type StressSuiteResult } from "@/lib/risk/stress-suite";
import type { Db, Tx } from "@/lib/services/context";

/** One stored run as the pages and the proposal review read it. */
export interface StressRunView {
  id: string;
  market: string;
  parameterHash: string;
  proposalId: string | null;
  status: "running" | "done" | "failed";
  suiteVersion: string;
  seed: number;
  startedAt: Date;
  finishedAt: Date | null;
  /** The reason a failed run gave. */
  failure: string | null;
  /** Present when status is done. */
  result: StressSuiteResult | null;
}

/** The JSON column holds canonicalJson's encoding (`{"$bigint": "…"}` for money), so bigints come back exact. */
export function encodeResult(result: StressSuiteResult): Prisma.InputJsonValue {
  return JSON.parse(canonicalJson(result)) as Prisma.InputJsonValue;
}

function decodeResult(value: Prisma.JsonValue | null): StressSuiteResult | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const result = parseCanonical<StressSuiteResult>(JSON.stringify(value));
  // A row written by another suite version, or damaged, is shown as having no result rather than misread.
  if (typeof result.parameterHash !== "string" || !Array.isArray(result.scenarios)) return null;
  if (!result.scenarios.every((s) => (STRESS_SCENARIO_IDS as readonly string[]).includes(s.id))) return null;
  return result;
}

export function stressRunView(row: StressSuiteRun): StressRunView {
  const status = row.status === "done" || row.status === "failed" ? row.status : "running";
  return {
    id: row.id,
    market: row.market,
    parameterHash: row.parameterHash,
    proposalId: row.proposalId,
    status,
    suiteVersion: row.suiteVersion,
    seed: row.seed,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    failure: row.failure,
    result: status === "done" ? decodeResult(row.results) : null,
  };
}

/**
 * The latest run for a proposal (running, done or failed), or null when none has started yet. The
 * proposal review shows it next to the diff.
 */
export async function latestStressRunForProposal(db: Db | Tx, proposalId: string): Promise<StressRunView | null> {
  const row = await db.stressSuiteRun.findFirst({ where: { proposalId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }] });
  return row ? stressRunView(row) : null;
}

/**
 * The latest run of the current suite version for a market's parameters in force: the newest done
 * run for `parameterHash` when given (the hash in force), else the newest done run for the market
 * whatever its hash. Null when there is none; a later running or failed run does not hide a done one.
 */
export async function latestStressRunInForce(db: Db | Tx, market: string, parameterHash?: string): Promise<StressRunView | null> {
  const row = await db.stressSuiteRun.findFirst({
    where: { market, proposalId: null, status: "done", suiteVersion: STRESS_SUITE_VERSION, ...(parameterHash === undefined ? {} : { parameterHash }) },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
  });
  return row ? stressRunView(row) : null;
}
