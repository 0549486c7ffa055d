// Model version 1.1.0, frozen: its runs' sources, copied unchanged from simulations/ (see ../README.md).
// Never edit a file in this folder: result files made with 1.1.0 are verified by re-running them here.
// This index is the only file written for the folder: the surface a ModelRelease needs, nothing else.
export { MODEL_VERSION, simulate } from './engine.ts';
export { PRESET_IDS, getPreset } from './market.ts';
export { defaultStrategy, levelPresetInvestment } from './strategy.ts';
export { scenarioInitialStrategy, scenarioMarket, scenarioRun, scenarioScore } from './scenario.ts';
