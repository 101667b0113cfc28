import { describe, expect, it } from "vitest";
import { addHongKongBusinessDays, hongKongPublicHolidays, isCalendarDate, isHongKongBusinessDay } from "./hk-business-days";

describe("Hong Kong business days", () => {
  it("RPT-6: weekends are not business days", () => {
    expect(isHongKongBusinessDay("2026-03-06")).toBe(true); // Friday
    expect(isHongKongBusinessDay("2026-03-07")).toBe(false); // Saturday
    expect(isHongKongBusinessDay("2026-03-08")).toBe(false); // Sunday
    // Seven business days from a Monday with no holiday in between: the Wednesday of the next week.
    expect(addHongKongBusinessDays("2026-03-02", 7)).toBe("2026-03-11");
  });

  it("RPT-6: the holidays come from the calendar library, lunar and substitute days included", () => {
    const holidays = hongKongPublicHolidays(2026);
    // Lunar New Year 2026 falls on 17 February; Chung Yeung (18 October) is a Sunday, so the 19th is the holiday.
    expect([...holidays]).toEqual(expect.arrayContaining(["2026-01-01", "2026-02-17", "2026-02-18", "2026-02-19", "2026-10-19", "2026-12-25"]));
    expect(isHongKongBusinessDay("2026-02-17")).toBe(false);
    expect(isHongKongBusinessDay("2026-10-19")).toBe(false);
  });

  it("RPT-6: a 7-business-day window across Christmas and Boxing Day skips them", () => {
    // Tue 22 Dec 2026: 23, 24, [25 Christmas, 26 Sat], 27 Sun, 28 Mon, 29, 30, 31, [1 Jan], 2-3 weekend, 4 Jan.
    expect(addHongKongBusinessDays("2026-12-22", 7)).toBe("2027-01-04");
  });

  it("RPT-6: a 7-business-day window across Chung Yeung's substitute day skips it", () => {
    // Thu 15 Oct 2026: 16, [17-18 weekend], [19 Chung Yeung substitute], 20, 21, 22, 23, [24-25 weekend], 26, 27.
    expect(addHongKongBusinessDays("2026-10-15", 7)).toBe("2026-10-27");
  });

  it("RPT-6: a 7-business-day window across Lunar New Year skips all three days", () => {
    // Fri 13 Feb 2026: 16, [17, 18, 19 Lunar New Year], 20, [21-22 weekend], 23, 24, 25, 26, 27.
    expect(addHongKongBusinessDays("2026-02-13", 7)).toBe("2026-02-27");
  });

  it("refuses what is not a date, and counts out of range", () => {
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("yesterday")).toBe(false);
    expect(() => addHongKongBusinessDays("2026-02-30", 7)).toThrow(RangeError);
    expect(() => addHongKongBusinessDays("2026-02-02", 0)).toThrow(RangeError);
  });
});
