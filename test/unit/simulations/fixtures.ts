// A valid scenario used by the scenario and CLI tests (a fixture, not a test file).
// Keep it valid: tests mutate copies of it to check the error messages.
import type { ScenarioInput } from '../../../simulations/scenario.ts';

const t = (en: string, zh: string) => ({ en, zh });
export const sample: ScenarioInput = {
  id: 'rival-strikes',
  version: 1,
  title: t('A rival strikes', '竞争对手出手'),
  brief: t('Keep your small-business customers.', '留住你的小企业客户。'),
  lesson: 'customer-loyalty',
  seed: 'class-1',
  market: { preset: 'default', overrides: { segments: { 'small-business': { financialBond: 0.5 } } } },
  initialStrategy: { segments: { consumers: { level: 'basic' } } },
  controls: { visible: ['promiseLevel', 'investment.small-business.reactive', 'levelPreset.key-accounts'], locked: ['quality'] },
  rounds: 3,
  quartersPerRound: 4,
  events: [
    {
      quarter: 5,
      type: 'rivalPromotion',
      segment: 'small-business',
      magnitude: 1.5,
      durationQuarters: 2,
      label: t('Rival promotion', '对手促销'),
    },
  ],
  goal: { metric: 'customerEquity', target: 5e7, description: t('Reach 50 million equity.', '顾客资产达到五千万。') },
  debrief: [t('Who left, and why?', '谁离开了？为什么？')],
  teacherNotes: {
    goals: [t('See spurious loyalty', '认识虚假忠诚')],
    timing45: t('Three rounds.', '三轮。'),
    timing90: t('Three rounds and a debrief.', '三轮加讲评。'),
    lookFor: [t('Losses after quarter 5', '第五季度之后的流失')],
  },
};
