"use client";

import { useTranslations } from "next-intl";
import { formatLots, formatTicks, formatUsdMicros, formatUsdMicrosExact } from "@/lib/format";
import type { TradingOrderPreview } from "@/lib/wire/portal-trading";

export type PreviewAnswer = TradingOrderPreview | { ok: false; unavailable: string } | null;

/**
 * What the order on the ticket would do if sent now, as the engine estimates it (previewOrder): the
 * fill, the margin it uses, free collateral and the liquidation price after, and the refusal it would
 * meet. Announced politely as it changes, so a screen reader hears the estimate while typing.
 */
export function OrderPreview({ answer, loading }: { answer: PreviewAnswer; loading: boolean }) {
  const t = useTranslations("orderProtection.preview");
  return (
    <section className="order-preview" aria-labelledby="order-preview-title" aria-live="polite" aria-busy={loading}>
      <h3 id="order-preview-title">{t("title")}</h3>
      <p className="field__hint">{t("hint")}</p>
      <PreviewBody answer={answer} loading={loading} />
    </section>
  );
}

function PreviewBody({ answer, loading }: { answer: PreviewAnswer; loading: boolean }) {
  const t = useTranslations("orderProtection.preview");
  if (answer === null) return <p>{loading ? t("loading") : t("empty")}</p>;
  if (!answer.ok) {
    if ("unavailable" in answer) return <p>{t("unavailable", { reason: answer.unavailable })}</p>;
    return <Refusal refusal={answer} />;
  }
  const usd = (micros: string) => t("usd", { amount: formatUsdMicros(micros) });
  const price = (ticks: number) => formatTicks(ticks, answer.tickSize);
  const size = (lots: number) => t("size", { size: formatLots(Math.abs(lots), answer.lotSize), asset: answer.baseAsset });
  const position = answer.positionAfter === 0 ? "0" : `${answer.positionAfter < 0 ? "−" : "+"}${size(answer.positionAfter)}`;
  return (
    <>
      {answer.wouldBeRejected ? <Refusal refusal={answer.wouldBeRejected} /> : null}
      <dl className="order-preview__figures" data-testid="order-preview">
        <dt>{t("fill")}</dt>
        <dd>
          {answer.estimatedFillLots === 0 || answer.estimatedAveragePrice === null || answer.worstPrice === null
            ? t("noFill")
            : t("fillValue", { size: size(answer.estimatedFillLots), price: price(answer.estimatedAveragePrice), worst: price(answer.worstPrice) })}
        </dd>
        {answer.restingLots > 0 ? (
          <>
            <dt>{t("resting")}</dt>
            <dd>{size(answer.restingLots)}</dd>
          </>
        ) : null}
        {answer.cancelledLots > 0 ? (
          <>
            <dt>{t("cancelled")}</dt>
            <dd>{size(answer.cancelledLots)}</dd>
          </>
        ) : null}
        {answer.protectivePrice !== null ? (
          <>
            <dt>{t("protective")}</dt>
            <dd>{t("usd", { amount: price(answer.protectivePrice) })}</dd>
          </>
        ) : null}
        <dt>{t("fee")}</dt>
        {/* Exactly: the fee on a small order is a fraction of a cent. */}
        <dd>{t("usd", { amount: formatUsdMicrosExact(answer.fee) })}</dd>
        <dt>{t("marginUsed")}</dt>
        <dd data-testid="preview-margin">{usd(answer.marginUsed)}</dd>
        <dt>{t("freeAfter")}</dt>
        <dd>{usd(answer.freeCollateralAfter)}</dd>
        <dt>{t("positionAfter")}</dt>
        <dd>{position}</dd>
        <dt>{t("liquidationAfter")}</dt>
        <dd data-testid="preview-liquidation">
          {answer.liquidationPriceAfter === 0 ? t("noLiquidation") : t("usd", { amount: price(answer.liquidationPriceAfter) })}
        </dd>
      </dl>
    </>
  );
}

function Refusal({ refusal }: { refusal: { code: string; check: string; explanation: string; message: string } }) {
  const t = useTranslations("orderProtection.preview");
  return (
    <div className="alert alert--warn" role="note" data-testid="preview-refusal">
      <p>
        <strong>{t("wouldBeRejected")}</strong> — {refusal.check} (<code>{refusal.code}</code>)
      </p>
      <p>{refusal.explanation}</p>
    </div>
  );
}
