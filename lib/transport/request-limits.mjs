// Plain JavaScript so scripts/serve.mjs (the portal's HTTP server, run without a TypeScript loader)
// reads the same number as next.config.ts and proxy.ts.

/**
 * The largest request body the portal reads: 10 MB. Evidence uploads (at most 5 MB a file) go
 * through server actions and the service refuses a larger file with a specific message, so this
 * bound only has to let such a file reach it. A body that announces more is answered 413 by the
 * HTTP server before Next reads it (scripts/serve.mjs); proxy.ts does the same for a body sent
 * without Content-Length; next.config.ts gives the limit to Next's own server-action parser.
 */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
