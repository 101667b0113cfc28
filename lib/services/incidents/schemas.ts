import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

/** The most a narrative field holds: several paragraphs, far more than a report needs, bounded for the page and the PDF. */
export const NARRATIVE_MAX_CHARS = 5_000;
const NARRATIVE_MAX_TEXT = "5,000";

/** An incident's id as the journal projector writes it (letters, digits and a few separators). */
export const IncidentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, zodMessage("validation.incidents.incidentMissing"));

export const IncidentIdInput = z.object({ incidentId: IncidentId });
export type IncidentIdInput = z.input<typeof IncidentIdInput>;

/** Each field says which one is missing or too long, so the form puts the message beside it. */
const NARRATIVE_MESSAGES = {
  cause: { required: "validation.incidents.causeRequired", tooLong: "validation.incidents.causeTooLong" },
  impact: { required: "validation.incidents.impactRequired", tooLong: "validation.incidents.impactTooLong" },
  remediation: { required: "validation.incidents.remediationRequired", tooLong: "validation.incidents.remediationTooLong" },
} as const;

function narrativeText(field: keyof typeof NARRATIVE_MESSAGES) {
  const { required, tooLong } = NARRATIVE_MESSAGES[field];
  return z
    .string({ error: zodMessage(required) })
    .trim()
    .min(1, zodMessage(required))
    .max(NARRATIVE_MAX_CHARS, zodMessage(tooLong, { max: NARRATIVE_MAX_TEXT }));
}

export const IncidentNarrative = z.object({ cause: narrativeText("cause"), impact: narrativeText("impact"), remediation: narrativeText("remediation") });
export type IncidentNarrative = z.output<typeof IncidentNarrative>;

export const SaveNarrativeInput = IncidentIdInput.extend(IncidentNarrative.shape);
export type SaveNarrativeInput = z.input<typeof SaveNarrativeInput>;

export const ReturnReportInput = IncidentIdInput.extend({
  reason: z
    .string({ error: zodMessage("validation.incidents.returnReasonTooShort", { min: 10 }) })
    .trim()
    .min(10, zodMessage("validation.incidents.returnReasonTooShort", { min: 10 }))
    .max(2000, zodMessage("validation.incidents.returnReasonTooLong", { max: "2,000" })),
});
export type ReturnReportInput = z.input<typeof ReturnReportInput>;

export const INCIDENT_LIST_MAX = 200;

export const ListIncidentsInput = z.object({ take: z.number().int().min(1).max(INCIDENT_LIST_MAX).default(100) }).default({ take: 100 });
export type ListIncidentsInput = z.input<typeof ListIncidentsInput>;
