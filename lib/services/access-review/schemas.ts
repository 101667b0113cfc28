import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

/** A calendar quarter, e.g. "2026-Q4" (Hong Kong time). */
export const AccessReviewInput = z.object({
  quarter: z.string().regex(/^20\d{2}-Q[1-4]$/, zodMessage("validation.accessReview.quarter")),
});
export type AccessReviewInput = z.input<typeof AccessReviewInput>;

const HK_OFFSET_MS = 8 * 3_600_000;

/** The quarter's bounds as instants: [from, to). */
export function quarterBounds(quarter: string): { from: Date; to: Date } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return { from: new Date(Date.UTC(year, (q - 1) * 3, 1) - HK_OFFSET_MS), to: new Date(Date.UTC(year, q * 3, 1) - HK_OFFSET_MS) };
}

/** The quarter a moment falls in, Hong Kong time. */
export function quarterOf(at: Date): string {
  const hk = new Date(at.getTime() + HK_OFFSET_MS);
  return `${hk.getUTCFullYear()}-Q${Math.floor(hk.getUTCMonth() / 3) + 1}`;
}
