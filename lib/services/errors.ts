import "server-only";

/**
 * Expected failures of a service verb. Transports map `status` to HTTP and `message` to what the
 * user reads; anything that is not a ServiceError is a fault and is shown generically.
 */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Unauthenticated extends ServiceError {
  constructor(message = "Sign in to continue.") {
    super(message, 401, "UNAUTHENTICATED");
  }
}

export class Forbidden extends ServiceError {
  constructor(message = "Your role does not allow this.") {
    super(message, 403, "FORBIDDEN");
  }
}

export class StepUpRequired extends ServiceError {
  constructor(message = "Confirm it is you: enter a fresh code from your authenticator app.") {
    super(message, 403, "STEP_UP_REQUIRED");
  }
}

export class NotFound extends ServiceError {
  constructor(message = "Not found.") {
    super(message, 404, "NOT_FOUND");
  }
}

export class Conflict extends ServiceError {
  constructor(message: string) {
    super(message, 409, "CONFLICT");
  }
}

export class Invalid extends ServiceError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message, 422, "INVALID", fieldErrors);
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
    super(`Too many failed attempts for this account. Wait ${Math.ceil(waitMs / 60_000)} minutes, then try again.`, 429, "LOCKED");
  }
}

/** Refused by a rate limit before anything was checked. */
export class TooManyAttempts extends ServiceError {
  constructor(message: string) {
    super(message, 429, "RATE_LIMITED");
  }
}

export function formatHkTime(at: Date): string {
  return new Intl.DateTimeFormat("en-HK", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Hong_Kong" }).format(at);
}

export class Precondition extends ServiceError {
  constructor(message: string) {
    super(message, 412, "PRECONDITION");
  }
}
