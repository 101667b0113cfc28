import type { NextConfig } from "next";
import { MAX_REQUEST_BODY_BYTES } from "./lib/transport/request-size";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled: native-free but large, or loading wasm at run time.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Evidence uploads (issue 7) go through server actions. The service refuses files over
    // MAX_EVIDENCE_BYTES with a specific message; these limits only have to let such a file reach it.
    // Larger bodies are answered 413 by the proxy (lib/transport/request-size.ts).
    serverActions: { bodySizeLimit: MAX_REQUEST_BODY_BYTES },
    proxyClientMaxBodySize: MAX_REQUEST_BODY_BYTES,
  },
};

export default nextConfig;
