import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

/**
 * Inputs of collateral governance (COL-1, COL-4). Every value arrives as text typed by an officer;
 * amounts and rates are read exactly here (never through floats) and checked again by the engine's own
 * registry validation against the registry in force.
 */

export const REASON_MIN_CHARS = 10;
export const REASON_MAX_CHARS = 500;
export const NOTE_MAX_CHARS = 300;

const ASSET_ID = zodMessage("validation.collateralGovernance.assetId");
const TEXT_MAX = 300;
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, zodMessage("validation.collateralGovernance.textTooLong", { max }))
    .optional()
    .transform((v) => (v === "" ? undefined : v));

const reason = z
  .string()
  .trim()
  .min(REASON_MIN_CHARS, zodMessage("validation.collateralGovernance.reasonTooShort", { min: REASON_MIN_CHARS }))
  .max(REASON_MAX_CHARS, zodMessage("validation.collateralGovernance.reasonTooLong", { max: REASON_MAX_CHARS }));

const assetId = z
  .string()
  .trim()
  .min(1, ASSET_ID)
  .max(40, ASSET_ID)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, ASSET_ID);

// Empty text means "keep the entry's value". A haircut is a percentage 0 to below 100 with at most 7
// decimals (the engine holds ppb); limits are whole minor units (the engine's ceiling is 10^24);
// instants are UTC as a datetime-local field sends them, or ISO 8601.

export const AssetChangeInput = z.object({
  kind: z.literal("ASSET"),
  assetId,
  name: optionalText(TEXT_MAX),
  assetKind: z
    .enum(["FIAT", "HKMA_LICENSED_STABLECOIN", "AI_TOKENIZED_DEPOSIT"], { error: zodMessage("validation.collateralGovernance.assetKind") })
    .optional(),
  currency: z.enum(["USD", "HKD"], { error: zodMessage("validation.collateralGovernance.currency") }).optional(),
  issuer: optionalText(TEXT_MAX),
  licenceNo: optionalText(80),
  haircutPercent: z
    .string()
    .trim()
    .max(12, zodMessage("validation.collateralGovernance.haircut"))
    .regex(/^$|^\d{1,2}(\.\d{1,7})?$/, zodMessage("validation.collateralGovernance.haircut"))
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  decimals: z
    .string()
    .trim()
    .max(2, zodMessage("validation.collateralGovernance.decimals"))
    .regex(/^$|^\d{1,2}$/, zodMessage("validation.collateralGovernance.decimals"))
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  maxDepositMinor: z
    .string()
    .trim()
    .max(25, zodMessage("validation.collateralGovernance.minorUnits"))
    .regex(/^$|^\d{1,25}$/, zodMessage("validation.collateralGovernance.minorUnits"))
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  maxAccountMinor: z
    .string()
    .trim()
    .max(25, zodMessage("validation.collateralGovernance.minorUnits"))
    .regex(/^$|^\d{1,25}$/, zodMessage("validation.collateralGovernance.minorUnits"))
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  effectiveFrom: z
    .string()
    .trim()
    .max(30, zodMessage("validation.collateralGovernance.instant"))
    .regex(/^$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/, zodMessage("validation.collateralGovernance.instant"))
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  /** "open" makes the entry open-ended; empty keeps the entry's end date. */
  effectiveTo: z
    .string()
    .trim()
    .max(30, zodMessage("validation.collateralGovernance.instant"))
    .regex(/^$|^open$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/, zodMessage("validation.collateralGovernance.instant"))
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  regulatoryBasis: optionalText(TEXT_MAX),
  valuationMethod: optionalText(TEXT_MAX),
  reason,
});

export const BreakerInput = z.object({
  kind: z.literal("BREAKER"),
  assetId,
  cause: z.enum(["DEPEG", "LICENCE_REVOKED", "ISSUER_EVENT", "OTHER"], { error: zodMessage("validation.collateralGovernance.cause") }),
  mode: z.enum(["HAIRCUT_100", "INELIGIBLE"], { error: zodMessage("validation.collateralGovernance.mode") }),
  note: optionalText(NOTE_MAX_CHARS),
  /** COL-4: trip it now (after a step-up) and take the second officer's approval after the fact. */
  actAtOnce: z.boolean().default(false),
  reason,
});

export const LiftInput = z.object({ kind: z.literal("LIFT"), assetId, reason });

export const ProposeCollateralChangeInput = z.discriminatedUnion("kind", [AssetChangeInput, BreakerInput, LiftInput], {
  error: zodMessage("validation.collateralGovernance.kind"),
});
export type ProposeCollateralChangeInput = z.input<typeof ProposeCollateralChangeInput>;
export type ParsedProposal = z.output<typeof ProposeCollateralChangeInput>;

const proposalId = z.uuid({ error: zodMessage("validation.collateralGovernance.proposalId") });

export const DecideCollateralChangeInput = z.object({
  proposalId,
  decision: z.enum(["APPROVE", "REJECT"], { error: zodMessage("validation.collateralGovernance.decision") }),
  note: z
    .string()
    .trim()
    .min(REASON_MIN_CHARS, zodMessage("validation.collateralGovernance.reasonTooShort", { min: REASON_MIN_CHARS }))
    .max(REASON_MAX_CHARS, zodMessage("validation.collateralGovernance.reasonTooLong", { max: REASON_MAX_CHARS })),
});
export type DecideCollateralChangeInput = z.input<typeof DecideCollateralChangeInput>;

export const ProposalIdInput = z.object({ proposalId });
export type ProposalIdInput = z.input<typeof ProposalIdInput>;
