import Holidays from "date-holidays";

/**
 * Hong Kong business days (RPT-6: a MIC change is notified within 7 business days). Saturdays, Sundays
 * and Hong Kong general holidays are not business days. The holidays come from the maintained
 * date-holidays calendar, never a list typed here: lunar and substitute holidays move every year.
 * Dates are Hong Kong calendar dates, YYYY-MM-DD; the arithmetic is on UTC midnights so the host's
 * time zone never shifts a day.
 */

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;
/** Beyond this many business days the caller is asking about something other than a filing window. */
export const MAX_BUSINESS_DAYS = 366;

const calendar = new Holidays("HK");
const byYear = new Map<number, ReadonlySet<string>>();

/** The Hong Kong general holidays of a year, as YYYY-MM-DD dates (substitute days included). */
export function hongKongPublicHolidays(year: number): ReadonlySet<string> {
  let holidays = byYear.get(year);
  if (!holidays) {
    // The library's `date` is the holiday's local (Hong Kong) date and time, "YYYY-MM-DD hh:mm:ss".
    holidays = new Set(
      calendar
        .getHolidays(year)
        .filter((holiday) => holiday.type === "public")
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byYear.set(year, holidays);
  }
  return holidays;
}

/** True when `date` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  return toUtcMs(date) !== null;
}

export function isHongKongBusinessDay(date: string): boolean {
  const ms = requireDate(date);
  const weekday = new Date(ms).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !hongKongPublicHolidays(Number(date.slice(0, 4))).has(date);
}

/** The `count`-th Hong Kong business day after `date` (`date` itself is never counted). */
export function addHongKongBusinessDays(date: string, count: number): string {
  if (!Number.isInteger(count) || count < 1 || count > MAX_BUSINESS_DAYS) throw new RangeError(`count must be a whole number from 1 to ${MAX_BUSINESS_DAYS}`);
  let ms = requireDate(date);
  let left = count;
  while (left > 0) {
    ms += DAY_MS;
    if (isHongKongBusinessDay(fromUtcMs(ms))) left -= 1;
  }
  return fromUtcMs(ms);
}

function toUtcMs(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms;
}

function requireDate(date: string): number {
  const ms = toUtcMs(date);
  if (ms === null) throw new RangeError(`not a YYYY-MM-DD date: ${date.slice(0, 20)}`);
  return ms;
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
