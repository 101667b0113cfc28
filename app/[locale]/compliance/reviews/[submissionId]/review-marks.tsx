import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import styles from "./page.module.css";

/** A pass/fail mark in words (not colour alone). */
export function Check({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return <span className={ok ? "pill pill--ok" : "pill pill--high"}>{ok ? yes : no}</span>;
}

export function Reasons({ reasons }: { reasons: string[] }): ReactNode {
  if (reasons.length === 0) return null;
  return (
    <ul className={styles.reasons}>
      {reasons.map((reason, i) => (
        <li key={i}>{reason}</li>
      ))}
    </ul>
  );
}

/** A declaration's answer; null when the client left the question unanswered. */
export function YesNo({ value }: { value: boolean | null }) {
  const t = useTranslations("compliance.reviews.marks");
  return value === null ? t("notAnswered") : value ? t("yes") : t("no");
}
