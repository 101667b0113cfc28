import type { RejectionCode } from "@/lib/engine/index";

/**
 * What each engine rejection means for a client, in plain English: the check that refused the
 * command and what to do about it. The one mapping from rejection code to explanation; the engine's
 * own message (with its figures) is always shown beside it. Typed over every RejectionCode, so a code
 * added to the engine does not compile until it is explained here.
 */

export interface RejectionExplanation {
  /** The check that failed, as a short name. */
  check: string;
  explanation: string;
}

/** Refusals from the engine's host rather than the engine (lib/simulation/host.ts). */
type HostRejectionCode = "HOST_STOPPED";

const PRE_TRADE = "Pre-trade check";

export const REJECTION_EXPLANATIONS: Record<RejectionCode | HostRejectionCode, RejectionExplanation> = {
  INVALID_COMMAND: {
    check: "Order format",
    explanation: "The engine could not read the request (a field was missing or of the wrong kind). This is not a risk check, and nothing was placed.",
  },
  TIME_WENT_BACKWARDS: {
    check: "Sequencing",
    explanation: "The command carried a time earlier than the engine's clock. The engine applies commands strictly in time order; send it again.",
  },
  UNKNOWN_MARKET: { check: "Market", explanation: "There is no market of that name on this venue." },
  UNKNOWN_ACCOUNT: {
    check: "Trading account",
    explanation: "The engine holds no trading account for you yet. Open your simulated trading account on this page first.",
  },
  ACCOUNT_EXISTS: { check: "Trading account", explanation: "Your trading account already exists; nothing needed to be created." },
  UNKNOWN_ORDER: {
    check: "Order still open",
    explanation: "None of your orders resting on the book has this id: the order has already been filled, cancelled or closed by the engine, or the id is not one of your orders.",
  },
  DUPLICATE_ORDER_ID: { check: "Order id", explanation: "Order ids are never reused, and this one was already used. Place the order again; it gets a new id." },
  ORDER_ID_TOO_OLD: {
    check: "Order id",
    explanation: "The order reached the engine only after a very large number of newer orders, and its id was too old to check against reuse, so it was refused unplaced. Place the order again; it gets a new id.",
  },
  NOT_ORDER_OWNER: { check: "Order ownership", explanation: "The order belongs to another account, so you cannot cancel it." },
  INVALID_SIZE: {
    check: `${PRE_TRADE}: order size`,
    explanation: "Every market has a minimum and a maximum size for one order (in lots of the market's lot size); this order is outside them. Both limits are in the market's contract specification.",
  },
  PRICE_OFF_TICK: { check: `${PRE_TRADE}: tick size`, explanation: "A price must be a whole number of the market's tick size." },
  PRICE_OUT_OF_BOUNDS: { check: `${PRE_TRADE}: price bounds`, explanation: "The price is outside the range the market accepts (at least one tick, at most the market's maximum price)." },
  NO_MARK_PRICE: {
    check: `${PRE_TRADE}: mark price available`,
    explanation:
      "The margin check values every order against the market's mark price, and the market has none yet (its index has too few valid price sources). Orders are refused until there is a mark price.",
  },
  INSUFFICIENT_MARGIN: {
    check: `${PRE_TRADE}: initial margin (COL-2)`,
    explanation:
      "Before accepting an order that increases your exposure, the platform checks that your settled equity, less the order's trading fee and any immediate loss against the mark price, covers the initial margin of all your positions and open orders with this order counted as filled. It does not, so the order was refused. Reduce the size, use a limit price closer to the mark, or deposit more collateral.",
  },
  COLLATERAL_NOT_RECEIVED: {
    check: `${PRE_TRADE}: collateral received (COL-2)`,
    explanation:
      "Your settled collateral does not cover this order; it would only be covered if your pending deposits were counted. Margin must be fully received before an order is accepted, so pending deposits never count. Wait until the deposit is confirmed (see Pending deposits), then place the order again.",
  },
  EXPOSURE_CAP: {
    check: `${PRE_TRADE}: exposure cap`,
    explanation: "Your account has a cap on its total notional or on its total initial margin, and this order would take it past the cap.",
  },
  POSITION_LIMIT: {
    check: `${PRE_TRADE}: position limit`,
    explanation: "The order would take your position in this market beyond the market's maximum position notional (the cap of its last margin tier).",
  },
  REDUCE_ONLY_ACCOUNT: {
    check: `${PRE_TRADE}: account is reduce-only`,
    explanation: "Your account may currently only reduce positions, and this order would open or increase one.",
  },
  REDUCE_ONLY_WOULD_INCREASE: {
    check: `${PRE_TRADE}: reduce-only`,
    explanation:
      "A reduce-only order may only shrink a position you hold: it must be on the opposite side of that position, and your resting reduce-only orders must not already cover all of it. There is no position in this market for this order to reduce.",
  },
  POST_ONLY_WOULD_CROSS: {
    check: `${PRE_TRADE}: post-only`,
    explanation: "A post-only order must rest on the book as a maker order; at this price it would trade immediately, so it was refused.",
  },
  FOK_NOT_FILLABLE: { check: "Fill or kill", explanation: "A fill-or-kill order trades in full at once or not at all; the book could not fill all of it." },
  INELIGIBLE_COLLATERAL: {
    check: "Eligible collateral (COL-1)",
    explanation:
      "Only fiat and HKMA-regulated stablecoins or tokenized deposits listed in the collateral registry can be deposited, and only while the entry is effective, not suspended, and (for HKD assets) a USD/HKD rate is available. The engine's message says which condition failed.",
  },
  DUPLICATE_DEPOSIT: { check: "Deposit id", explanation: "This deposit was already recorded; it is not recorded twice." },
  UNKNOWN_DEPOSIT: { check: "Deposit", explanation: "The engine has no record of this deposit." },
  DEPOSIT_ALREADY_SETTLED: { check: "Deposit", explanation: "This deposit has already been confirmed and credited." },
  INVALID_AMOUNT: { check: "Amount", explanation: "The amount must be greater than zero." },
  DEPOSIT_LIMIT_EXCEEDED: {
    check: "Deposit limits",
    explanation:
      "Each eligible asset has a largest single deposit and a most that one account may hold of it, pending deposits included; both are listed on the eligible-collateral page. This deposit would go beyond one of them, so nothing was recorded.",
  },
  INSUFFICIENT_FREE_COLLATERAL: {
    check: "Free collateral",
    explanation: "A withdrawal may take only collateral that is not needed as initial margin for your positions and open orders.",
  },
  DUPLICATE_WITHDRAWAL: { check: "Withdrawal id", explanation: "This withdrawal was already processed; it is not processed twice." },
  INVALID_COLLATERAL_UPDATE: { check: "Collateral registry", explanation: "The change to the collateral registry was refused by its validation." },
  INVALID_PARAMETER_CHANGE: { check: "Market parameter change", explanation: "The change to a market parameter was refused: the path is unknown, fixed or derived, the value is invalid, or it would not change anything." },
  HOST_STOPPED: { check: "Engine availability", explanation: "The engine was stopping or restarting and did not take the command. Nothing changed; try again in a moment." },
};

export interface ExplainedRejection extends RejectionExplanation {
  code: string;
  /** The engine's own message, with its figures. */
  message: string;
}

export function explainRejection(code: string, message: string): ExplainedRejection {
  const known = (REJECTION_EXPLANATIONS as Record<string, RejectionExplanation | undefined>)[code];
  return { code, message, ...(known ?? { check: "Engine check", explanation: "The engine refused the command; its message below says why." }) };
}
