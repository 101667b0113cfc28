import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactAlertForAfmm, type StoredAlert } from "./redact";
import type { EvidenceFill, EvidenceOrder } from "./types";

const OWN = [901, 902];
const own = new Set(OWN);
const accountId = fc.oneof(fc.constantFrom(...OWN), fc.integer({ min: 1, max: 900 }), fc.integer({ min: 903, max: 100_000 }));

const order = fc.record({
  orderId: fc.integer({ min: 1, max: 1e9 }),
  accountId,
  afmm: fc.boolean(),
  market: fc.constantFrom("BTC-PERP", "ETH-PERP"),
  side: fc.constantFrom("buy" as const, "sell" as const),
  price: fc.integer({ min: 0, max: 1e7 }),
  size: fc.integer({ min: 1, max: 1e5 }),
  acceptedSeq: fc.nat(),
  acceptedAtMs: fc.nat(),
  filled: fc.nat(),
  closedSeq: fc.option(fc.nat()),
  closedAtMs: fc.option(fc.nat()),
  closeReason: fc.option(fc.constantFrom("cancelled", "filled")),
}) satisfies fc.Arbitrary<EvidenceOrder>;

const fill = fc.record({
  seq: fc.nat(),
  position: fc.nat(),
  atMs: fc.nat(),
  market: fc.constantFrom("BTC-PERP", "ETH-PERP"),
  price: fc.integer({ min: 1, max: 1e7 }),
  size: fc.integer({ min: 1, max: 1e5 }),
  aggressor: fc.constantFrom("buy" as const, "sell" as const),
  takerAccountId: accountId,
  makerAccountId: accountId,
  takerAfmm: fc.boolean(),
  makerAfmm: fc.boolean(),
  liquidation: fc.boolean(),
}) satisfies fc.Arbitrary<EvidenceFill>;

const alert: fc.Arbitrary<StoredAlert> = fc
  .record({
    orders: fc.array(order, { maxLength: 20 }),
    fills: fc.array(fill, { maxLength: 20 }),
    counterparties: fc.array(fc.integer({ min: 1, max: 900 }), { maxLength: 5 }),
    extra: fc.integer({ min: 1, max: 900 }),
  })
  .map(({ orders, fills, counterparties, extra }) => ({
    id: "front_running:BTC-PERP:1",
    rule: "front_running",
    market: "BTC-PERP",
    severity: "high",
    triggerAtMs: 10n,
    fromMs: 0n,
    toMs: 20n,
    afmmAccountIds: [901],
    counterpartyAccountIds: [...counterparties, ...orders.map((o) => o.accountId).filter((id) => !own.has(id))],
    metrics: { distanceBps: 62, clientAccountId: extra, largestCounterpartyAccount: extra },
    evidence: { orders, fills, book: { atSeq: 1, bestBid: 1, bestAsk: 2, mark: 1, index: 1, bidLots: 3, askLots: 4 } },
  }));

/** Every number held under a key naming an account, anywhere in the value. */
function accountValues(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) for (const item of value) accountValues(item, out);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (/account/i.test(key)) {
        if (typeof inner === "number") out.push(inner);
        else if (Array.isArray(inner)) out.push(...inner.filter((n): n is number => typeof n === "number"));
      }
      accountValues(inner, out);
    }
  }
  return out;
}

describe("AFMM-7: what the AFMM sees of an alert about itself", () => {
  it("AFMM-7: no account id other than the AFMM's own survives redaction (property)", () => {
    fc.assert(
      fc.property(alert, (stored) => {
        const redacted = redactAlertForAfmm(stored, own);
        expect(accountValues(redacted).every((id) => own.has(id))).toBe(true);
        expect(redacted).not.toHaveProperty("counterpartyAccountIds");
        expect(Object.keys(redacted.metrics).some((key) => /account/i.test(key))).toBe(false);
        // Its own orders and its own fills are all kept.
        const evidence = stored.evidence as { orders: EvidenceOrder[]; fills: EvidenceFill[] };
        expect(redacted.orders).toHaveLength(evidence.orders.filter((o) => own.has(o.accountId)).length);
        expect(redacted.fills).toHaveLength(evidence.fills.filter((f) => own.has(f.takerAccountId) || own.has(f.makerAccountId)).length);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("AFMM-7: the other side of its fill is named by class only: client, liquidation or affiliate", () => {
    const base = { seq: 1, position: 1, atMs: 5, market: "BTC-PERP", price: 100, size: 2, takerAfmm: false, makerAfmm: true, liquidation: false };
    const stored = (fills: EvidenceFill[]): StoredAlert => ({
      id: "a",
      rule: "off_mark_fill",
      market: "BTC-PERP",
      severity: "low",
      triggerAtMs: 5,
      fromMs: 0,
      toMs: 5,
      afmmAccountIds: [901],
      counterpartyAccountIds: [42],
      metrics: {},
      evidence: { orders: [], fills, book: null },
    });
    const [client, liquidation, wash] = redactAlertForAfmm(
      stored([
        { ...base, aggressor: "buy", takerAccountId: 42, makerAccountId: 901 },
        { ...base, aggressor: "sell", takerAccountId: 43, makerAccountId: 901, liquidation: true },
        { ...base, aggressor: "buy", takerAccountId: 902, makerAccountId: 901, takerAfmm: true },
      ]),
      own,
    ).fills;
    expect(client).toMatchObject({ side: "sell", role: "maker", counterparty: "client", ownAccountId: 901 });
    expect(liquidation).toMatchObject({ side: "buy", counterparty: "liquidation" });
    expect(wash).toMatchObject({ role: "taker", side: "buy", counterparty: "affiliate", ownAccountId: 902 });
    expect(JSON.stringify([client, liquidation])).not.toMatch(/\b4[23]\b/);
  });
});
