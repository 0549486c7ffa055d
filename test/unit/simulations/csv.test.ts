// The one CSV writer and the one column list of a run: quoting, formula defusing, full-precision
// numbers, no comment lines, and the same header and rows for the same run wherever it is written.
import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../simulations/csv.ts';
import { OVERALL_SCOPE, RUN_COLUMNS, runToCsv } from '../../../simulations/columns.ts';
import { MODEL_VERSION, defaultStrategy, getPreset, simulate } from '../../../simulations/index.ts';

describe('csvCell and toCsv', () => {
  it.each([
    { value: 'plain', expected: 'plain' },
    { value: 'a,b', expected: '"a,b"' },
    { value: 'say "hi"', expected: '"say ""hi"""' },
    { value: 'two\nlines', expected: '"two\nlines"' },
    { value: '=HYPERLINK("x")', expected: `"'=HYPERLINK(""x"")"` },
    { value: '+1', expected: "'+1" },
    { value: '-1', expected: "'-1" },
    { value: '@cmd', expected: "'@cmd" },
    { value: '\tcmd', expected: "'\tcmd" },
    { value: 12.5, expected: '12.5' },
    { value: -3, expected: '-3' },
    { value: 0.1 + 0.2, expected: '0.30000000000000004' },
    { value: Number.NaN, expected: '' },
    { value: Number.POSITIVE_INFINITY, expected: '' },
    { value: true, expected: 'true' },
    { value: null, expected: '' },
    { value: undefined, expected: '' },
    { value: '李雷', expected: '李雷' },
  ])('cell $value', ({ value, expected }) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes a header and rows with LF line ends, and reads back to the same cells', () => {
    const text = toCsv(
      ['rank', 'name'],
      [
        [1, 'Ann, B.'],
        [2, null],
        [3, 'say "hi"\nbye'],
      ],
    );
    expect(text).toBe('rank,name\n1,"Ann, B."\n2,\n3,"say ""hi""\nbye"\n');
    expect(csvParseRows(text.trimEnd())).toEqual([
      ['rank', 'name'],
      ['1', 'Ann, B.'],
      ['2', ''],
      ['3', 'say "hi"\nbye'],
    ]);
  });
});

describe('runToCsv', () => {
  const m = getPreset('default');
  const run = simulate(m, defaultStrategy(m), { seed: 'csv', quarters: 5 });
  const rows = csvParseRows(runToCsv(run).trimEnd());

  it('has one header from RUN_COLUMNS, no comment lines, and a row per quarter and scope', () => {
    expect(rows[0]).toEqual(RUN_COLUMNS.map((c) => c.id));
    expect(rows.some((r) => r[0]!.startsWith('#'))).toBe(false);
    expect(rows).toHaveLength(1 + 5 * (1 + m.segments.length));
    const scope = RUN_COLUMNS.findIndex((c) => c.id === 'scope');
    expect([...new Set(rows.slice(1).map((r) => r[scope]))]).toEqual([OVERALL_SCOPE, ...m.segments.map((s) => s.id)]);
  });

  it('repeats the metadata in constant columns and carries the engine numbers exactly', () => {
    const col = (row: string[], id: string) => row[RUN_COLUMNS.findIndex((c) => c.id === id)]!;
    for (const r of rows.slice(1)) {
      expect([col(r, 'modelVersion'), col(r, 'seed'), col(r, 'market')]).toEqual([MODEL_VERSION, 'csv', 'default']);
    }
    const last = rows[5]!;
    const q = run.overall[4]!;
    expect(Number(col(last, 'quarter'))).toBe(q.quarter);
    expect(Number(col(last, 'customerEquity'))).toBe(q.customerEquity);
    expect(Number(col(last, 'retentionRate'))).toBe(q.retentionRate);
    expect(Number(col(last, 'lostCompetitor'))).toBe(q.lost.competitor);
    expect(Number(col(last, 'shareDelighted'))).toBe(q.satisfactionShare.delighted);
  });

  it('keeps one segment only when asked', () => {
    const seg = csvParseRows(runToCsv(run, 'key-accounts').trimEnd());
    expect(seg).toHaveLength(1 + 5);
    expect(seg.slice(1).every((r) => r[3] === 'key-accounts')).toBe(true);
  });
});
