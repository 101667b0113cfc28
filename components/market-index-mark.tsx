"use client";

import { explainMark, type MarkExplanation, type MarkInputName } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatRatio, formatUtc } from "@/lib/format";
import { markTickFromWire } from "@/lib/wire/mark-tick";
import type { IndexInputWire } from "@/lib/wire/market-stream";
import { INPUT_LABELS, rateText, useMarketLive } from "./market-live";
import styles from "./market-pages.module.css";

/**
 * Index sources and the mark price with its inputs. The recompute panel runs the
 * engine's own explainMark on the latest public mark record, so the arithmetic shown is the
 * arithmetic the engine did (LIQ-3), and a record that does not add up says so.
 */

export function LiveIndexSources() {
  const live = useMarketLive();
  const index = live.index;
  const rules = live.spec.index;
  const reasonText = (input: IndexInputWire): string => {
    if (input.status === "clamped") return "outside the band around the weighted median: clamped to the band edge";
    switch (input.reason) {
      case "stale":
        return `stale: no update for more than ${formatDurationMs(rules.staleAfterMs)}`;
      case "outlier":
        return "outside the band around the weighted median: excluded";
      case "missing":
        return "no quote received";
      case "invalid":
        return "invalid quote (not a positive price, or timestamped in the future)";
      default:
        return "—";
    }
  };
  if (!index) return <p>No index computed yet: the engine has not received quotes for this market.</p>;
  return (
    <>
      <dl className={styles.figures} data-testid="index-figures">
        <div>
          <dt>Index price</dt>
          <dd>
            {live.price(index.price)}
            <small>{index.valid ? "valid" : index.held ? `held at the previous value: fewer than ${rules.minValidSources} sources counted` : "not valid"}</small>
          </dd>
        </div>
        <div>
          <dt>Weighted median of fresh prices</dt>
          <dd>{live.price(index.median)}</dd>
        </div>
        <div>
          <dt>Band (median ± δ)</dt>
          <dd>{index.band ? `${live.price(index.band.lo)} – ${live.price(index.band.hi)}` : "—"}</dd>
        </div>
        <div>
          <dt>Sources counted</dt>
          <dd>
            {formatInteger(index.includedCount)} of {formatInteger(rules.sources.length)}
            <small>at least {rules.minValidSources} needed</small>
          </dd>
        </div>
      </dl>
      <div className={styles.tableWrap}>
        <table className="data-table" data-testid="index-sources">
          <caption>
            Index constituents on the index tick of {formatUtc(index.atMs, true)}
            {index.seq !== null ? ` (event seq ${index.seq})` : ""}
            {index.flags.length > 0 ? `; flags: ${index.flags.join(", ")}` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Weight</th>
              <th scope="col">Latest price</th>
              <th scope="col">Price used</th>
              <th scope="col">Age</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rules.sources.map((source) => {
              const input = index.inputs.find((candidate) => candidate.sourceId === source.id);
              return (
                <tr key={source.id}>
                  <th scope="row">{source.name}</th>
                  <td className={styles.numeric}>{formatInteger(input?.weight ?? source.weight)}</td>
                  <td className={styles.numeric}>{live.price(input?.price)}</td>
                  <td className={styles.numeric}>{live.price(input?.usedPrice)}</td>
                  <td className={styles.numeric}>{input?.ageMs != null ? formatDurationMs(input.ageMs) : "—"}</td>
                  <td>{input ? input.status : "not in this tick"}</td>
                  <td>{input ? reasonText(input) : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function LiveMarkPanel() {
  const live = useMarketLive();
  const record = live.mark;
  if (!record) return <p>No mark price computed yet: the engine needs a valid index first.</p>;
  const tick = markTickFromWire(record.data);
  const ticks = (value: number | bigint) => `${formatInteger(value)} ticks`;
  const usd = (value: number | null) => (value === null ? "—" : live.price(value));
  if (!tick) {
    return (
      <p>
        The latest mark record (event seq {record.seq}) was journaled before mark records carried every input, so it cannot be recomputed
        here; the next mark tick can.
      </p>
    );
  }
  let explained: MarkExplanation;
  try {
    explained = explainMark({ maxPriceTicks: live.spec.maxPriceTicks }, tick);
  } catch (error) {
    return <p role="alert">The latest mark record cannot be recomputed: {error instanceof Error ? error.message : String(error)}</p>;
  }
  const st = explained.steps;
  const x = tick.inputs;
  const candidates: Array<{ name: MarkInputName; value: number | null }> = [
    { name: "p1", value: x.p1 },
    { name: "p2", value: x.p2 },
    { name: "last", value: x.last },
  ];
  return (
    <div data-testid="mark-panel">
      <h3>Live inputs</h3>
      <p>
        Mark tick of {formatUtc(record.atMs, true)} (event seq {record.seq}): every figure below is from that one record.
      </p>
      <div className={styles.tableWrap}>
        <table className="data-table" data-testid="mark-candidates">
          <caption>The three candidates of the median and which one the engine took</caption>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Ticks</th>
              <th scope="col">Price</th>
              <th scope="col">Median?</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((candidate) => (
              <tr key={candidate.name} className={tick.chosen === candidate.name ? styles.chosen : undefined}>
                <th scope="row">{INPUT_LABELS[candidate.name]}</th>
                <td className={styles.numeric}>{candidate.value === null ? "—" : formatInteger(candidate.value)}</td>
                <td className={styles.numeric}>{usd(candidate.value)}</td>
                <td>{tick.chosen === candidate.name ? (tick.fallback ? "used (fallback)" : "the median: used") : candidate.value === null ? "not available" : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className={styles.steps} aria-label="Recorded inputs">
        <li>
          <span>Index</span> {ticks(x.index)} = {live.price(x.index)}
        </li>
        <li>
          <span>F</span> {rateText(x.fundingRate.toString())}: this interval&apos;s predicted funding rate
        </li>
        <li>
          <span>Δt</span> {formatInteger(x.msToFunding)} ms ({formatDurationMs(x.msToFunding)}) to the next funding
          {st.dtClamped ? `, clamped to ${formatInteger(st.dtMs)} ms` : ""}
        </li>
        <li>
          <span>T</span> {formatInteger(x.intervalMs)} ms ({formatDurationMs(x.intervalMs)}), the funding interval
        </li>
        <li>
          <span>Basis</span>{" "}
          {x.basisAverage
            ? `Σ (best bid + best ask − 2 × index) = ${formatInteger(x.basisAverage.sumHalfTicks)} half-ticks over ${formatInteger(x.basisAverage.count)} samples in the window`
            : "no basis sample in the window"}
        </li>
        <li>
          <span>Last trade</span> {x.last === null ? "none yet" : `${ticks(x.last)} = ${live.price(x.last)}`}
        </li>
        <li>
          <span>Best bid / ask</span> {usd(x.bestBid)} / {usd(x.bestAsk)} (for information: P2 uses the averaged basis, not this touch)
        </li>
      </ul>

      <h3 id="recompute-heading">Recompute the mark from these inputs</h3>
      <ol className={styles.steps} aria-labelledby="recompute-heading" data-testid="recompute">
        <li>
          <span>P1</span> Index × (10⁹ × T + F × Δt) ÷ (10⁹ × T) = {formatInteger(x.index)} × ({formatInteger(st.p1Denominator)} + {formatInteger(x.fundingRate)} ×{" "}
          {formatInteger(st.dtMs)}) ÷ {formatInteger(st.p1Denominator)} = {formatRatio(st.p1Numerator, st.p1Denominator)} → rounded half-to-even{" "}
          {ticks(st.p1Unclamped)}
          {BigInt(st.p1) !== st.p1Unclamped ? `, held within 1 … ${formatInteger(st.maxPriceTicks)} ticks: ${ticks(st.p1)}` : ""} = <strong>{live.price(st.p1)}</strong>
        </li>
        <li>
          <span>P2</span>{" "}
          {x.basisAverage && st.basisAverageTicks !== null && st.p2 !== null ? (
            <>
              Index + Σ ÷ (2 × samples) = {formatInteger(x.index)} + {signed(formatInteger(x.basisAverage.sumHalfTicks))} ÷ {formatInteger(2 * x.basisAverage.count)} ={" "}
              {formatInteger(x.index)} + {signed(formatRatio(BigInt(x.basisAverage.sumHalfTicks), BigInt(2 * x.basisAverage.count)))} → rounded half-to-even{" "}
              {formatInteger(x.index)} + {signed(formatInteger(st.basisAverageTicks))} = {ticks(st.p2)} = <strong>{live.price(st.p2)}</strong>
            </>
          ) : (
            "not available: no basis sample in the window"
          )}
        </li>
        <li>
          <span>Median</span>{" "}
          {st.fallback === null
            ? `${st.ordered.map((o) => `${INPUT_LABELS[o.name]} ${live.price(o.value)}`).join(" ≤ ")} → the middle one is ${INPUT_LABELS[st.chosen]}`
            : `fallback: ${FALLBACK_TEXT[st.fallback]}, so the mark is P1`}
        </li>
        <li>
          <span>Mark</span> recomputed <strong data-testid="recomputed-mark">{live.price(st.price)}</strong>; the engine published{" "}
          <strong data-testid="engine-mark">{live.price(tick.price)}</strong>{" "}
          {explained.matches ? (
            <span className={styles.match}>✓ identical</span>
          ) : (
            <span className={styles.mismatch} role="alert">
              ✗ the record does not add up: {explained.mismatches.join(", ")} differ
            </span>
          )}
        </li>
      </ol>
    </div>
  );
}

/** A negative term in parentheses, so "+ (−9.89…)" reads as one addition. */
function signed(text: string): string {
  return text.startsWith("−") ? `(${text})` : text;
}

const FALLBACK_TEXT: Record<NonNullable<MarkExplanation["steps"]["fallback"]>, string> = {
  no_last_trade: "no trade yet, so no last price",
  no_basis_samples: "no basis sample in the window, so no P2",
  no_last_trade_and_no_basis_samples: "no trade yet and no basis sample in the window",
};
