import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Methodology" };

export default function MethodologyPage() {
  return (
    <SectionPage
      title="Methodology"
      deliveries={[
        { by: "issue6", delivers: "this page and the published inputs behind each price" },
        { by: "issue4", delivers: "the market simulation that produces those prices" },
      ]}
    >
      How the platform calculates the prices that decide margin, liquidation and funding: the index price (a
      weighted median of several spot sources, with rules for outliers and stale sources), the mark price, and the
      funding rate. Each published value will be shown with the inputs it was calculated from, so anyone can check
      it.
    </SectionPage>
  );
}
