import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Positions" };

export default async function PositionsPage() {
  await requirePermission("portal.view");
  return (
    <SectionPage
      title="Positions"
      deliveries={[
        { by: "issue6", delivers: "this page and its real-time figures" },
        { by: "issue4", delivers: "the market simulation the positions are held in" },
      ]}
    >
      A client&apos;s open perpetual positions, with entry price, mark price, unrealised profit and loss, margin
      in use and liquidation price, together with collateral balances after haircuts and the funding payments paid
      or received.
    </SectionPage>
  );
}
