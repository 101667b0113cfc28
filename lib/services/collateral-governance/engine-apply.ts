import "server-only";
import {
  canonicalJson,
  parseCanonical,
  type CollateralAsset,
  type CollateralCircuitBreaker,
  type CollateralRevalued,
  type Command,
  type EngineEvent,
} from "@/lib/engine/index";
import { formatMinorUnits, formatUsdMicros } from "@/lib/format";
import { queueNotices, type NoticeDraft } from "@/lib/notices/queue";
import type { RiskProposal } from "@/prisma/generated/client";
import type { Tx } from "@/lib/services/context";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { breakerOf, percentText, utcText } from "./model";

/** What a proposal stores as `payload`, per kind (bigints as {"$bigint"} through canonical JSON). */
export type CollateralPayload =
  | { kind: "ASSET"; asset: CollateralAsset }
  | { kind: "BREAKER"; breaker: Omit<CollateralCircuitBreaker, "sinceMs"> }
  | { kind: "LIFT"; assetId: string };

export function storePayload(payload: CollateralPayload): object {
  return JSON.parse(canonicalJson(payload)) as object;
}

export function readPayload(proposal: Pick<RiskProposal, "payload">): CollateralPayload {
  return parseCanonical<CollateralPayload>(JSON.stringify(proposal.payload));
}

/** The engine command that puts a proposal into force; a breaker takes effect from the engine's time now. */
export function commandOf(payload: CollateralPayload, engineNowMs: number): Command {
  switch (payload.kind) {
    case "ASSET":
      return { type: "UpdateCollateralAsset", nowMs: 0, asset: payload.asset };
    case "BREAKER":
      return { type: "SuspendCollateral", nowMs: 0, breaker: breakerOf(payload.breaker, engineNowMs) };
    case "LIFT":
      return { type: "LiftCollateralSuspension", nowMs: 0, assetId: payload.assetId };
  }
}

export type EngineOutcome = { accepted: true; seq: number; atMs: number; revalued: CollateralRevalued[] } | { accepted: false; code: string; message: string };

const APPLIED_EVENTS = new Set(["CollateralAssetUpdated", "CollateralSuspended", "CollateralSuspensionLifted"]);

/**
 * Submit the command to the engine host (which journals it). Never called inside a database
 * transaction: the journal needs the database meanwhile.
 */
export async function submitToEngine(command: Command): Promise<EngineOutcome> {
  try {
    return await submit(command);
  } catch (error) {
    // The engine went away between the claim and the command: the proposal records it as not applied.
    return { accepted: false, code: "ENGINE_UNAVAILABLE", message: error instanceof Error ? error.message : String(error) };
  }
}

async function submit(command: Command): Promise<EngineOutcome> {
  const engine = await publicEngine();
  const nowMs = engine.state?.now ?? 0;
  const sent =
    command.type === "SuspendCollateral" ? { ...command, breaker: { ...command.breaker, sinceMs: Math.max(command.breaker.sinceMs, nowMs) } } : command;
  const result = await engine.runtime.submit(sent, "admin");
  if (!result.accepted) return { accepted: false, code: result.code, message: result.message };
  const applied = result.events.find((event) => APPLIED_EVENTS.has(event.type));
  return {
    accepted: true,
    seq: applied?.seq ?? 0,
    atMs: applied?.nowMs ?? nowMs,
    revalued: result.events.filter((event: EngineEvent): event is CollateralRevalued => event.type === "CollateralRevalued"),
  };
}

/** How the notice names the change (a select in the catalogue). */
export type NoticeChange = "asset" | "breaker" | "lift" | "breakerRejected";

/**
 * Every client holding the asset when the change took effect gets a notice (inbox and e-mail) with
 * what changed, since when, and their holding's value before and after, straight from the engine's
 * CollateralRevalued event. Returns how many notices were new (a replay writes nothing twice).
 */
export async function notifyHolders(
  tx: Tx,
  {
    proposal,
    change,
    phase,
    revalued,
    atMs,
    decimals,
    now,
  }: {
    proposal: Pick<RiskProposal, "id" | "subject">;
    change: NoticeChange;
    phase: string;
    revalued: CollateralRevalued[];
    atMs: number;
    decimals: number;
    now: Date;
  },
): Promise<number> {
  const event = revalued.find((candidate) => candidate.assetId === proposal.subject);
  if (!event || event.accounts.length === 0) return 0;
  const links = await tx.tradingAccount.findMany({
    where: { engineAccountId: { in: event.accounts.map((holding) => holding.accountId) } },
    select: { userId: true, engineAccountId: true },
  });
  const userOf = new Map(links.map((link) => [link.engineAccountId, link.userId]));
  const drafts: NoticeDraft[] = [];
  for (const holding of event.accounts) {
    const userId = userOf.get(holding.accountId);
    if (!userId) continue;
    drafts.push({
      userId,
      kind: "collateralRegistry.changed",
      dedupeKey: `collateral-change:${proposal.id}:${phase}:${userId}`,
      params: {
        asset: proposal.subject,
        change,
        since: utcText(atMs),
        haircutBefore: event.previousHaircut === null ? "—" : percentText(event.previousHaircut),
        haircutAfter: percentText(event.haircut),
        amount: formatMinorUnits(holding.amountMinor, decimals),
        valueBefore: formatUsdMicros(holding.valueBefore),
        valueAfter: formatUsdMicros(holding.valueAfter),
      },
    });
  }
  return queueNotices(tx, drafts, now);
}
