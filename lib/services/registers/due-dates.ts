import { addHongKongBusinessDays } from "@/lib/calendar/hk-business-days";
import { hongKongDate, hongKongDayStart } from "@/lib/reports/period";

/**
 * The registers' deadlines as dates and instants. A task due on a Hong Kong date is due by the end of
 * that day, so its `dueAt` is the start of the next Hong Kong day.
 */

/** RPT-6: a MIC change is notified within 7 business days (the RO and key-person changes are given the same window). */
export const PERSONNEL_NOTICE_BUSINESS_DAYS = 7;
/** RPT-5: the annual return is due within one month after each licence anniversary. */
export const ANNUAL_RETURN_MONTHS = 1;
/** RPT-4: the audited accounts are due within four months after the financial year end. */
export const AUDITED_ACCOUNTS_MONTHS = 4;

const DAY_MS = 86_400_000;

/** The instant a task due on Hong Kong date `date` becomes overdue. */
export function endOfHongKongDay(date: string): Date {
  const start = hongKongDayStart(date);
  if (start === null) throw new RangeError(`not a YYYY-MM-DD date: ${date.slice(0, 20)}`);
  return new Date(start + DAY_MS);
}

/** The Hong Kong date a task is due on (the last day before its `dueAt`). */
export function dueDate(dueAt: Date): string {
  return hongKongDate(dueAt.getTime() - 1);
}

export function personnelNoticeDue(effectiveDate: string): { dueDate: string; dueAt: Date } {
  const due = addHongKongBusinessDays(effectiveDate, PERSONNEL_NOTICE_BUSINESS_DAYS);
  return { dueDate: due, dueAt: endOfHongKongDay(due) };
}

/** `date` plus whole months, kept within the month (31 January plus one month is 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface FilingReminder {
  kind: "annual_return" | "audited_accounts";
  /** The anniversary or year end the filing is for. */
  anchor: string;
  dueDate: string;
  dueAt: Date;
  sourceRef: string;
}

/**
 * RPT-4, RPT-5: the next annual return and audited accounts still to file at `now`: for each, the
 * earliest anniversary (year end) whose deadline has not passed. Once a deadline passes, the next
 * year's reminder follows.
 */
export function upcomingFilingReminders(
  now: Date,
  { licenceAnniversary, financialYearEnd }: { licenceAnniversary: string; financialYearEnd: string },
): FilingReminder[] {
  const today = hongKongDate(now.getTime());
  const year = Number(today.slice(0, 4));
  const next = (kind: FilingReminder["kind"], monthDay: string, months: number): FilingReminder => {
    for (const candidate of [year - 1, year, year + 1]) {
      const anchor = `${candidate}-${monthDay}`;
      const due = addMonths(anchor, months);
      if (due >= today) return { kind, anchor, dueDate: due, dueAt: endOfHongKongDay(due), sourceRef: `${kind}:${anchor}` };
    }
    throw new RangeError("no filing date within a year");
  };
  return [next("annual_return", licenceAnniversary, ANNUAL_RETURN_MONTHS), next("audited_accounts", financialYearEnd, AUDITED_ACCOUNTS_MONTHS)];
}
