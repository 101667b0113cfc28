import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

/** Inputs of the risk-governance verbs (MRG-5, maker-checker). Every string and list is bounded. */

const CHOOSE_MARKET = zodMessage("validation.common.chooseMarket");
const PATH_FORMAT = zodMessage("validation.parameters.pathFormat");
const PATH = z
  .string()
  .trim()
  .min(1, zodMessage("validation.parameters.pathRequired"))
  .max(200, PATH_FORMAT)
  .regex(/^[A-Za-z][A-Za-z0-9]*(\[\d+\])*(\.[A-Za-z][A-Za-z0-9]*(\[\d+\])*)*$/, PATH_FORMAT);
const MARKET = z.string().trim().min(1, CHOOSE_MARKET).max(32, CHOOSE_MARKET);
const REASON = z
  .string()
  .trim()
  .min(10, zodMessage("validation.parameters.reasonTooShort", { min: 10 }))
  .max(500, zodMessage("validation.common.reasonTooLong", { max: 500 }));
const ID = z.string().trim().min(1, zodMessage("validation.marketGovernance.proposalId")).max(64, zodMessage("validation.marketGovernance.proposalId"));
const VERSION = z.coerce
  .number({ error: zodMessage("validation.marketGovernance.version") })
  .int(zodMessage("validation.marketGovernance.version"))
  .min(0, zodMessage("validation.marketGovernance.version"))
  .max(1_000_000, zodMessage("validation.marketGovernance.version"));
/** An instant typed as UTC ("2026-12-07T09:30" or full ISO); empty = at approval. */
const EFFECTIVE_AT = z
  .string()
  .trim()
  .max(40, zodMessage("validation.marketGovernance.effectiveAt"))
  .regex(/^$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, zodMessage("validation.marketGovernance.effectiveAt"))
  .optional();

export const ProposeMarketParametersInput = z.object({
  market: MARKET,
  changes: z
    .array(
      z.object({
        path: PATH,
        value: z
          .string()
          .trim()
          .min(1, zodMessage("validation.parameters.valueRequired"))
          .max(200, zodMessage("validation.parameters.valueTooLong", { max: 200 })),
      }),
    )
    .min(1, zodMessage("validation.marketGovernance.changesRequired"))
    .max(20, zodMessage("validation.marketGovernance.tooManyChanges", { max: 20 })),
  reason: REASON,
  effectiveAt: EFFECTIVE_AT,
});
export type ProposeMarketParametersInput = z.input<typeof ProposeMarketParametersInput>;

export const ProposeMarketApprovalInput = z.object({
  market: MARKET,
  reference: z.string().trim().min(3, zodMessage("validation.marketGovernance.reference")).max(100, zodMessage("validation.marketGovernance.reference")),
  approvedOn: z
    .string()
    .trim()
    .max(10, zodMessage("validation.marketGovernance.approvedOn"))
    .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage("validation.marketGovernance.approvedOn")),
  envelope: z
    .array(
      z.object({
        path: PATH,
        min: z.string().trim().max(40, zodMessage("validation.marketGovernance.bound")).optional(),
        max: z.string().trim().max(40, zodMessage("validation.marketGovernance.bound")).optional(),
      }),
    )
    .min(1, zodMessage("validation.marketGovernance.envelopeRequired"))
    .max(200, zodMessage("validation.marketGovernance.envelopeTooLong", { max: 200 })),
  reason: REASON,
});
export type ProposeMarketApprovalInput = z.input<typeof ProposeMarketApprovalInput>;

export const DecideRiskProposalInput = z.object({
  id: ID,
  version: VERSION,
  decision: z.enum(["approve", "reject"], { error: zodMessage("validation.marketGovernance.decision") }),
  note: z
    .string()
    .trim()
    .max(500, zodMessage("validation.common.reasonTooLong", { max: 500 }))
    .optional(),
});
export type DecideRiskProposalInput = z.input<typeof DecideRiskProposalInput>;

export const GetRiskProposalInput = z.object({ id: ID });
export type GetRiskProposalInput = z.input<typeof GetRiskProposalInput>;

export const WithdrawRiskProposalInput = z.object({ id: ID, version: VERSION });
export type WithdrawRiskProposalInput = z.input<typeof WithdrawRiskProposalInput>;

/** "2026-12-07T09:30" (read as UTC) → epoch ms; undefined when empty. */
export function effectiveAtMsOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}
