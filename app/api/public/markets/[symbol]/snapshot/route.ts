import { NextResponse } from "next/server";
import { currentEngineRuntime } from "@/lib/simulation/runtime";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/snapshot — the REST form of the stream: the latest message of
// each kind and the recent trades, with the journal seq they describe.
export async function GET(_request: Request, { params }: { params: Promise<{ symbol: string }> }) {
  const { symbol } = await params;
  const runtime = await currentEngineRuntime()?.catch(() => undefined);
  if (!runtime) return NextResponse.json({ error: "the market engine is not running in this process" }, { status: 503 });
  const snapshot = runtime.feed.snapshot(symbol);
  if (!snapshot) return NextResponse.json({ error: `unknown market ${symbol}; markets: ${runtime.feed.markets().join(", ")}` }, { status: 404 });
  return NextResponse.json(snapshot, { headers: { "Cache-Control": "no-store" } });
}
