import type { NextConfig } from "next";
import { MAX_REQUEST_BODY_BYTES } from "./lib/transport/request-limits";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled: native-free but large, or loading wasm at run time.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: MAX_REQUEST_BODY_BYTES },
    // proxy.ts sees one byte more than the limit, so it can tell a body over the limit (413) from
    // one exactly at it, even when the client sent no Content-Length.
    proxyClientMaxBodySize: MAX_REQUEST_BODY_BYTES + 1,
  },
};

export default nextConfig;
