import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG } from "../../engine/index";
import { venueVolumeUsd } from "./world";

describe("simulated venue volumes (MRG-5 genuine volume)", () => {
  it("MRG-5: every venue reports volume above its market's floor, except the last-listed one during its thin spells (not while another venue is in trouble)", () => {
    for (const spec of DEFAULT_ENGINE_CONFIG.markets) {
      const floor = spec.index.minSourceVolumeUsd!;
      const last = spec.index.sources.length - 1;
      let thin = 0;
      // Every minute over two days.
      for (let ts = 0; ts < 48 * 3_600_000; ts += 60_000) {
        for (let v = 0; v < spec.index.sources.length; v++) {
          const volume = venueVolumeUsd({ spec }, v, ts);
          expect(Number.isSafeInteger(volume) && volume > 0).toBe(true);
          if (volume < floor) {
            expect(v).toBe(last);
            expect(venueVolumeUsd({ spec }, v, ts, true)).toBeGreaterThanOrEqual(floor);
            thin++;
          }
        }
      }
      // 20 minutes in every 6 hours: 8 spells of 20 one-minute samples in two days.
      expect(thin).toBe(160);
    }
  });
});
