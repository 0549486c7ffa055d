// Turns the lab's settings into the engine's Strategy and RunOptions; the single adapter between the two shapes.
// Pure: it neither runs the model nor reads the DOM.
import type { RunOptions, Strategy } from '@sim/index';
import type { InvestmentVector, LabSettings } from './settings';

export function toStrategy(settings: LabSettings, investment: Record<string, InvestmentVector> = settings.investment): Strategy {
  const segments: Strategy['segments'] = {};
  for (const [id, inv] of Object.entries(investment)) segments[id] = { investment: { ...inv } };
  return {
    segments,
    promiseLevel: settings.promiseLevel,
    acquisitionSpendPerQuarter: settings.acquisitionSpendPerQuarter,
    quality: settings.quality,
  };
}

export function toRunOptions(settings: LabSettings, seed: number = settings.seed): RunOptions {
  return { seed, quarters: settings.quarters };
}
