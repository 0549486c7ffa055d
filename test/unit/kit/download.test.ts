// @vitest-environment jsdom
// The one download helper: a hidden link with the file name is clicked, the object URL is revoked
// afterwards, unsafe names are cleaned, and a browser that refuses object URLs gives null, not an error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REVOKE_AFTER_MS, downloadFile, safeFileName } from '@/kit/download';

describe('downloadFile', () => {
  const created: Blob[] = [];
  const revoked: string[] = [];
  const clicked: { name: string; href: string; inDocument: boolean }[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    created.length = 0;
    revoked.length = 0;
    clicked.length = 0;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      created.push(blob as Blob);
      return `blob:test/${created.length}`;
    };
    URL.revokeObjectURL = (href: string) => {
      revoked.push(href);
    };
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.href, inDocument: document.body.contains(this) });
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('clicks a link to the blob with the file name, removes it and revokes the URL later', async () => {
    expect(downloadFile('crm-lab-run.csv', 'a,b\r\n1,2\r\n', 'text/csv')).toBe('crm-lab-run.csv');
    expect(clicked).toEqual([{ name: 'crm-lab-run.csv', href: 'blob:test/1', inDocument: true }]);
    expect(document.querySelectorAll('a').length).toBe(0);
    expect(created[0].type).toBe('text/csv');
    expect(await created[0].text()).toBe('a,b\r\n1,2\r\n');
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(revoked).toEqual(['blob:test/1']);
  });

  it('passes a ready Blob through unchanged (a PNG from a canvas)', () => {
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    downloadFile('chart.png', png, 'image/png');
    expect(created[0]).toBe(png);
  });

  it('returns null instead of throwing where object URLs are refused', () => {
    URL.createObjectURL = () => {
      throw new Error('blocked');
    };
    expect(downloadFile('x.json', '{}', 'application/json')).toBeNull();
    expect(clicked).toEqual([]);
  });

  it.each([
    { name: 'crm-lab-board-budget-cut.csv', expected: 'crm-lab-board-budget-cut.csv' },
    { name: '../../etc/passwd', expected: '..-..-etc-passwd' },
    { name: 'a\u0000b\nc.json', expected: 'a-b-c.json' },
    { name: '   ', expected: 'download' },
  ])('cleans the name $name', ({ name, expected }) => {
    expect(safeFileName(name)).toBe(expected);
  });
});
