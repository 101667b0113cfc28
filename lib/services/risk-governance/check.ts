import "server-only";
import {
  applyMarketParameterChanges,
  canonicalJson,
  flattenParameters,
  marketSpecInputOf,
  parseCanonical,
  tighteningChanges,
  type MarketSpec,
} from "@/lib/engine/index";
import { env } from "@/lib/env";
import { formatUtc } from "@/lib/format";
import { msg, type UserMessage } from "@/lib/i18n/message-ref";
import type { Db, Tx } from "@/lib/services/context";
import { Invalid, Precondition } from "@/lib/services/errors";
import { parseParameterValue } from "@/lib/services/parameters/schemas";
import type { ConfigInForce } from "@/lib/services/public-market-data/config-in-force";
import { breachesOf, breachMessage, currentApproval } from "./approvals";
import { shownValue } from "./envelope";

/** A change as the engine takes it: the value typed like the parameter (bigint, integer, text). */
export interface TypedChange {
  path: string;
  value: unknown;
}

export interface CheckedChange {
  spec: MarketSpec;
  changes: TypedChange[];
  diff: Array<{ path: string; before: string; after: string }>;
  tightening: string[];
  approvalReference: string;
}

/** Minimum notice of a tightening change, in ms of engine time. */
export function minimumNoticeMs(): number {
  return env().RISK_CHANGE_MIN_NOTICE_MINUTES * 60_000;
}

/**
 * The rule a market parameter change must pass, at proposal and again at approval (the spec in force
 * may have moved meanwhile): the engine's own rule (`applyMarketParameterChanges`), then the envelope
 * of the market's approval record (MRG-5), then the minimum notice of a tightening change. Bad input
 * throws a specific message naming the path or the bound; nothing is written here.
 */
export async function checkMarketParameterChange(
  db: Db | Tx,
  inForce: Pick<ConfigInForce, "config" | "nowMs">,
  { market, changes, effectiveAtMs, atMs }: { market: string; changes: ReadonlyArray<{ path: string; value: unknown }>; effectiveAtMs?: number; atMs: number },
  { typed }: { typed: boolean },
): Promise<CheckedChange> {
  const spec = inForce.config.markets.find((candidate) => candidate.symbol === market);
  if (!spec) {
    const unknown = msg("errors.parameters.unknownMarket", { market });
    throw new Invalid(unknown, { market: [unknown] });
  }
  const leaves = new Map(flattenParameters(marketSpecInputOf(spec)));
  const out: TypedChange[] = [];
  for (const { path, value } of changes) {
    if (typed) {
      out.push({ path, value });
      continue;
    }
    if (!leaves.has(path)) {
      // A group of values (an object) or a path the engine does not accept: say which, in its words.
      const probe = applyMarketParameterChanges(spec, [{ path, value: null }]);
      const problem: UserMessage = probe.ok ? msg("errors.parameters.noSuchParameter", { market, path }) : probe.message;
      throw new Invalid(msg("errors.common.problem", { problem }), { changes: [problem] });
    }
    const parsed = parseParameterValue(String(value), leaves.get(path));
    if (!parsed.ok) throw new Invalid(msg("errors.marketGovernance.valueOf", { path, problem: parsed.ref }), { changes: [parsed.ref] });
    out.push({ path, value: parsed.value });
  }
  const dryRun = applyMarketParameterChanges(spec, out);
  if (!dryRun.ok) throw new Invalid(msg("errors.common.problem", { problem: dryRun.message }), { changes: [dryRun.message] });

  const approval = await currentApproval(db, market);
  if (!approval) throw new Precondition(msg("errors.marketGovernance.noApproval", { market }));
  const breaches = breachesOf(dryRun.spec, approval);
  if (breaches.length) {
    const first = breachMessage(breaches[0], approval.reference);
    throw new Invalid(first, { changes: breaches.map((breach) => breachMessage(breach, approval.reference)) });
  }

  const tightening = tighteningChanges(spec, out);
  if (effectiveAtMs !== undefined && effectiveAtMs < atMs && tightening.length === 0) {
    throw new Invalid(msg("errors.marketGovernance.effectiveInPast", { at: formatUtc(effectiveAtMs), now: formatUtc(atMs) }));
  }
  if (tightening.length) {
    const earliest = atMs + minimumNoticeMs();
    if (effectiveAtMs === undefined || effectiveAtMs < earliest) {
      throw new Invalid(
        msg("errors.marketGovernance.noticeTooShort", {
          paths: tightening.join(", "),
          minutes: env().RISK_CHANGE_MIN_NOTICE_MINUTES,
          earliest: formatUtc(earliest),
        }),
        { effectiveAt: [msg("errors.marketGovernance.noticeEarliest", { earliest: formatUtc(earliest) })] },
      );
    }
  }
  return {
    spec,
    changes: out,
    diff: dryRun.changes.map((change) => ({
      path: change.path,
      before: shownValue(change.path, change.previous),
      after: shownValue(change.path, change.next),
    })),
    tightening,
    approvalReference: approval.reference,
  };
}

/** The changes of a stored payload, typed again (bigints come back from their {"$bigint"} form). */
export function payloadChanges(payload: unknown): { market: string; changes: TypedChange[] } {
  return parseCanonical<{ market: string; changes: TypedChange[] }>(JSON.stringify(payload));
}

/** A payload as stored: canonical JSON, so bigints keep every digit. */
export function payloadOf(market: string, changes: TypedChange[]): unknown {
  return JSON.parse(canonicalJson({ market, changes }));
}
