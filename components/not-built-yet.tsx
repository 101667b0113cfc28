/**
 * The one notice every unbuilt page shows, so the wording is the same everywhere: a plain
 * "Not built yet" and what is planned for the page (in the product's words, not the team's plan).
 */

export interface Delivery {
  /** What is planned for this page, e.g. "this page and its live figures". */
  delivers: string;
}

export function NotBuiltYet({ deliveries, id = "not-built-yet", whatIsLive }: { deliveries: Delivery[]; id?: string; whatIsLive?: string }) {
  return (
    <section className="not-built" aria-labelledby={id}>
      <h2 id={id} className="not-built__title">
        <span className="not-built__badge" aria-hidden="true">
          !
        </span>
        Not built yet
      </h2>
      <p>
        {whatIsLive
          ? `This page is only partly built. What is live: ${whatIsLive}. Everything else described here is planned.`
          : "This page describes what is planned. Nothing here is live, and no figures or records are shown."}
      </p>
      <ul className="not-built__list">
        {deliveries.map((delivery) => (
          <li key={delivery.delivers}>
            <strong>Planned:</strong> {delivery.delivers}.
          </li>
        ))}
      </ul>
    </section>
  );
}
