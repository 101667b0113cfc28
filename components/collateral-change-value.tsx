import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatUtc } from "@/lib/format";
import { collateralFieldText, readerTextNode } from "@/lib/i18n/instrument-names";

const KINDS = ["FIAT", "HKMA_LICENSED_STABLECOIN", "AI_TOKENIZED_DEPOSIT"] as const;
const MODES = ["HAIRCUT_100", "INELIGIBLE"] as const;
const CAUSES = ["DEPEG", "LICENCE_REVOKED", "ISSUER_EVENT", "OTHER"] as const;
/** "MODE (CAUSE)", as a breaker proposal's diff writes each breaker (collateral-governance/propose.ts). */
const BREAKER = /\b(HAIRCUT_100|INELIGIBLE) \((DEPEG|LICENCE_REVOKED|ISSUER_EVENT|OTHER)\)/g;
/** utcText's word for an eligibility without an end (collateral-governance/model.ts). */
const OPEN_ENDED = "open-ended";

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/**
 * COL-1 / COL-4 / DISC-10: one before or after value of a registry change, as its record holds it (the
 * proposal's diff, display text written in English when it was proposed), in the reader's language:
 * the name and the registry's free text through the instrument catalogue, codes of the engine in
 * words, dates as every other date on the page. Figures, currencies, licence numbers and a breaker's
 * note (the officer's own words) are shown as recorded.
 */
export function CollateralChangeValue({ assetId, field, value }: { assetId: string; field: string; value: string }): ReactNode {
  const names = useTranslations("instruments");
  const t = useTranslations("collateralGovernance");
  switch (field) {
    case "kind":
      return isOneOf(KINDS, value) ? t(`forms.kinds.${value}`) : value;
    case "illustrative":
      return value === "true" ? t("list.yes") : value === "false" ? t("list.no") : value;
    case "effectiveFromMs":
    case "effectiveToMs": {
      if (value === OPEN_ENDED) return t("registry.openEnded");
      const ms = Date.parse(value);
      return Number.isFinite(ms) ? formatUtc(ms) : value;
    }
    case "circuitBreaker":
      return value.replace(BREAKER, (whole, mode: string, cause: string) =>
        isOneOf(MODES, mode) && isOneOf(CAUSES, cause) ? `${t(`forms.modes.${mode}`)} (${t(`forms.causes.${cause}`)})` : whole,
      );
    default:
      return readerTextNode(collateralFieldText(names, assetId, field, value));
  }
}
