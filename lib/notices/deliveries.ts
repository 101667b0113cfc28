/**
 * The states of a notice's delivery record (REC-6), client-safe. E-mail: queued → sending → sent, or
 * back to queued for a retry, or failed (rejected, retries used up, or its text changed since it was
 * queued), or skipped (no SMTP server configured). Inbox: delivered when written.
 */
export const DELIVERY_STATUSES = ["queued", "sending", "sent", "failed", "skipped", "delivered"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_CHANNELS = ["inbox", "email"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** What an e-mail delivery records when the portal has no SMTP server to send it through. */
export const EMAIL_NOT_CONFIGURED = "e-mail is not configured";
