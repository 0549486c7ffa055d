// The current engine with the replay path, as one value for ScenarioRunState: a scenario page imports this lazily,
// when a round is played or saved rounds are restored (its controls need no engine); tests import it directly.
// Nothing else belongs here: whatever this module imports is what the page loads to play.
import { currentRelease } from '@sim/release';
import { claimedFrom, replayOutcome } from './replay';
import type { PlayEngine } from './ScenarioRunState.svelte';

export const currentEngine: PlayEngine = { release: currentRelease, replayOutcome, claimedFrom };
