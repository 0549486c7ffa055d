// The entry of a scenario package's runtime (scripts/scorm.ts bundles it into the launch page): the site's
// scenario player, with its rounds sent to the LMS through the ScenarioBridge and resumed from it.
import ScenarioPlayer from '@/features/teach/ScenarioPlayer.svelte';
import { buildQuery } from '@/features/teach/linkCodec';
import { openPackage, showPackage } from './launch';
import { ScenarioBridge } from './scenarioBridge';
import { connectScenario } from './scenarioProgress';

const { config, session, start, clock } = openPackage('scenario');

// The class settings reach the player the way a teacher's link does: as the page's query.
if (config.seed !== config.scenario.seed || config.locks.length > 0) {
  history.replaceState(history.state, '', buildQuery({ seed: config.seed, locks: config.locks }) + location.hash);
}

let bridge: ScenarioBridge | null = null;
if (start) {
  bridge = new ScenarioBridge(session, config.scenario, config.grading, clock);
  bridge.begin(start.suspendData, { seed: config.seed, locks: config.locks });
  connectScenario(bridge);
}

const played = () => bridge?.load()?.decisions.length ?? 0;
showPackage(
  { config, session, resume: bridge?.resume ?? 'none', resumeRound: played() + 1, scenarioBridge: bridge, clock, Player: ScenarioPlayer },
  // A run not finished is suspended, so the next launch continues it.
  () => (played() >= config.scenario.rounds ? '' : 'suspend'),
);
