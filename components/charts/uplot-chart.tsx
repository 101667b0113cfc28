"use client";

import { useEffect, useMemo, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { countPlotted, legendRow, pointsVisible, referenceSegment, tickSpace, valueSpan, type ReferenceLine } from "@/lib/chart-plot";

export type { ReferenceLine } from "@/lib/chart-plot";

export interface PlotSeries {
  label: string;
  color: string;
  /** Dash pattern in CSS pixels (none: solid). */
  dash?: number[];
  /** "after": each value held until the next; "before": each value drawn over the span up to it; none: straight segments. */
  step?: "after" | "before";
  /** The legend's text for a row: the exact figure the chart was given, never the plotted Number. */
  text: (row: number) => string;
}

export interface UplotChartProps {
  /** x values, ascending: epoch ms when `time`, else plain numbers. */
  xs: readonly number[];
  /** One array per series, aligned with `xs`; null is a gap, spanned by the line. */
  ys: readonly (readonly (number | null)[])[];
  series: readonly PlotSeries[];
  /** The whole box, legend included, so the page keeps the height it reserved. */
  height: number;
  title: string;
  time: boolean;
  /** The x axis' fixed span. */
  xRange: [number, number];
  xTick: (value: number) => string;
  yTick: (value: number) => string;
  /** The legend's text for the row's x (the tooltip label). */
  xText: (row: number) => string;
  yAxisWidth: number;
  /** Start the y axis at zero (a balance, a rate or a shortfall reads against nothing). */
  includeZero?: boolean;
  references?: readonly ReferenceLine[];
}

const GRID_DASH = [3, 3];
const MIN_PLOT_HEIGHT = 80;

/**
 * The canvas plot every chart uses (uPlot): created once per set of series and fed new data in
 * place, so a live update redraws without rebuilding the chart. Its legend doubles as the tooltip
 * (the row under the pointer, else the newest) and sits inside the given height. Hidden from
 * screen readers: the figure around it carries the summary and the table (ChartFigure).
 */
export function UplotChart(props: UplotChartProps) {
  const { xs, ys, series, height, title, time, yAxisWidth } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  // uPlot's callbacks (ranges, ticks, legend, reference lines) read the newest props through this.
  const latest = useRef(props);
  const data = useMemo(() => [xs, ...ys] as unknown as uPlot.AlignedData, [xs, ys]);
  const shape = JSON.stringify([time, yAxisWidth, series.map((line) => [line.label, line.color, line.dash, line.step])]);

  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const host = hostRef.current;
    const target = plotRef.current;
    const legendHost = legendRef.current;
    if (!host || !target || !legendHost) return;
    const { series: lines } = latest.current;
    const fit = (plot: uPlot) => {
      const width = Math.floor(host.clientWidth);
      const plotHeight = Math.max(MIN_PLOT_HEIGHT, latest.current.height - legendHost.offsetHeight);
      if (width > 0 && (width !== plot.width || plotHeight !== plot.height)) plot.setSize({ width, height: plotHeight });
    };
    const grid = { stroke: "#ccc", dash: devicePixels(GRID_DASH), width: 1 };
    // An element, not "": uPlot replaces an empty label with an English word. The x row shows only its value.
    const xLabel = document.createElement("span");
    const options: uPlot.Options = {
      width: Math.floor(host.clientWidth) || 640,
      height: Math.max(MIN_PLOT_HEIGHT, latest.current.height - 32),
      ms: 1,
      // Ticks on UTC hours and days: the engine's clock is UTC and so are the axis labels.
      tzDate: (ts) => uPlot.tzDate(new Date(ts), "Etc/UTC"),
      scales: {
        x: { time, range: () => latest.current.xRange },
        y: {
          range: (_u, min, max) => {
            const span = valueSpan(min, max, latest.current.includeZero ?? false);
            return span ? uPlot.rangeNum(span[0], span[1], 0.1, true) : [null, null];
          },
        },
      },
      axes: [
        {
          grid,
          space: (u) => tickSpace(latest.current.xTick(u.scales.x.max ?? 0)),
          values: (_u, splits) => splits.map((value) => latest.current.xTick(value)),
        },
        { grid, size: yAxisWidth, values: (_u, splits) => splits.map((value) => latest.current.yTick(value)) },
      ],
      series: [
        { label: xLabel, value: (u, _value, _i, idx) => rowText(u, idx, (row) => latest.current.xText(row)) },
        ...lines.map(
          (line, i): uPlot.Series => ({
            label: line.label,
            stroke: line.color,
            width: 1,
            dash: devicePixels(line.dash),
            spanGaps: true,
            paths: line.step ? uPlot.paths.stepped?.({ align: line.step === "after" ? 1 : -1 }) : undefined,
            points: { show: (u, seriesIdx) => pointsVisible(u.data[seriesIdx]), size: 6, fill: line.color, stroke: line.color },
            value: (u, _value, _i, idx) => rowText(u, idx, (row) => latest.current.series[i]?.text(row) ?? ""),
          }),
        ),
      ],
      legend: {
        // Under the canvas but outside uPlot's box, so its height can be measured at the host's width at once.
        mount: (_u, el) => legendHost.appendChild(el),
        markers: { dash: (u, i) => (u.series[i]?.dash?.length ? "dashed" : "solid") },
      },
      // Every row of every series under the pointer, gaps included (their text says so), as the old tooltip did.
      cursor: { drag: { x: false, y: false, setScale: false }, dataIdx: (_u, _seriesIdx, closestIdx) => closestIdx },
      hooks: {
        // The legend may wrap differently once it holds figures: keep the whole inside the given height.
        // Deferred: a size set while uPlot commits would wait for its next commit.
        setLegend: [
          (u) =>
            queueMicrotask(() => {
              if (chartRef.current === u) fit(u);
            }),
        ],
        draw: [(u) => drawReferences(u, latest.current.references ?? [])],
      },
    };
    const plot = new uPlot(options, data, target);
    legendHost.querySelector<HTMLElement>(".u-series:first-child > th")?.style.setProperty("display", "none");
    chartRef.current = plot;
    markPlotted(host, data);
    const resize = new ResizeObserver(() => fit(plot));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
      chartRef.current = null;
    };
    // Rebuilt only when the series change; new data and everything read through `latest` go to setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  const [xFrom, xTo] = props.xRange;
  const includeZero = props.includeZero ?? false;
  const referencesKey = JSON.stringify(props.references ?? []);
  useEffect(() => {
    const plot = chartRef.current;
    const host = hostRef.current;
    if (!plot || !host) return;
    // Also refits both scales and redraws, so a new x span or reference line shows with the data.
    plot.setData(data);
    markPlotted(host, data);
  }, [data, xFrom, xTo, includeZero, referencesKey]);

  return (
    <div ref={hostRef} aria-hidden="true" title={title} style={{ width: "100%", height, overflow: "hidden" }}>
      <div ref={plotRef} />
      <div ref={legendRef} />
    </div>
  );
}

