import http from "node:http";

/**
 * The subscriber side of the SSE fan-out bench, in its own process so it does not share the
 * server's event loop. Opens N streams, reports "ready" once every stream has its snapshot, and on
 * "report" sends per-message latencies (publish → receipt, on the shared monotonic clock) and
 * how many trade messages each stream received.
 */
const [port, count] = process.argv.slice(2).map(Number);
const latenciesNs: number[] = [];
const received = new Array<number>(count).fill(0);
let ready = 0;
let failed = 0;

for (let i = 0; i < count; i++) {
  const request = http.get({ host: "127.0.0.1", port, path: "/stream", agent: false }, (response) => {
    let buffer = "";
    let sawSnapshot = false;
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      buffer += chunk;
      let boundary: number;
      while ((boundary = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        if (block.startsWith("retry") || block.startsWith(":")) continue;
        const eventLine = block.split("\n").find((line) => line.startsWith("event: "));
        const dataLine = block.split("\n").find((line) => line.startsWith("data: "));
        if (eventLine === "event: snapshot") {
          if (!sawSnapshot) {
            sawSnapshot = true;
            ready++;
            if (ready + failed === count) process.send?.({ type: "ready", ready, failed });
          }
          continue;
        }
        if (eventLine === "event: trade" && dataLine) {
          const message = JSON.parse(dataLine.slice(6)) as { data: { sentNs: string } };
          latenciesNs.push(Number(process.hrtime.bigint() - BigInt(message.data.sentNs)));
          received[i]++;
        }
      }
    });
  });
  request.on("error", () => {
    failed++;
    if (ready + failed === count) process.send?.({ type: "ready", ready, failed });
  });
}

process.on("message", (message: { type: string }) => {
  if (message.type === "report") process.send?.({ type: "report", latenciesNs, received, failed }, () => process.exit(0));
});
