// The entry of a quiz package's runtime (scripts/scorm.ts bundles it into the launch page): the site's lesson
// quiz, each graded attempt sent to the LMS through the QuizBridge against the pass mark.
import Quiz from '@/features/learn/Quiz.svelte';
import { parseScore } from './cmi';
import { openPackage, showPackage } from './launch';
import { QuizBridge } from './quizBridge';

const { config, session, start, clock } = openPackage('quiz');

let bridge: QuizBridge | null = null;
if (start) {
  // SCORM 1.2: the LMS's mastery score (from the manifest, or set by the teacher) decides over the package's own.
  bridge = new QuizBridge(session, config.quiz.lesson, parseScore(start.masteryScore) ?? config.passMark, clock);
  bridge.begin(start.suspendData);
}

// A quiz stays suspended, so its attempts and best score are there at the next launch.
showPackage({ config, session, quizBridge: bridge, clock, QuizView: Quiz }, () => 'suspend');
