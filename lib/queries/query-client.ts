import { isServer, QueryClient } from "@tanstack/react-query";

function makeQueryClient() {
  // Streams keep market data fresh; refetching on focus would only duplicate them.
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } });
}

let browserQueryClient: QueryClient | undefined;

/** A new client per server request, one shared client in the browser (TanStack's App Router guide). */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
