import { describe, expect, it } from "vitest";
import { countPlotted, legendRow, pointsVisible, referenceSegment, tickSpace, valueCount, valueSpan } from "./chart-plot";

const box = { left: 10, top: 20, width: 300, height: 100 };
// A y scale from 0 (bottom) to 100 (top) over the box, as the canvas maps it.
const yPixel = (value: number) => box.top + box.height - value;

describe("chart plotting rules", () => {
  it("counts the values a series has, gaps excluded, and over all series", () => {
    expect(valueCount([1, null, 2, undefined])).toBe(2);
    expect(valueCount(new Float64Array([1, 2, 3]))).toBe(3);
    expect(
      countPlotted([
        [1, null],
        [null, null],
        [3, 4],
      ]),
    ).toBe(3);
    expect(countPlotted([])).toBe(0);
  });

  it("draws a series of fewer than two values as a dot", () => {
    expect(pointsVisible([])).toBe(true);
    expect(pointsVisible([null, 5, null])).toBe(true);
    expect(pointsVisible([4, null, 5])).toBe(false);
  });

  it("reads out the row under the pointer, else the newest", () => {
    expect(legendRow(2, 5)).toBe(2);
    expect(legendRow(0, 5)).toBe(0);
    expect(legendRow(null, 5)).toBe(4);
    expect(legendRow(undefined, 0)).toBeNull();
  });

  it("fits the y axis to the values, from zero when asked, with a margin around a flat series", () => {
    expect(valueSpan(5, 9, false)).toEqual([5, 9]);
    expect(valueSpan(5, 9, true)).toEqual([0, 9]);
    expect(valueSpan(-3, -1, true)).toEqual([-3, 0]);
    expect(valueSpan(200, 200, false)).toEqual([198, 202]);
    expect(valueSpan(0, 0, true)).toEqual([-1, 1]);
    expect(valueSpan(null, null, false)).toBeNull();
    expect(valueSpan(null, null, true)).toEqual([-1, 1]);
  });

  it("places a horizontal reference line across the plot at its value's pixel", () => {
    expect(referenceSegment({ axis: "y", at: 40 }, { min: 0, max: 100 }, box, yPixel)).toEqual({ x0: 10, y0: 80, x1: 310, y1: 80 });
  });

  it("places a vertical reference line from the top of the plot to its bottom", () => {
    const xPixel = (value: number) => box.left + (value + 50) * 3;
    expect(referenceSegment({ axis: "x", at: -10 }, { min: -50, max: 50 }, box, xPixel)).toEqual({ x0: 130, y0: 20, x1: 130, y1: 120 });
  });

  it("leaves out a reference line outside the axis' range (inclusive bounds) or before the axis has one", () => {
    expect(referenceSegment({ axis: "y", at: 101 }, { min: 0, max: 100 }, box, yPixel)).toBeNull();
    expect(referenceSegment({ axis: "y", at: -0.5 }, { min: 0, max: 100 }, box, yPixel)).toBeNull();
    expect(referenceSegment({ axis: "y", at: 100 }, { min: 0, max: 100 }, box, yPixel)).not.toBeNull();
    expect(referenceSegment({ axis: "y", at: 0 }, { min: null, max: null }, box, yPixel)).toBeNull();
    expect(referenceSegment({ axis: "y", at: Number.NaN }, { min: 0, max: 100 }, box, yPixel)).toBeNull();
  });

  it("gives an axis label room by its length", () => {
    expect(tickSpace("12:34")).toBeLessThan(tickSpace("01-31 12:34"));
  });
});
