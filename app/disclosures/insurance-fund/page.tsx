import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Insurance fund" };

export default function InsuranceFundPage() {
  return (
    <SectionPage
      title="Insurance fund"
      deliveries={[
        { by: "issue6", delivers: "this page and its live balance and history" },
        { by: "issue4", delivers: "the market simulation whose liquidations move the fund" },
      ]}
    >
      The balance of the insurance fund, which covers losses when a liquidated position cannot be closed at a
      price better than its bankruptcy price, with its history of contributions and payouts, and an explanation of
      when auto-deleveraging (ADL) would be used if the fund ran short.
    </SectionPage>
  );
}
