/**
 * Public entry of the market simulator: pure code driving lib/engine through commands.
 * See README.md in this folder for the model, the scenarios and the determinism contract.
 */
export { createMarketSimulation, type MarketSimulation, type MarketSimulationOptions, type SimulationStats } from "./simulation";
export {
  AFMM_ACCOUNT_ID,
  AFMM_AFFILIATE_ACCOUNT_ID,
  BACKSTOP_ACCOUNT_BASE_ID,
  BLOCK_TRADER_ACCOUNT_ID,
  CLIENT_AGENT_BASE_ID,
  SIM_ACCOUNT_ID_MAX,
  SQUEEZE_DESK_ACCOUNT_ID,
  SUBSTEP_MS,
  agentProfiles,
  defaultSimulationConfig,
  resolveSimulationConfig,
  simulatorAccountIds,
  type AgentKind,
  type AgentProfile,
  type MarketModel,
  type Regime,
  type SimulationConfig,
} from "./config";
export {
  MAX_SCENARIO_SEC,
  PLANTED_SCENARIO_TYPES,
  SCENARIO_TYPES,
  parseScenario,
  type MarketOutcome,
  type ScenarioInput,
  type ScenarioOutcome,
  type ScenarioRun,
  type ScenarioType,
  type StageTally,
} from "./scenarios";
export { Recorder, type MarketSummary, type RunSummary } from "./recorder";
export { DEFAULT_START_MS, runHeadless, type HeadlessOptions, type HeadlessResult, type ScheduledScenario } from "./headless";
