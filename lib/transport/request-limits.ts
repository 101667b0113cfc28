/**
 * The largest request body the portal reads: 10 MB. Evidence uploads (at most 5 MB a file) go
 * through server actions and the service refuses a larger file with a specific message, so this
 * bound only has to let such a file reach it. next.config.ts gives it to Next (server actions and
 * the proxy's body buffer) and proxy.ts answers anything larger with 413 before Next parses it.
 */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
