/**
 * The one notice every unbuilt page shows, so the wording is the same everywhere: a plain
 * "Not built yet" and the work items that will deliver the page.
 */

/** The work items a page can name. Labels are fixed here so every page words them the same way. */
export const WORK_ITEMS = {
  issue4: "Issue 4",
  issue5: "Issue 5",
  issue6: "Issue 6 (public real-time disclosures)",
  issue7: "Issue 7",
  later: "Later issues",
} as const;

export type WorkItem = keyof typeof WORK_ITEMS;

export interface Delivery {
  by: WorkItem;
  /** What that work item brings to this page, e.g. "this page and its live figures". */
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
          <li key={`${delivery.by}-${delivery.delivers}`}>
            <strong>{WORK_ITEMS[delivery.by]}</strong> {delivery.by === "later" ? "deliver" : "delivers"} {delivery.delivers}.
          </li>
        ))}
      </ul>
    </section>
  );
}
