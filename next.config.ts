import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { MAX_REQUEST_BODY_BYTES } from "./lib/request-limits.mjs";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled: native-free but large, or loading wasm at run time;
  // pdfkit loads its standard-font data through a run-time require of its own package imports;
  // exceljs (the report packs' XLSX) is a large CommonJS tree only the server reads.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@electric-sql/pglite", "pdfkit", "pg-boss", "nodemailer", "exceljs"],
  poweredByHeader: false,
  // npm test type-checks the whole repository just before it builds and fails the run on an error
  // (scripts/build-fingerprint.ts sets this then); every other build checks types itself.
  // eslint-disable-next-line no-process-env -- a build switch, not portal configuration (lib/env.ts)
  typescript: { ignoreBuildErrors: process.env.PORTAL_BUILD_TYPES_CHECKED === "1" },
  typedRoutes: false,
  experimental: {
    // Evidence uploads go through server actions. The service refuses files over
    // MAX_EVIDENCE_BYTES with a specific message; this limit only has to let such a file reach it.
    serverActions: { bodySizeLimit: MAX_REQUEST_BODY_BYTES },
    // proxy.ts reads an action's body to check it. Next cuts what it buffers for the proxy at a
    // chunk boundary below this size, so twice the limit lets a body over the limit sent without
    // Content-Length still show as over it (413).
    proxyClientMaxBodySize: 2 * MAX_REQUEST_BODY_BYTES,
  },
};

// The i18n layer: next-intl reads each request's locale and messages from lib/i18n/request.ts.
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
