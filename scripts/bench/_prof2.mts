import { loadWorkload } from "./workload.ts";
import { apply, createEngine } from "../../lib/engine/index.ts";
import { T0, configWith, fundedAccount, quotes } from "../../lib/engine/test-helpers.ts";
const w = loadWorkload();
const build = () => { const s = createEngine(configWith(), T0); quotes(s, "ETH-PERP", 100_000, T0 + 1); for (let a = 1; a <= 300; a++) fundedAccount(s, a, 10_000_000_000n, T0 + 1); return s; };
const cmds: any[] = []; let now = T0 + 10; let mid = 2_000_000_000;
for (let i = 0; i < w.count; i++) { now++; const t = w.type[i];
  if (t === 0) cmds.push({ type: "PlaceOrder", nowMs: now, accountId: (w.id[i] % 300) + 1, orderId: w.id[i], market: "ETH-PERP", side: w.side[i] === 0 ? "buy" : "sell", orderType: "limit", price: w.price[i], size: w.size[i] });
  else if (t === 1) cmds.push({ type: "CancelOrder", nowMs: now, accountId: (w.id[i] % 300) + 1, orderId: w.id[i] });
  else { const id = mid++; cmds.push({ type: "PlaceOrder", nowMs: now, accountId: (id % 300) + 1, orderId: id, market: "ETH-PERP", side: w.side[i] === 0 ? "buy" : "sell", orderType: "market", size: w.size[i] }); } }
for (let r = 0; r < 3; r++) {
  const s = build();
  const tt: Record<string, number> = { limit: 0, cancel: 0, market: 0 }; const nn: Record<string, number> = { limit: 0, cancel: 0, market: 0 };
  const t0 = process.hrtime.bigint();
  for (const c of cmds) { const k = c.type === "CancelOrder" ? "cancel" : c.orderType; const a = process.hrtime.bigint(); apply(s, c); tt[k] += Number(process.hrtime.bigint() - a); nn[k]++; }
  const tot = Number(process.hrtime.bigint() - t0);
  console.log(`run ${r}: ${(cmds.length / tot * 1e9).toFixed(0)} ops/s`, Object.fromEntries(Object.keys(tt).map(k => [k, (tt[k] / nn[k]).toFixed(0) + "ns"])));
}
