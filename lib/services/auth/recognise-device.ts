import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { RecogniseDeviceInput } from "@/lib/services/users/schemas";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { queueNotices } from "@/lib/notices/queue";
import { formatUtc } from "@/lib/format";

/** The browser cookie that names a device (SEC-2): random, long-lived, kept in the database only as its SHA-256. */
export const DEVICE_COOKIE = "perps_device";
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 86_400;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A short, readable description of the browser for the notice (never the whole header). */
export function describeDevice(userAgent: string | undefined): string {
  if (!userAgent) return "unknown browser";
  const browser = /(Edg|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[1] ?? "browser";
  const system = /(Windows|Mac OS X|Android|iPhone|iPad|Linux)/.exec(userAgent)?.[1] ?? "unknown system";
  return `${browser === "Edg" ? "Edge" : browser} on ${system}`;
}

/**
 * SEC-2: after a successful sign-in, whether it came from a browser this user has signed in from before.
 * Known: its last-seen time moves on. Unknown (no cookie, or a cookie not known for this user): the
 * device is recorded, the user is told through the inbox and e-mail, and the sign-in is audited as a
 * new device. Returns the cookie value to (re)set. Called by the sign-in transport only, for the user
 * it has just authenticated.
 */
export async function recogniseDevice({ ctx, input }: { ctx: ServiceContext; input: RecogniseDeviceInput }): Promise<{ token: string; isNew: boolean }> {
  const { userId, token, userAgent } = RecogniseDeviceInput.parse(input);
  const now = ctx.now();
  if (token) {
    const { count } = await ctx.db.knownDevice.updateMany({ where: { userId, tokenHash: hashToken(token) }, data: { lastSeenAt: now } });
    if (count > 0) return { token, isNew: false };
  }
  // A browser that already has a cookie keeps it (another user of the same browser may know it).
  const value = token ?? randomBytes(32).toString("base64url");
  const device = describeDevice(userAgent);
  await withTransaction(ctx, async (tx) => {
    const created = await tx.knownDevice.upsert({
      where: { userId_tokenHash: { userId, tokenHash: hashToken(value) } },
      create: { userId, tokenHash: hashToken(value), createdAt: now, lastSeenAt: now, userAgent: userAgent?.slice(0, 500) ?? null },
      update: { lastSeenAt: now },
      select: { id: true },
    });
    await queueNotices(
      tx,
      [{ userId, kind: "clientSecurity.newDeviceSignIn", dedupeKey: `new-device:${created.id}`, params: { time: formatUtc(now.getTime(), true), device } }],
      now,
    );
    await recordAudit(tx, ctx, { action: "auth.new_device", entity: "User", entityId: userId, after: { device } });
  });
  return { token: value, isNew: true };
}
