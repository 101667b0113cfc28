import type { ReactNode } from "react";
import styles from "../market-pages.module.css";

/**
 * The frame every chart sits in: a <figure> whose caption says what is drawn and, for screen
 * readers, what the drawing shows (first, last, lowest and highest value over the window), with the
 * plotted figures in a table under a disclosure. The frame is server-rendered with the page; only
 * the plot inside (a uPlot canvas, loaded with next/dynamic) is drawn in the browser, in a box of
 * fixed height so the chart measures its size on mount and the page does not shift.
 */
export function ChartFigure({
  plot,
  height,
  caption,
  summary,
  tableLabel,
  table,
  testId,
  className,
}: {
  plot: ReactNode;
  height: number;
  caption: ReactNode;
  /** The text alternative: what the chart shows, in words and exact figures. */
  summary: string;
  tableLabel?: string;
  table?: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <figure className={className ?? styles.chart} data-testid={testId}>
      <div className={styles.plot} style={{ height }}>
        {plot}
      </div>
      <figcaption>
        {caption}{" "}
        <span className="visually-hidden" data-testid="chart-summary">
          {summary}
        </span>
      </figcaption>
      {table ? (
        <details className={styles.chartData}>
          <summary>{tableLabel}</summary>
          {table}
        </details>
      ) : null}
    </figure>
  );
}
