import { HK_OFFSET_MS, monthOf, monthWindow } from "@/lib/services/afmm/afmm-mi-model";

/**
 * Report periods are whole Hong Kong calendar days: "from" and "to" are dates (YYYY-MM-DD), both
 * included, so the period is [from 00:00 HKT, the day after "to" 00:00 HKT). Whole days start on whole
 * minutes, which is what the per-minute rollups need to agree with the trade tape.
 */

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;
/** Longest period one pack may cover: a year and a day (a leap year's return). */
export const MAX_PERIOD_DAYS = 366;

/** Start of a Hong Kong calendar day as epoch ms; null when `date` is not a real YYYY-MM-DD date. */
export function hongKongDayStart(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc - HK_OFFSET_MS;
}

export function dayAfter(ms: number): number {
  return ms + DAY_MS;
}

/** The Hong Kong date holding `ms`, YYYY-MM-DD. */
export function hongKongDate(ms: number): string {
  return new Date(ms + HK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Hong Kong calendar month before the one holding `ms`. */
export function previousMonthWindow(ms: number): { month: string; fromMs: number; toMs: number } {
  const current = monthWindow(monthOf(ms))!;
  const month = monthOf(current.fromMs - 1);
  return { month, ...monthWindow(month)! };
}
