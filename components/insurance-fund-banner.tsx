"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { insuranceFundQuery } from "@/lib/queries/insurance-fund";

/**
 * Site-wide notice, shown on every page only while some market's insurance fund is depleted
 * (at or below its floor). Polls the public API every 15 s; renders nothing otherwise, including
 * while loading or when the API is unavailable (the fund page itself reports such errors).
 */
export function InsuranceFundBanner() {
  const t = useTranslations("components.insuranceBanner");
  const { data } = useQuery(insuranceFundQuery);
  const depleted = (data?.markets ?? []).filter((market) => market.depleted === true);
  if (depleted.length === 0) return null;
  return (
    <div className="insurance-banner alert alert--error" role="alert">
      {depleted.map((market) => (
        <p key={market.symbol}>{t("depleted", { symbol: market.symbol })}</p>
      ))}
    </div>
  );
}
