import { useTranslations } from "next-intl";

/**
 * The one notice every unbuilt page shows, so the wording is the same everywhere: a plain
 * "Not built yet" and what is planned for the page (in the product's words, not the team's plan).
 */

export interface Delivery {
  /** What is planned for this page, e.g. "this page and its live figures". */
  delivers: string;
}

export function NotBuiltYet({ deliveries, id = "not-built-yet", whatIsLive }: { deliveries: Delivery[]; id?: string; whatIsLive?: string }) {
  const t = useTranslations("components.notBuiltYet");
  return (
    <section className="not-built" aria-labelledby={id}>
      <h2 id={id} className="not-built__title">
        <span className="not-built__badge" aria-hidden="true">
          !
        </span>
        {t("title")}
      </h2>
      <p>{whatIsLive ? t("partlyBuilt", { whatIsLive }) : t("plannedOnly")}</p>
      <ul className="not-built__list">
        {deliveries.map((delivery) => (
          <li key={delivery.delivers}>{t.rich("planned", { delivers: delivery.delivers, strong: (chunks) => <strong>{chunks}</strong> })}</li>
        ))}
      </ul>
    </section>
  );
}
