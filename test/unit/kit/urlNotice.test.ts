// @vitest-environment jsdom
// The one URL notice: nothing for a clean link; otherwise each listed problem in words, "n more" for the rest,
// names shown as text (never markup), and folding it keeps focus on its own visible summary.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import UrlNotice from '@/kit/UrlNotice.svelte';
import zh from '@/i18n/strings/zh-cn.json';
import en from '@/i18n/strings/en.json';
import { createT } from '@/i18n/client';
import { parseQuery } from '@/kit/urlState';

const schema = { seed: { kind: 'integer', min: 0, max: 100, default: 1 } } as const;

afterEach(() => cleanup());

describe('UrlNotice', () => {
  it('shows nothing for a clean link', () => {
    const r = parseQuery(schema, 'v=1&seed=5');
    render(UrlNotice, { props: { problems: r.problems, count: r.problemCount, t: createT(en, 'en') } });
    expect(screen.queryByTestId('url-notice')).toBeNull();
  });

  it('lists each problem in words, as text, and counts the rest', () => {
    const junk = Array.from({ length: 20 }, (_, i) => `j${i}=1`).join('&');
    const r = parseQuery(schema, `v=1&seed=-5&seed=3&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1&${junk}`);
    render(UrlNotice, { props: { problems: r.problems, count: r.problemCount, t: createT(en, 'en') } });
    const notice = screen.getByTestId('url-notice');
    const items = [...notice.querySelectorAll('li')].map((li) => li.textContent);
    expect(items.slice(0, 2)).toEqual(['“seed” is given more than once', '“<img src=x onerror=alert…” is not a setting of this page']);
    expect(items).toHaveLength(8);
    expect(notice.querySelector('img')).toBeNull();
    expect(notice.textContent).toContain('14 more not listed.');
  });

  it('speaks Chinese on Chinese pages and folds to its summary', async () => {
    const r = parseQuery(schema, 'v=3');
    render(UrlNotice, { props: { problems: r.problems, count: r.problemCount, t: createT(zh, 'zh-cn') } });
    const notice = screen.getByTestId('url-notice') as HTMLDetailsElement;
    expect(notice.textContent).toContain('链接的版本为“3”');
    const summary = notice.querySelector('summary') as HTMLElement;
    summary.focus();
    await fireEvent.click(summary);
    expect(document.activeElement).toBe(summary);
  });
});
