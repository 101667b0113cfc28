import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { liquidationRuleOf, liquidationRuleSummary } from "@/lib/liquidation-rule";

interface RuleMarket {
  spec: { symbol: string; liquidation: { closeOut?: string } };
}

/**
 * The liquidation rule (LIQ-1) stated once, from the configuration the engine runs: the same
 * `liquidation.closeOut` the parameter registry lists and the risk disclosure's liquidation section
 * is written from.
 */
export function LiquidationRule({ markets }: { markets: readonly RuleMarket[] }) {
  const t = useTranslations("components.liquidationRule");
  const specs = markets.map((market) => market.spec);
  const summary = liquidationRuleSummary(specs);
  return (
    <section aria-labelledby="liquidation-rule" data-testid="liquidation-rule" data-rule={summary}>
      <h3 id="liquidation-rule">{t("heading")}</h3>
      <p>{t(summary)}</p>
      {summary !== "partial" ? <p>{t("fullAfterHealthy")}</p> : null}
      <ul>
        {specs.map((spec) => (
          <li key={spec.symbol} data-testid={`liquidation-rule-${spec.symbol}`} data-rule={liquidationRuleOf(spec)}>
            {t("perMarket", { symbol: spec.symbol, rule: t(`ruleName.${liquidationRuleOf(spec)}`) })}
          </li>
        ))}
      </ul>
      <p className="muted">
        {t.rich("source", { link: (chunks) => <Link href={{ pathname: "/disclosures/parameters", query: { scope: "market" } }}>{chunks}</Link> })}
      </p>
    </section>
  );
}
