import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Public disclosures" };

export default function DisclosuresPage() {
  return (
    <SectionPage
      title="Public disclosures"
      deliveries={[
        { by: "issue6", delivers: "these pages, updated in real time" },
        { by: "issue4", delivers: "the market simulation whose prices, trades and fund movements they publish" },
      ]}
    >
      What the platform publishes about its perpetual contracts market, for anyone to read without signing in: the
      contract specifications of each market, the insurance fund and how it is used, how the index, mark and
      funding prices are calculated, and the record of executed trades, including the affiliated market
      maker&apos;s part in them.
    </SectionPage>
  );
}
