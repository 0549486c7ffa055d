// The one number formatter: every style in both locales, as the pages show it (Intl underneath, cached per locale).
import { describe, expect, it } from 'vitest';
import { makeFormatters, type Formatters } from '@/kit/format';

type Case = { name: string; args: (f: Formatters) => string; en: string; zh: string };

const cases: Case[] = [
  { name: 'num: whole by default, grouped', args: (f) => f.num(1234.5), en: '1,235', zh: '1,235' },
  { name: 'num: exactly the digits asked for', args: (f) => f.num(0.25, 3), en: '0.250', zh: '0.250' },
  { name: 'decimal: at most two digits by default', args: (f) => f.decimal(3.256), en: '3.26', zh: '3.26' },
  { name: 'decimal: trailing zeros dropped', args: (f) => f.decimal(3.5), en: '3.5', zh: '3.5' },
  { name: 'decimal: more digits on request (quiz answers)', args: (f) => f.decimal(1.23456789, 6), en: '1.234568', zh: '1.234568' },
  { name: 'count', args: (f) => f.count(12345.6), en: '12,346', zh: '12,346' },
  { name: 'compact: millions in English, 万 in Chinese', args: (f) => f.compact(1234567), en: '1.2M', zh: '123.5万' },
  { name: 'pct: whole percent by default', args: (f) => f.pct(0.915), en: '92%', zh: '92%' },
  { name: 'pct: exact digits', args: (f) => f.pct(0.915, 1), en: '91.5%', zh: '91.5%' },
  { name: 'percent: at most one digit, none when whole', args: (f) => f.percent(0.9), en: '90%', zh: '90%' },
  { name: 'percent: one digit', args: (f) => f.percent(0.9153), en: '91.5%', zh: '91.5%' },
  { name: 'money: whole units below 100,000', args: (f) => f.money(99999), en: '99,999', zh: '99,999' },
  { name: 'money: short form from 100,000', args: (f) => f.money(123456), en: '123.5K', zh: '12.3万' },
  { name: 'money: short form of a loss', args: (f) => f.money(-2500000), en: '-2.5M', zh: '-250万' },
  { name: 'moneyInFull: every unit', args: (f) => f.moneyInFull(1234567), en: '1,234,567', zh: '1,234,567' },
  { name: 'signed: a typographic minus', args: (f) => f.signed(-2, f.count), en: '−2', zh: '−2' },
  { name: 'signed: no change reads ±0', args: (f) => f.signed(0, f.count), en: '±0', zh: '±0' },
  { name: 'signed: a plus before a gain', args: (f) => f.signed(3.5, f.decimal), en: '+3.5', zh: '+3.5' },
  { name: 'signed: with the short money form', args: (f) => f.signed(-150000, f.money), en: '−150K', zh: '−15万' },
];

describe('makeFormatters', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(c.args(makeFormatters('en'))).toBe(c.en);
      expect(c.args(makeFormatters('zh-cn'))).toBe(c.zh);
    });
  }

  it('matches Intl.NumberFormat of the page language (what the lab e2e test compares with)', () => {
    expect(makeFormatters('en').count(4321)).toBe(new Intl.NumberFormat('en').format(4321));
    expect(makeFormatters('zh-cn').count(4321)).toBe(new Intl.NumberFormat('zh-CN').format(4321));
  });

  it('is made once per locale and shared', () => {
    expect(makeFormatters('en')).toBe(makeFormatters('en'));
    expect(makeFormatters('en')).not.toBe(makeFormatters('zh-cn'));
  });
});
