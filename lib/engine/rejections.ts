/**
 * Stable rejection codes. A rejected command changes nothing (no event, no seq, identical state
 * hash); the host shows `message` and keys behaviour off `code`. Codes are part of the public API:
 * add new ones, never rename.
 */

export const REJECTION_CODES = [
  /** Command shape invalid (missing field, wrong type, non-integer where an integer is required). */
  "INVALID_COMMAND",
  /** nowMs earlier than the engine clock (commands must be in time order). */
  "TIME_WENT_BACKWARDS",
  "UNKNOWN_MARKET",
  "UNKNOWN_ACCOUNT",
  "ACCOUNT_EXISTS",
  "UNKNOWN_ORDER",
  /** Order id already used in this engine (resting or not). */
  "DUPLICATE_ORDER_ID",
  /**
   * Order id at or below (highest accepted id − ORDER_ID_WINDOW): the engine no longer knows whether
   * it was used, so it refuses it (order-ids.ts). Host-allocated ids never get there in practice.
   */
  "ORDER_ID_TOO_OLD",
  /** The order belongs to another account. */
  "NOT_ORDER_OWNER",
  /** Size not a safe integer, below the market's minSizeLots or above maxOrderLots. */
  "INVALID_SIZE",
  /** Price not an integer number of ticks. */
  "PRICE_OFF_TICK",
  /** Price outside 1 … maxPriceTicks. */
  "PRICE_OUT_OF_BOUNDS",
  /** Market order or margin check needs a mark price and the market has none yet. */
  "NO_MARK_PRICE",
  /** Settled collateral cannot cover initial margin + fees of the order. */
  "INSUFFICIENT_MARGIN",
  /** It would be covered only if pending (unsettled) deposits were counted (COL-2). */
  "COLLATERAL_NOT_RECEIVED",
  /** The account's exposure cap (max notional or max initial margin) would be exceeded. */
  "EXPOSURE_CAP",
  /** The order would take the position beyond the market's position limit (last tier cap). */
  "POSITION_LIMIT",
  /** The account is flagged reduce-only and the order would not reduce a position. */
  "REDUCE_ONLY_ACCOUNT",
  /** A reduce-only order on a flat position or on the position's own side. */
  "REDUCE_ONLY_WOULD_INCREASE",
  "POST_ONLY_WOULD_CROSS",
  "FOK_NOT_FILLABLE",
  /** Asset not in the registry, suspended, outside its effective dates, or FX missing (COL-1, COL-4). */
  "INELIGIBLE_COLLATERAL",
  "DUPLICATE_DEPOSIT",
  "UNKNOWN_DEPOSIT",
  "DEPOSIT_ALREADY_SETTLED",
  "INVALID_AMOUNT",
  /** The deposit exceeds the asset's largest single deposit, or the account's limit for the asset (registry). */
  "DEPOSIT_LIMIT_EXCEEDED",
  /** Withdrawal larger than free collateral: USD beyond min(cash, equity − IM), or an asset amount beyond the holding or whose value exceeds equity − IM. */
  "INSUFFICIENT_FREE_COLLATERAL",
  "DUPLICATE_WITHDRAWAL",
  /** Registry or FX update rejected by collateral validation. */
  "INVALID_COLLATERAL_UPDATE",
  /** UpdateMarketParameters refused: unknown, derived or fixed path, wrong type, no-op, or the result fails config validation. */
  "INVALID_PARAMETER_CHANGE",
  /** Order entry by afmm-kind accounts is suspended (SetAfmmOrderEntry; AFMM-4, AFMM-9). */
  "AFMM_SUSPENDED",
  /** CancelScheduledParameters names no pending scheduled change (never scheduled, already applied, failed or cancelled). */
  "UNKNOWN_SCHEDULE",
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

/** Why a command was refused. */
export interface Rejection {
  code: RejectionCode;
  message: string;
}

/**
 * Thrown inside the engine to abort a command before it has mutated anything; caught by `apply`,
 * never escapes it. Deliberately not an `Error`: a rejection is an expected outcome on the order
 * path, and capturing a stack trace for each one is measurable there.
 */
export class RejectError {
  readonly name = "RejectError";
  constructor(
    readonly code: RejectionCode,
    readonly message: string,
  ) {}
}

export function reject(code: RejectionCode, message: string): never {
  throw new RejectError(code, message);
}
