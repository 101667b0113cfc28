/**
 * The pure rules behind the canvas charts (components/charts/uplot-chart.tsx), apart from the
 * drawing library so they can be tested without a browser. Every value here is a plotting Number:
 * it places pixels and is never shown as a figure.
 */

export type PlotValues = ArrayLike<number | null | undefined>;

/** Values a series actually has (a gap is null or undefined). */
export function valueCount(values: PlotValues): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) count++;
  return count;
}

/** The values handed to the plot over all its series: what the browser tests wait for before looking at the canvas. */
export function countPlotted(series: readonly PlotValues[]): number {
  return series.reduce((sum, values) => sum + valueCount(values), 0);
}

/** A line needs two values; with fewer, the series is drawn as a dot, so the first value of a market is visible too. */
export function pointsVisible(values: PlotValues): boolean {
  return valueCount(values) < 2;
}

/**
 * The row the legend reads out: the one under the pointer, else the newest, so the legend keeps
 * the same figures (and so the same height) whether or not the pointer is over the plot.
 */
export function legendRow(idx: number | null | undefined, rows: number): number | null {
  if (idx !== null && idx !== undefined) return idx;
  return rows > 0 ? rows - 1 : null;
}

/**
 * The value span the y axis is fitted to: with `includeZero` the axis starts at zero (a balance or a
 * rate reads against nothing). A flat span gets a margin of 1 % either side (1 for zero) so a single
 * price sits mid-axis instead of the axis running from zero to twice the price.
 */
export function valueSpan(min: number | null | undefined, max: number | null | undefined, includeZero: boolean): [number, number] | null {
  if (min === null || min === undefined || max === null || max === undefined || !Number.isFinite(min) || !Number.isFinite(max)) {
    return includeZero ? [-1, 1] : null;
  }
  let low = includeZero ? Math.min(0, min) : min;
  let high = includeZero ? Math.max(0, max) : max;
  if (low === high) {
    const margin = Math.abs(low) / 100 || 1;
    low -= margin;
    high += margin;
  }
  return [low, high];
}

export interface ReferenceLine {
  /** "y": a horizontal line at a value; "x": a vertical line at a position on the x axis. */
  axis: "x" | "y";
  at: number;
  color: string;
  /** Dash pattern in CSS pixels (none: solid). */
  dash?: number[];
  label?: string;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where a reference line goes on the canvas: across the whole plot box at the value's pixel, or
 * nowhere when the value is outside the axis' current range (a cap far from the rates shown is not
 * drawn, rather than stretching the axis to reach it).
 */
export function referenceSegment(
  line: Pick<ReferenceLine, "axis" | "at">,
  range: { min: number | null | undefined; max: number | null | undefined },
  box: Box,
  toPixel: (value: number) => number,
): Segment | null {
  const { min, max } = range;
  if (min === null || min === undefined || max === null || max === undefined || !Number.isFinite(line.at)) return null;
  if (line.at < min || line.at > max) return null;
  const at = toPixel(line.at);
  if (line.axis === "y") return { x0: box.left, y0: at, x1: box.left + box.width, y1: at };
  return { x0: at, y0: box.top, x1: at, y1: box.top + box.height };
}

/** Room an axis label needs between ticks, in CSS pixels, from a sample label: about 7 px a character at the 12 px axis font, plus a gap. */
export function tickSpace(sample: string): number {
  return sample.length * 7 + 24;
}
