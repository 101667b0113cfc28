"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { InputField } from "@/components/ui/field";
import type { Refusal, Side } from "@/lib/education/calculators";
import { formatPpbPercentExact, formatUsdMicrosExact } from "@/lib/format";

/** A refused field in the reader's language: the reason and, where it helps, the limit to respect. */
export function useProblemText(): (refusal: Refusal | undefined, example: string) => string[] | undefined {
  const t = useTranslations("education.calculator.problems");
  return (refusal, example) => {
    if (!refusal) return undefined;
    const limit = refusal.limit ?? "";
    switch (refusal.problem) {
      case "notANumber":
        return [t("notANumber", { example })];
      case "tooManyDecimals":
        return [t("tooManyDecimals", { limit })];
      case "offStep":
        return [t("offStep", { limit })];
      case "aboveCap":
        return [t("aboveCap", { limit: formatPpbPercentExact(limit) })];
      case "aboveLimit":
        return [t("aboveLimit", { limit: formatUsdMicrosExact(limit) })];
      default:
        return [t(refusal.problem)];
    }
  };
}

/** A text input for a figure: typed as text (read exactly, never as a float), with its refusal next to it. */
export function FigureField({
  id,
  label,
  hint,
  value,
  onChange,
  errors,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  return (
    <InputField
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

export function MarketSelect({ id, symbols, value, onChange }: { id: string; symbols: string[]; value: string; onChange: (symbol: string) => void }) {
  const t = useTranslations("education.calculator");
  return (
    <div className="field">
      <label htmlFor={id}>{t("market")}</label>
      <select id={id} name={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {symbols.map((symbol) => (
          <option key={symbol} value={symbol}>
            {symbol}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SideSelect({ id, label, value, onChange }: { id: string; label?: ReactNode; value: Side; onChange: (side: Side) => void }) {
  const t = useTranslations("education.calculator");
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t("side")}</label>
      <select id={id} name={id} value={value} onChange={(event) => onChange(event.target.value === "short" ? "short" : "long")}>
        <option value="long">{t("long")}</option>
        <option value="short">{t("short")}</option>
      </select>
    </div>
  );
}

/** The form around a calculator's fields: calculating never leaves the page, and the result is announced. */
export function CalculatorForm({ id, onCalculate, children, result }: { id: string; onCalculate: () => void; children: ReactNode; result: ReactNode }) {
  const t = useTranslations("education.calculator");
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("heading")}</h2>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onCalculate();
        }}
      >
        {children}
        <button type="submit" className="button">
          {t("calculate")}
        </button>
      </form>
      <div aria-live="polite" data-testid={`${id}-result`}>
        {result}
      </div>
    </section>
  );
}

/** USD with every micro-dollar shown (no rounding): "1,234.567891". */
export const usd = (micros: bigint) => formatUsdMicrosExact(micros);
