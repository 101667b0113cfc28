import "server-only";
import { englishText, msg, type MessageRef, type UserMessage } from "@/lib/i18n/message-ref";

/** Problems per form field: catalogue references, or zod's own English text for checks that give none. */
export type FieldMessages = Record<string, UserMessage[]>;

/**
 * Expected failures of a service verb. Transports map `status` to HTTP and `userMessage` to what the
 * user reads, in their language (lib/transport/messages.ts); `message` and `fieldErrors` are the same
 * in English, for logs, scripts, tests and the public API. Anything that is not a ServiceError is a
 * fault and is shown generically.
 */
export class ServiceError extends Error {
  readonly userMessage: MessageRef;
  readonly fieldMessages?: FieldMessages;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(
    message: MessageRef,
    readonly status: number,
    readonly code: string,
    fieldMessages?: FieldMessages,
  ) {
    super(englishText(message));
    this.name = new.target.name;
    this.userMessage = message;
    if (fieldMessages) {
      this.fieldMessages = fieldMessages;
      this.fieldErrors = Object.fromEntries(Object.entries(fieldMessages).map(([field, messages]) => [field, messages.map(englishText)]));
    }
  }
}

export class Unauthenticated extends ServiceError {
  constructor(message = msg("errors.common.signIn")) {
    super(message, 401, "UNAUTHENTICATED");
  }
}

export class Forbidden extends ServiceError {
  constructor(message = msg("errors.common.forbidden")) {
    super(message, 403, "FORBIDDEN");
  }
}

export class StepUpRequired extends ServiceError {
  constructor(message = msg("errors.common.stepUp")) {
    super(message, 403, "STEP_UP_REQUIRED");
  }
}

export class NotFound extends ServiceError {
  constructor(message = msg("errors.common.notFound")) {
    super(message, 404, "NOT_FOUND");
  }
}

export class Conflict extends ServiceError {
  constructor(message: MessageRef) {
    super(message, 409, "CONFLICT");
  }
}

export class Invalid extends ServiceError {
  constructor(message: MessageRef, fieldMessages?: FieldMessages) {
    super(message, 422, "INVALID", fieldMessages);
  }
}

/**
 * Sign-in or step-up refused unchecked: the account's allowance of attempts is used up. The words
 * never depend on which limit refused, when, or what was sent, so nothing can be told apart by them.
 */
export class Locked extends ServiceError {
  constructor(
    readonly until: Date | null,
    waitMs: number,
  ) {
    super(msg("errors.auth.locked", { minutes: Math.ceil(waitMs / 60_000) }), 429, "LOCKED");
  }
}

/** Refused by a rate limit before anything was checked. */
export class TooManyAttempts extends ServiceError {
  constructor(message: MessageRef) {
    super(message, 429, "RATE_LIMITED");
  }
}

export function formatHkTime(at: Date): string {
  return new Intl.DateTimeFormat("en-HK", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Hong_Kong" }).format(at);
}

export class Precondition extends ServiceError {
  constructor(message: MessageRef) {
    super(message, 412, "PRECONDITION");
  }
}
