"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { explainMark, type MarkExplanation, type MarkInputName } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatRatio, formatUtc } from "@/lib/format";
import { markTickFromWire } from "@/lib/wire/mark-tick";
import type { IndexInputWire } from "@/lib/wire/market-stream";
import { inputLabel, rateText, useMarketLive } from "./market-live";
import styles from "./market-pages.module.css";

/**
 * Index sources and the mark price with its inputs. The recompute panel runs the
 * engine's own explainMark on the latest public mark record, so the arithmetic shown is the
 * arithmetic the engine did (LIQ-3), and a record that does not add up says so.
 */

const term = (chunks: ReactNode) => <span>{chunks}</span>;
const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

export function LiveIndexSources() {
  const t = useTranslations("components.indexMark");
  const live = useMarketLive();
  const index = live.index;
  const rules = live.spec.index;
  const reasonText = (input: IndexInputWire): string => {
    if (input.status === "clamped") return t("reason.clamped");
    switch (input.reason) {
      case "stale":
        return t("reason.stale", { duration: formatDurationMs(rules.staleAfterMs) });
      case "low_volume":
        return input.recentVolumeUsd === undefined
          ? t("hardFloors.lowVolumeUnreported", { floor: formatInteger(rules.minSourceVolumeUsd ?? 0) })
          : t("hardFloors.lowVolume", { volume: formatInteger(input.recentVolumeUsd), floor: formatInteger(rules.minSourceVolumeUsd ?? 0) });
      case "outlier":
      case "missing":
      case "invalid":
        return t(`reason.${input.reason}`);
      default:
        return "—";
    }
  };
  if (!index) return <p>{t("noIndex")}</p>;
  return (
    <>
      <dl className={styles.figures} data-testid="index-figures">
        <div>
          <dt>{t("indexPrice")}</dt>
          <dd>
            {live.price(index.price)}
            <small>{index.valid ? t("valid") : index.held ? t("held", { min: String(rules.minValidSources) }) : t("notValid")}</small>
          </dd>
        </div>
        <div>
          <dt>{t("median")}</dt>
          <dd>{live.price(index.median)}</dd>
        </div>
        <div>
          <dt>{t("band")}</dt>
          <dd>{index.band ? `${live.price(index.band.lo)} – ${live.price(index.band.hi)}` : "—"}</dd>
        </div>
        <div>
          <dt>{t("counted")}</dt>
          <dd>
            {t("countedValue", { included: formatInteger(index.includedCount), total: formatInteger(rules.sources.length) })}
            <small>{t("atLeast", { min: String(rules.minValidSources) })}</small>
          </dd>
        </div>
      </dl>
      <div className={styles.tableWrap}>
        <table className="data-table" data-testid="index-sources">
          <caption>
            {t("sourcesCaption", {
              time: formatUtc(index.atMs, true),
              hasSeq: index.seq !== null ? "yes" : "no",
              seq: String(index.seq),
              hasFlags: index.flags.length > 0 ? "yes" : "no",
              flags: index.flags.join(", "),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.source")}</th>
              <th scope="col">{t("columns.weight")}</th>
              <th scope="col">{t("columns.latest")}</th>
              <th scope="col">{t("columns.used")}</th>
              <th scope="col">{t("columns.age")}</th>
              <th scope="col">{t("columns.status")}</th>
              <th scope="col">{t("columns.reason")}</th>
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
                  <td>{input ? t(`status.${input.status}`) : t("notInTick")}</td>
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
  const t = useTranslations("components.indexMark");
  const market = useTranslations("components.market");
  const live = useMarketLive();
  const record = live.mark;
  if (!record) return <p>{t("noMark")}</p>;
  const tick = markTickFromWire(record.data);
  const ticks = (value: number | bigint) => t("ticks", { count: formatInteger(value) });
  const usd = (value: number | null) => (value === null ? "—" : live.price(value));
  if (!tick) return <p>{t("oldRecord", { seq: String(record.seq) })}</p>;
  let explained: MarkExplanation;
  try {
    explained = explainMark({ maxPriceTicks: live.spec.maxPriceTicks }, tick);
  } catch (error) {
    return <p role="alert">{t("cannotRecompute", { reason: error instanceof Error ? error.message : String(error) })}</p>;
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
      <h3>{t("liveInputs")}</h3>
      <p>{t("tickOf", { time: formatUtc(record.atMs, true), seq: String(record.seq) })}</p>
      <div className={styles.tableWrap}>
        <table className="data-table" data-testid="mark-candidates">
          <caption>{t("candidatesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("candidateColumns.candidate")}</th>
              <th scope="col">{t("candidateColumns.ticks")}</th>
              <th scope="col">{t("candidateColumns.price")}</th>
              <th scope="col">{t("candidateColumns.median")}</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((candidate) => (
              <tr key={candidate.name} className={tick.chosen === candidate.name ? styles.chosen : undefined}>
                <th scope="row">{inputLabel(market, candidate.name)}</th>
                <td className={styles.numeric}>{candidate.value === null ? "—" : formatInteger(candidate.value)}</td>
                <td className={styles.numeric}>{usd(candidate.value)}</td>
                <td>
                  {tick.chosen === candidate.name ? (tick.fallback ? t("usedFallback") : t("theMedian")) : candidate.value === null ? t("notAvailable") : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className={styles.steps} aria-label={t("recordedInputs")}>
        <li>{t.rich("inputs.index", { ticks: ticks(x.index), price: live.price(x.index), term })}</li>
        <li>{t.rich("inputs.fundingRate", { rate: rateText(x.fundingRate.toString()), term })}</li>
        <li>
          {t.rich("inputs.toFunding", {
            ms: formatInteger(x.msToFunding),
            duration: formatDurationMs(x.msToFunding),
            clamped: st.dtClamped ? "yes" : "no",
            clampedMs: formatInteger(st.dtMs),
            term,
          })}
        </li>
        <li>{t.rich("inputs.interval", { ms: formatInteger(x.intervalMs), duration: formatDurationMs(x.intervalMs), term })}</li>
        <li>
          {x.basisAverage
            ? t.rich("inputs.basis", { sum: formatInteger(x.basisAverage.sumHalfTicks), count: formatInteger(x.basisAverage.count), term })
            : t.rich("inputs.noBasis", { term })}
        </li>
        <li>
          {x.last === null ? t.rich("inputs.noLastTrade", { term }) : t.rich("inputs.lastTrade", { ticks: ticks(x.last), price: live.price(x.last), term })}
        </li>
        <li>{t.rich("inputs.touch", { bid: usd(x.bestBid), ask: usd(x.bestAsk), term })}</li>
      </ul>

      <h3 id="recompute-heading">{t("recomputeHeading")}</h3>
      <ol className={styles.steps} aria-labelledby="recompute-heading" data-testid="recompute">
        <li>
          {t.rich("steps.p1", {
            index: formatInteger(x.index),
            denominator: formatInteger(st.p1Denominator),
            rate: formatInteger(x.fundingRate),
            dt: formatInteger(st.dtMs),
            ratio: formatRatio(st.p1Numerator, st.p1Denominator),
            unclamped: ticks(st.p1Unclamped),
            held: BigInt(st.p1) !== st.p1Unclamped ? "yes" : "no",
            max: formatInteger(st.maxPriceTicks),
            p1: ticks(st.p1),
            price: live.price(st.p1),
            term,
            strong,
          })}
        </li>
        <li>
          {x.basisAverage && st.basisAverageTicks !== null && st.p2 !== null
            ? t.rich("steps.p2", {
                index: formatInteger(x.index),
                sum: signed(formatInteger(x.basisAverage.sumHalfTicks)),
                twiceCount: formatInteger(2 * x.basisAverage.count),
                ratio: signed(formatRatio(BigInt(x.basisAverage.sumHalfTicks), BigInt(2 * x.basisAverage.count))),
                average: signed(formatInteger(st.basisAverageTicks)),
                p2: ticks(st.p2),
                price: live.price(st.p2),
                term,
                strong,
              })
            : t.rich("steps.noP2", { term })}
        </li>
        <li>
          {st.fallback === null
            ? t.rich("steps.median", {
                ordered: st.ordered.map((o) => `${inputLabel(market, o.name)} ${live.price(o.value)}`).join(" ≤ "),
                chosen: inputLabel(market, st.chosen),
                term,
              })
            : t.rich("steps.fallback", { reason: t(`fallback.${st.fallback}`), term })}
        </li>
        <li>
          {t.rich("steps.mark", {
            recomputed: live.price(st.price),
            published: live.price(tick.price),
            term,
            recomputedMark: (chunks) => <strong data-testid="recomputed-mark">{chunks}</strong>,
            engineMark: (chunks) => <strong data-testid="engine-mark">{chunks}</strong>,
          })}{" "}
          {explained.matches ? (
            <span className={styles.match}>{t("steps.identical")}</span>
          ) : (
            <span className={styles.mismatch} role="alert">
              {t("steps.mismatch", { fields: explained.mismatches.join(", ") })}
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
