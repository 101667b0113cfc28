import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled: native-free but large, or loading wasm at run time.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Evidence uploads (issue 7) go through server actions. The service refuses files over
    // MAX_EVIDENCE_BYTES with a specific message; this limit only has to let such a file reach it.
    serverActions: { bodySizeLimit: "16mb" },
  },
};

export default nextConfig;
