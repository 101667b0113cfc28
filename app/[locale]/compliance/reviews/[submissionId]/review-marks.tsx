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

export function yesNo(value: boolean | null): string {
  return value === null ? "not answered" : value ? "Yes" : "No";
}
