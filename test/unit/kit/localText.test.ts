// The one "pick the text for this locale" helper: Chinese pages read the zh side, English pages the en side,
// for any value type (labels, glossary entries with several fields).
import { describe, expect, it } from 'vitest';
import { localText, textSide } from '@/kit/localText';

describe('localText', () => {
  it.each([
    { locale: 'en', expected: 'Key accounts' },
    { locale: 'zh-cn', expected: '关键客户' },
  ] as const)('picks the $locale side', ({ locale, expected }) => {
    expect(localText({ en: 'Key accounts', zh: '关键客户' }, locale)).toBe(expected);
  });

  it('keeps the shape of richer values (a glossary entry side)', () => {
    const entry = { id: 'clv', en: { term: 'customer lifetime value', definition: 'd' }, zh: { term: '顾客终身价值', definition: '定义' } };
    expect(localText(entry, 'zh-cn').term).toBe('顾客终身价值');
    expect(localText(entry, 'en').definition).toBe('d');
  });

  it('names the side for code that indexes bilingual data itself', () => {
    expect(textSide('en')).toBe('en');
    expect(textSide('zh-cn')).toBe('zh');
  });
});
