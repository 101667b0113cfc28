// Calendar dates are ISO "YYYY-MM-DD" strings (the Hong Kong calendar day of the document or trade).
// Arithmetic runs on UTC day numbers so time zones and DST cannot move a boundary.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Day number since 1970-01-01, or null when the string is not a real calendar date. */
export function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

export function isIsoDate(date: string): boolean {
  return dayNumber(date) !== null;
}

/** Whole days from `earlier` to `later` (negative when `earlier` is after `later`). Both must be valid. */
export function daysBetween(earlier: string, later: string): number {
  const a = dayNumber(earlier);
  const b = dayNumber(later);
  if (a === null || b === null) throw new Error(`invalid ISO date: ${a === null ? earlier : later}`);
  return b - a;
}

/**
 * `date` moved back by `months` calendar months. When the target month is shorter, the day is clamped to
 * its last day (2026-03-31 minus 1 month → 2026-02-28), so the window never reaches further back than the
 * stated number of months.
 */
export function subtractMonths(date: string, months: number): string {
  const m = ISO_DATE.exec(date);
  if (!m || dayNumber(date) === null) throw new Error(`invalid ISO date: ${date}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) - months;
  const y = Math.floor(total / 12);
  const mo = total - y * 12;
  const lastDay = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), lastDay);
  return `${String(y).padStart(4, "0")}-${String(mo + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const HONG_KONG_OFFSET_MS = 8 * 3_600_000;

/** The Hong Kong calendar day of an instant (UTC+8 all year: no DST), as YYYY-MM-DD. */
export function hongKongDate(instant: Date): string {
  return new Date(instant.getTime() + HONG_KONG_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` moved forward by `months` calendar months, the day clamped to the target month's end (2028-02-29 + 12 → 2029-02-28). */
export function addMonths(date: string, months: number): string {
  return subtractMonths(date, -months);
}

/** 12 months: how long a professional-investor status runs from its assessment (PI-8). */
export const PI_STATUS_VALIDITY_MONTHS = 12;

/**
 * When a professional-investor status ends (PI-8, PI-5): 00:00 Hong Kong time on the same calendar date
 * 12 months after the ASSESSMENT ("relevant") date, not the approval date. The evidence was judged as of
 * the assessment date, so counting from a later approval would let status rest on evidence older than
 * the year the PI Rules allow. The date is moved with `addMonths` (same rule as the evidence windows
 * here: the day is clamped to the month's end, so 2028-02-29 runs to 2029-02-28 and never beyond 12
 * months), and the status ends at the start of that day: it never outlives its assessment by a day.
 */
export function piStatusExpiresAt(assessmentDate: string): Date {
  const day = dayNumber(addMonths(assessmentDate, PI_STATUS_VALIDITY_MONTHS));
  if (day === null) throw new Error(`invalid ISO date: ${assessmentDate}`);
  return new Date(day * MS_PER_DAY - HONG_KONG_OFFSET_MS);
}
