// The entry of a scenario package's runtime (scripts/scorm.ts bundles it into the launch page): the site's
// scenario player, with its rounds sent to the LMS through the ScenarioBridge and resumed from it.
import ScenarioPlayer from '@/features/teach/ScenarioPlayer.svelte';
import { buildQuery } from '@/features/teach/linkCodec';
import { openPackage, showPackage } from './launch';
import { ScenarioBridge } from './scenarioBridge';
import { connectScenario, packageProgress } from './scenarioProgress';

const { config, session, start, clock } = openPackage('scenario');

// The class settings reach the player the way a teacher's link does: as the page's query. Whatever query the
// LMS launched the page with is not the player's (it would list it as a link it could not use), so it goes;
// the page loads nothing after this, and a relaunch comes from the LMS's own launch URL.
const query = config.seed !== config.scenario.seed || config.locks.length > 0 ? buildQuery({ seed: config.seed, locks: config.locks }) : '';
if (location.search !== query) {
  try {
    history.replaceState(history.state, '', location.pathname + query + location.hash);
  } catch {
    // A browser that refuses (an unusual sandbox) leaves the LMS's query: the player then lists it, nothing breaks.
  }
}

let bridge: ScenarioBridge | null = null;
if (start) {
  bridge = new ScenarioBridge(session, config.scenario, config.grading, clock);
  bridge.begin(start.suspendData, { seed: config.seed, locks: config.locks });
  connectScenario(bridge);
}

const played = () => bridge?.load()?.decisions.length ?? 0;
showPackage(
  {
    config,
    session,
    resume: bridge?.resume ?? 'none',
    resumeRound: played() + 1,
    scenarioBridge: bridge,
    clock,
    Player: ScenarioPlayer,
    persistence: packageProgress,
  },
  // A run not finished is suspended, so the next launch continues it.
  () => (played() >= config.scenario.rounds ? '' : 'suspend'),
);
