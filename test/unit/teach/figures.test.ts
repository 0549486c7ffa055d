// Teach's figures: axis ticks that never read the same twice (rounds 3 and 4 at 1.06M and 1.08M must not both
// be "1.1M"), in both languages; round boundaries between quarters; lists of names in each language.
import { describe, expect, it } from 'vitest';
import { distinctTickFormat, roundMarkers, valueTicks } from '@/features/teach/figures';
import { listText } from '@/features/teach/listText';
import { frameLayout } from '@/kit/charts/scales';
import { makeFormatters } from '@/kit/format';

const ticksOf = (values: number[]) => valueTicks([{ id: 'a', label: 'a', values }]);

describe('distinctTickFormat', () => {
  it.each([
    ['en', [1_052_000, 1_061_000, 1_083_000, 1_121_000, 1_139_000]],
    ['zh-cn', [1_052_000, 1_061_000, 1_083_000, 1_121_000, 1_139_000]],
    ['en', [9_870, 9_880, 9_905, 9_931]],
    ['en', [0, 2_000_000, 4_000_000]],
    ['zh-cn', [123_456_000, 123_789_000]],
  ] as const)('writes every tick differently (%s, %j)', (locale, values) => {
    const fmt = makeFormatters(locale);
    const series = [{ id: 'a', label: 'a', values: [...values] }];
    const format = distinctTickFormat(series, fmt);
    const labels = ticksOf([...values]).map(format);
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('uses no more digits than needed', () => {
    const fmt = makeFormatters('en');
    expect(distinctTickFormat([{ id: 'a', label: 'a', values: [0, 4_000_000] }], fmt)(2_000_000)).toBe('2M');
    const close = distinctTickFormat([{ id: 'a', label: 'a', values: [1_052_000, 1_139_000] }], fmt);
    expect(close(1_060_000)).toBe('1.06M');
    // The frame's compact formatter, with one decimal, would write 1.06M and 1.08M the same.
    expect(fmt.compact(1_060_000)).toBe(fmt.compact(1_080_000));
  });
});

describe('valueTicks', () => {
  it('are the ticks the chart frame draws', () => {
    const series = [{ id: 'a', label: 'a', values: [1_052_000, 1_139_000] }];
    const frame = frameLayout({
      kind: 'xy',
      width: 300,
      height: 180,
      compact: false,
      x: [1, 2],
      xDomain: null,
      valueDomain: [1_052_000, 1_139_000],
      rows: 0,
      seriesCount: 1,
    });
    expect(valueTicks(series)).toEqual(frame.yTicks);
  });
});

describe('roundMarkers', () => {
  it('marks where each round after the first begins', () => {
    expect(roundMarkers(4, 3, (r) => `R${r}`)).toEqual([
      { id: 'round-2', x: 3.5, label: 'R2' },
      { id: 'round-3', x: 6.5, label: 'R3' },
      { id: 'round-4', x: 9.5, label: 'R4' },
    ]);
    expect(roundMarkers(1, 5, String)).toEqual([]);
  });
});

describe('listText', () => {
  it('writes lists the way each language does', () => {
    expect(listText(['Promise level', 'Quality'], 'en')).toBe('Promise level and Quality');
    expect(listText(['承诺水平', '质量', '获客投入'], 'zh-cn')).toBe('承诺水平、质量和获客投入');
    expect(listText([], 'en')).toBe('');
  });
});
