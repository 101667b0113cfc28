"use client";

import { useTranslations } from "next-intl";
import { describedBy, Field, invalid } from "@/components/ui/field";
import type { OrderTraders } from "@/lib/suitability/corporate-pi";

/**
 * SUIT-4: for a corporate client, the authorised trader placing the order. Only traders compliance has
 * assessed as knowing derivatives are offered; the server checks it again. Nothing for other clients.
 */
export function TraderField({ traders, value, errors }: { traders: OrderTraders | undefined; value: string | undefined; errors?: string[] }) {
  const t = useTranslations("trading.ticketTrader");
  if (!traders?.corporate) return null;
  const assessed = traders.traders.filter((trader) => trader.assessed);
  const hint = assessed.length === 0 ? t("none") : t("hint");
  return (
    <Field id="ticket-trader" label={t("label")} hint={hint} errors={errors}>
      <select
        id="ticket-trader"
        name="traderId"
        defaultValue={value ?? ""}
        aria-invalid={invalid(errors)}
        aria-describedby={describedBy("ticket-trader", hint, errors)}
      >
        <option value="">{t("choose")}</option>
        {assessed.map((trader) => (
          <option key={trader.id} value={trader.id}>
            {t("option", { name: trader.name, position: trader.position })}
          </option>
        ))}
      </select>
    </Field>
  );
}
