import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { createUser } from "../../prisma/factories";
import { createPrismaClient } from "../prisma-client";
import { contentHash, queueNotices, MAIL_DOMAIN } from "./queue";
import { emailContent, renderNotice } from "./render";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

describe("notice queue: inbox row plus one delivery record per channel (REC-6, DISC-6)", () => {
  it("writes each notice once, with its English text, an inbox delivery and a queued e-mail carrying a fixed Message-ID and the hash of both languages", async () => {
    const user = await createUser(prisma, { email: `queue-${Date.now()}@test.example`, roles: ["CLIENT"] });
    const at = new Date("2026-12-06T10:00:00.123Z");
    const params = { market: "BTC-PERP", time: "2026-12-06 10:00:00.000 UTC" };
    const draft = { userId: user.id, kind: "adlOccurred" as const, params, dedupeKey: `queue-test:${user.id}` };
    const written = await prisma.$transaction((tx) => Promise.all([queueNotices(tx, [draft], at)]));
    expect(written).toEqual([1]);
    // The same dedupe key again (a replayed projector) and in parallel: nothing more.
    const again = await Promise.all(Array.from({ length: 5 }, () => prisma.$transaction((tx) => queueNotices(tx, [draft], at))));
    expect(again).toEqual([0, 0, 0, 0, 0]);

    const notice = await prisma.clientNotice.findFirstOrThrow({ where: { userId: user.id }, include: { deliveries: { orderBy: { channel: "asc" } } } });
    const english = renderNotice("adlOccurred", params, "en");
    expect(notice).toMatchObject({ kind: "adlOccurred", title: english.title, body: english.body, params, createdAt: at, readAt: null });
    const mail = emailContent("adlOccurred", params);
    expect(mail.text).toContain("自動減倉");
    expect(notice.deliveries).toMatchObject([
      {
        channel: "email",
        status: "queued",
        recipient: user.email,
        messageId: `<${notice.id}@${MAIL_DOMAIN}>`,
        contentHash: contentHash(mail.subject, mail.text),
        queuedAt: at,
        sentAt: null,
      },
      {
        channel: "inbox",
        status: "delivered",
        recipient: null,
        messageId: null,
        contentHash: contentHash(english.title, english.body),
        queuedAt: at,
        sentAt: at,
      },
    ]);
  });
});
