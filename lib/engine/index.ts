/**
 * Public entry of the engine (the only module the app imports).
 *
 *   const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, startMs);
 *   const { events, rejection } = apply(engine, command);
 *
 * Commands in, events out. `apply` mutates the state in place; a rejected command changes nothing
 * (same state hash, no events, no seq consumed). Journal = the COMMAND journal: the host stores each
 * accepted command with the `commandCount` it produced; `restore(snapshot)` then `apply` of every
 * later command reproduces the identical state hash and the identical events (same seqs). Events are
 * the outputs to publish and persist; they are not needed to rebuild state.
 *
 * This file only re-exports: commands in dispatch.ts, the state image in snapshot-restore.ts, the
 * queries in views.ts, the audit in invariants.ts, the configuration in config-types.ts,
 * config-validation.ts, default-config.ts and parameter-docs.ts (README §1).
 */

export { apply, createEngine } from "./dispatch";
export { parseSnapshot, replay, restore, serializeSnapshot, snapshot, stateHash, type EngineSnapshot, type EngineSnapshotV2 } from "./snapshot-restore";
export {
  accountFigures,
  accountView,
  adlIndicators,
  adlRisk,
  afmmOrderEntry,
  afmmTerms,
  spotListings,
  backstopView,
  bookDepth,
  collateralView,
  configHash,
  marketPositions,
  marketView,
  orderProtectionView,
  previewOrder,
  type AccountFigures,
  type AccountView,
  type OrderPreview,
  type OrderPreviewInput,
  type OrderProtectionView,
  type PositionView,
} from "./views";
export { parseBandRejection, priceBandOf, protectiveLimitOf, MAX_ORDER_PROTECTION_RATE, type PriceBand } from "./order-protection";
export { checkInvariants } from "./invariants";

export type * from "./types";
export { REJECTION_CODES, type Rejection, type RejectionCode } from "./rejections";
export { EngineConfigError, type EngineState } from "./exchange";
export { canonicalHash, canonicalJson, fnv1a64, parseCanonical } from "./snapshot";
export {
  ADL_CURVE_STEP_PCT,
  ADL_MAX_SHOCK_PCT,
  HARD_FLOORS,
  LIQUIDATION_CLOSE_OUTS,
  closeOutOf,
  type LiquidationCloseOut,
  type EngineConfig,
  type EngineConfigInput,
  type SpotListing,
  type MarketSpec,
  type MarketSpecInput,
  type AdlRiskParams,
  type AfmmFeeOverride,
  type AfmmQuoteObligation,
  type AfmmTerms,
  type OrderProtectionParams,
} from "./config-types";
export { validateAfmmTerms, validateEngineConfig, validateMarketSpec, validateSpotListings } from "./config-validation";
export { DEFAULT_AFMM_TERMS, DEFAULT_ENGINE_CONFIG, DEFAULT_ENGINE_CONFIG_INPUT, DEFAULT_SPOT_LISTINGS } from "./default-config";
export { AFMM_TERMS_DOCS, MARKET_PARAMETER_DOCS, type ParamDoc, type ParamUnit } from "./parameter-docs";
export { COLLATERAL_FIELD_DOCS, type CollateralScheduleRow } from "./collateral";
export { collateralSchedule, depositLimitProblem, KNOWN_INELIGIBLE_ASSETS, usdPerHkdFromHkdPerUsd } from "./collateral";
export {
  assetValuation,
  collateralValue,
  validateCollateralRegistry,
  DEFAULT_COLLATERAL_REGISTRY,
  SETTLEMENT_ASSET,
  type CollateralAsset,
  type CollateralCircuitBreaker,
} from "./collateral";
export { initialMargin, maintenanceMargin, maintenanceMarginBracketed, tierFor } from "./margin";
export { scanLiquidatable, liquidationPrice, positionLiquidationPrice, bankruptcyPrice, NO_PRICE } from "./liquidation";
export { fundingPayment } from "./funding";
export {
  adlDistance,
  adlRankKey,
  adlRiskLevel,
  compareAdlRank,
  type AdlDistance,
  type AdlCurvePoint,
  type AdlIndicator,
  type AdlRiskLevel,
  type AdlRiskTrigger,
} from "./adl";
export {
  FIXED_MARKET_PARAMETERS,
  MAX_SCHEDULED_CHANGES,
  PARAMETER_TIGHTENING,
  applyMarketParameterChanges,
  scheduledParameterChanges,
  tighteningChanges,
  docPathOf,
  fixedReason,
  flattenParameters,
  liveConfig,
  marketSpecInputOf,
  parsePath,
} from "./parameters";
export {
  marketImpactOfChanges,
  previewAccountUnderChanges,
  type AccountPreviewResult,
  type AccountRiskPreview,
  type MarketImpactResult,
} from "./parameter-impact";
export {
  explainMark,
  markSteps,
  type MarkExplanation,
  type MarkFallbackReason,
  type MarkInputName,
  type MarkSteps,
  type MarkTick,
  type MarkTickInputs,
} from "./mark-price";

/** Accounts that need the waterfall right now, by full scan (test oracle for the index). */
export { needsLiquidation, scanLiquidatable as liquidatableByScan } from "./liquidation";
export { restingOrders } from "./views";