/** uPlot scales line widths to the screen's pixels but hands dash patterns to the canvas as they are. */
function devicePixels(dash: readonly number[] | undefined): number[] | undefined {
  return dash?.map((length) => length * uPlot.pxRatio);
}

function rowText(u: uPlot, idx: number | null | undefined, text: (row: number) => string): string {
  const row = legendRow(idx, u.data[0].length);
  return row === null ? "" : text(row);
}

/** What the browser tests read: values given to the plot, and its number of y series. */
function markPlotted(host: HTMLElement, data: uPlot.AlignedData): void {
  const ys = data.slice(1);
  host.dataset.plotted = String(countPlotted(ys));
  host.dataset.series = String(ys.length);
}

function drawReferences(u: uPlot, references: readonly ReferenceLine[]): void {
  const { ctx, bbox } = u;
  const ratio = uPlot.pxRatio;
  for (const line of references) {
    const scale = u.scales[line.axis];
    const segment = referenceSegment(line, { min: scale?.min, max: scale?.max }, bbox, (value) => u.valToPos(value, line.axis, true));
    if (!segment) continue;
    ctx.save();
    ctx.strokeStyle = line.color;
    ctx.lineWidth = ratio;
    ctx.setLineDash(devicePixels(line.dash) ?? []);
    ctx.beginPath();
    ctx.moveTo(segment.x0, segment.y0);
    ctx.lineTo(segment.x1, segment.y1);
    ctx.stroke();
    if (line.label) {
      ctx.fillStyle = line.color;
      ctx.font = `${12 * ratio}px system-ui, sans-serif`;
      ctx.textBaseline = "bottom";
      ctx.textAlign = line.axis === "y" ? "right" : "left";
      const x = line.axis === "y" ? segment.x1 - 4 * ratio : segment.x0 + 4 * ratio;
      const y = line.axis === "y" ? segment.y0 - 2 * ratio : segment.y0 + 14 * ratio;
      ctx.fillText(line.label, x, y);
    }
    ctx.restore();
  }
}
