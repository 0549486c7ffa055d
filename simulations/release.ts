// One model version as a value: the functions a run, a scenario replay and the goldens need.
// The current engine is one such release; frozen copies of earlier versions (released/) are others.
// Only the surface lives here: no arithmetic, and nothing that a frozen copy would need to import.
import { MODEL_VERSION, simulate, type RunOptions, type RunResult } from './engine.ts';
import { PRESET_IDS, getPreset, type InvestedLevel, type LevelId, type Market, type PresetId } from './market.ts';
import type { Scenario } from './scenario.ts';
import { scenarioInitialStrategy, scenarioMarket, scenarioRun, scenarioScore } from './scenarioPlay.ts';
import { defaultStrategy, levelPresetInvestment, type Strategy } from './strategy.ts';

/**
 * What verifying a result file or pinning a version's goldens needs from an engine. Method syntax
 * on purpose: a frozen copy declares its own (structurally equal) types for its parameters.
 */
export interface ModelRelease {
  readonly MODEL_VERSION: string;
  readonly PRESET_IDS: readonly PresetId[];
  getPreset(id: PresetId): Market;
  defaultStrategy(market: Market): Strategy;
  levelPresetInvestment(market: Market, segmentId: string, level: LevelId): Record<InvestedLevel, number>;
  simulate(market: Market, strategy: Strategy, options: RunOptions): RunResult;
  scenarioMarket(s: Scenario): Market;
  scenarioInitialStrategy(s: Scenario, market?: Market): Strategy;
  scenarioRun(s: Scenario, decisionsPerRound: Strategy[]): RunResult;
  scenarioScore(s: Scenario, result: RunResult): { value: number; target: number; score: number };
}

/** The engine this build runs. */
export const currentRelease: ModelRelease = {
  MODEL_VERSION,
  PRESET_IDS,
  getPreset,
  defaultStrategy,
  levelPresetInvestment,
  simulate,
  scenarioMarket,
  scenarioInitialStrategy,
  scenarioRun,
  scenarioScore,
};
