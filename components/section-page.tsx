import type { ReactNode } from "react";
import { NotBuiltYet, type Delivery } from "@/components/not-built-yet";

/** The body of every section page while it is unbuilt: heading, what it will provide, the notice. */
export function SectionPage({
  title,
  children,
  deliveries,
  whatIsLive,
}: {
  title: string;
  /** When part of the page already works, say exactly which part. */
  whatIsLive?: string;
  /** One short paragraph on what the page will provide its users. */
  children: ReactNode;
  deliveries: Delivery[];
}) {
  return (
    <article className="section-page">
      <h1>{title}</h1>
      <p className="lead">{children}</p>
      <NotBuiltYet deliveries={deliveries} whatIsLive={whatIsLive} />
    </article>
  );
}
