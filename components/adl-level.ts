import type { useTranslations } from "next-intl";

type AdlText = ReturnType<typeof useTranslations<"components.adlRisk">>;

/** An ADL risk level's name ("Low", "Elevated", "High"); a level the catalogue does not know, as the engine gave it. */
export function adlLevelLabel(t: AdlText, level: string): string {
  return level === "low" || level === "elevated" || level === "high" ? t(`level.${level}`) : level;
}
