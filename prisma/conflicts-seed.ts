import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "./generated/client";
import { appendAuditEntry } from "../lib/audit/chain";

type Tx = Prisma.TransactionClient;

/**
 * Demo data for the conflicts-of-interest register (AFMM-3): the market-maker conflicts policy v1 and four
 * register entries owned by the demo compliance officer and Responsible Officer, each with its version 1
 * and audit row, as the services would write them. Does nothing when the policy is already there.
 */
export const DEMO_POLICY_TITLE = "Affiliated market maker conflicts of interest policy";

export const DEMO_POLICY_TEXT = [
  "1. Purpose. The platform's group includes an affiliated market maker (AFMM) that quotes on the platform's markets. This policy says how the platform identifies, avoids, manages and discloses the conflicts of interest this creates, and puts clients' interests first.",
  "2. Independence. The AFMM is run by its own staff under separate credentials. No person may hold a platform-operations role and an AFMM role. The AFMM reaches the venue only through the same interfaces as any other participant.",
  "3. Information barrier. The AFMM receives no non-public client or order information: no client identities, no order-book detail beyond public depth, no liquidation queue and no auto-deleveraging ranks. Every staff read of client data is logged and reviewed each quarter.",
  "4. Equal treatment. Fees, rate limits, order types and connectivity available to the AFMM are disclosed publicly; any difference from other participants is disclosed with its risks.",
  "5. Oversight. A designated Responsible Officer or Manager-in-Charge oversees the AFMM's conflicts. Surveillance alerts on the AFMM's trading are reviewed and signed off; breaches are recorded in the conflicts register and as compliance incidents.",
  "6. Register. Every identified conflict is recorded in the conflicts register with its owner, the way it is managed and its next review date. Changes are versioned with who made them and why.",
  "7. Attestation. Every member of staff, on the platform side and the AFMM side, attests each calendar year that they have read this policy and comply with it.",
].join("\n\n");

const ENTRIES = [
  {
    title: "The affiliated market maker trades against the platform's clients",
    description:
      "The AFMM's quotes are filled by client orders, so the group earns from the spread clients pay and could benefit from quoting away from fair prices or trading ahead of client flow.",
    mitigation:
      "Quoting obligations (maximum spread, minimum size, time on book) set in the engine configuration; surveillance of every AFMM fill against a client for off-mark prices and trading ahead; RO review and sign-off of alerts and a sample of trades.",
    status: "MITIGATED",
    reviewDays: 90,
    owner: "ro@demo.hkperps.example",
  },
  {
    title: "Shared group ownership of the platform operator and the market maker",
    description:
      "The platform operator and the AFMM have a common parent, so decisions about fees, listings or market parameters could favour the AFMM's profits over clients' interests.",
    mitigation:
      "AFMM fee and priority arrangements are disclosed publicly; market parameter changes need a Responsible Officer's step-up approval and are logged publicly.",
    status: "OPEN",
    reviewDays: 30,
    owner: "compliance@demo.hkperps.example",
  },
  {
    title: "Flow of client information from the platform to the market maker",
    description:
      "Platform staff can see client identities, positions, the liquidation queue and ADL ranks. Passed to the AFMM, this information would let it trade ahead of liquidations or target particular clients.",
    mitigation:
      "Role families keep platform and AFMM staff apart; the AFMM's own desk shows only its own orders and fills; every staff read of client data is logged and the quarterly access review checks that no AFMM user read any.",
    status: "MITIGATED",
    reviewDays: 90,
    owner: "compliance@demo.hkperps.example",
  },
  {
    title: "Fee rebates and order priority for the market maker",
    description: "Maker rebates, higher rate limits or faster connectivity for the AFMM could give it an advantage over clients at the same price level.",
    mitigation:
      "No priority beyond price-time; any AFMM fee override or rate-limit difference is to be disclosed with its risks. The next review is to confirm that the disclosed values match the configuration.",
    status: "OPEN",
    reviewDays: -7,
    owner: "ro@demo.hkperps.example",
  },
] as const;

const DAY_MS = 86_400_000;

export async function seedConflicts(tx: Tx, nowMs: number): Promise<void> {
  if (await tx.conflictPolicy.findFirst({ where: { title: DEMO_POLICY_TITLE } })) return;
  const now = new Date(nowMs);
  const textSha256 = createHash("sha256").update(DEMO_POLICY_TEXT, "utf8").digest("hex");
  const policyId = randomUUID();
  await tx.conflictPolicy.create({ data: { id: policyId, title: DEMO_POLICY_TITLE, version: 1, textSha256, effectiveFrom: now } });
  await appendAuditEntry(
    tx,
    {
      actorId: null,
      actorEmail: null,
      action: "policy.publish",
      entity: "ConflictPolicy",
      entityId: policyId,
      after: { title: DEMO_POLICY_TITLE, version: 1, textSha256, text: DEMO_POLICY_TEXT },
    },
    now,
  );
  for (const entry of ENTRIES) {
    const owner = await tx.user.findUnique({ where: { email: entry.owner }, select: { id: true } });
    if (!owner) continue;
    const reviewDate = new Date(`${new Date(nowMs + entry.reviewDays * DAY_MS).toISOString().slice(0, 10)}T00:00:00.000Z`);
    const row = await tx.conflictEntry.create({
      data: {
        title: entry.title,
        description: entry.description,
        ownerId: owner.id,
        mitigation: entry.mitigation,
        status: entry.status,
        reviewDate,
        version: 1,
        createdAt: now,
      },
    });
    const snapshot = {
      title: row.title,
      description: row.description,
      ownerId: row.ownerId,
      mitigation: row.mitigation,
      status: row.status,
      reviewDate: reviewDate.toISOString().slice(0, 10),
    };
    await tx.conflictVersion.create({ data: { conflictId: row.id, version: 1, snapshot, changedById: owner.id, changedAt: now, changeNote: "Created" } });
    await appendAuditEntry(
      tx,
      { actorId: null, actorEmail: null, action: "conflict.create", entity: "ConflictEntry", entityId: row.id, after: { version: 1, ...snapshot } },
      now,
    );
  }
}
