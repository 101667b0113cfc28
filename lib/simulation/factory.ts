import type { SimulationFactory } from "./host";
import { createMarketSimulation } from "./market/simulation";

/** The portal's market: the seeded multi-venue, multi-agent simulation of lib/simulation/market. */
export const simulationFactory: SimulationFactory = ({ seed, startMs, ids }) => createMarketSimulation({ seed, startMs, ids });
