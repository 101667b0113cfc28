import { msg } from "@/lib/i18n/message-ref";
import { dayAfter, hongKongDayStart, MAX_PERIOD_DAYS } from "@/lib/reports/period";
import { Invalid } from "@/lib/services/errors";

/**
 * The one reading of a reporting period typed by an officer (report packs, the regulator export): two
 * Hong Kong dates, both included, in order, at most MAX_PERIOD_DAYS long and, when `endedBy` is given,
 * over by then. A refusal names the field and the value as typed.
 */
export function parseReportPeriod(
  fromText: string,
  toText: string,
  { endedBy }: { endedBy?: number } = {},
): { from: string; to: string; fromMs: number; toMs: number } {
  const from = fromText.trim();
  const to = toText.trim();
  const fromMs = hongKongDayStart(from);
  const lastDayMs = hongKongDayStart(to);
  if (fromMs === null)
    throw new Invalid(msg("errors.reports.badDate", { date: from.slice(0, 20) }), { from: [msg("errors.reports.badDate", { date: from.slice(0, 20) })] });
  if (lastDayMs === null)
    throw new Invalid(msg("errors.reports.badDate", { date: to.slice(0, 20) }), { to: [msg("errors.reports.badDate", { date: to.slice(0, 20) })] });
  if (lastDayMs < fromMs) throw new Invalid(msg("errors.reports.inverted", { from, to }), { to: [msg("errors.reports.inverted", { from, to })] });
  const toMs = dayAfter(lastDayMs);
  if (endedBy !== undefined && toMs > endedBy) throw new Invalid(msg("errors.reports.future", { to }), { to: [msg("errors.reports.future", { to })] });
  if ((toMs - fromMs) / 86_400_000 > MAX_PERIOD_DAYS) throw new Invalid(msg("errors.reports.tooLong", { days: MAX_PERIOD_DAYS }));
  return { from, to, fromMs, toMs };
}
