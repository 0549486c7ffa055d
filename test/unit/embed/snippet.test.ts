// @vitest-environment jsdom
// The embed views' addresses and the HTML the link builder hands teachers: which pages have an embed
// view, that the query survives, that content text can never break out of an attribute, and the resize script.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAME_HEIGHT, EMBED_SIZE_MESSAGE, embedFromLink, embedUrl, iframeSnippet } from '@/features/embed/snippet';
import { escapeHtml } from '@/kit/html';

const parse = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');

describe('embedUrl', () => {
  it.each([
    ['/en/lab/', '/', '/en/embed/lab/'],
    ['/zh-cn/lab/clv/?v=1&retention=0.9', '/', '/zh-cn/embed/lab/clv/?v=1&retention=0.9'],
    [
      '/en/teach/budget-cut/?v=1&seed=abc&lock=acquisitionSpendPerQuarter',
      '/',
      '/en/embed/teach/budget-cut/?v=1&seed=abc&lock=acquisitionSpendPerQuarter',
    ],
    ['http://127.0.0.1:4321/en/lab/life-cycle/#top', '/', 'http://127.0.0.1:4321/en/embed/lab/life-cycle/#top'],
    [
      'https://example.org/crm-lab/en/teach/membership-store/?v=1&seed=x',
      '/crm-lab/',
      'https://example.org/crm-lab/en/embed/teach/membership-store/?v=1&seed=x',
    ],
    ['/crm-lab/zh-cn/lab/', '/crm-lab', '/crm-lab/zh-cn/embed/lab/'],
  ])('%s (base %s) → %s', (href, base, expected) => {
    expect(embedUrl(href, base)).toBe(expected);
  });

  it.each([
    ['/en/learn/what-is-crm/', '/'],
    ['/en/teach/', '/'],
    ['/en/teach/board/', '/'],
    ['/en/teach/link/', '/'],
    ['/en/teach/budget-cut/worksheet/', '/'],
    ['/en/teach/budget-cut/notes/', '/'],
    ['/en/lab/no-such-lab/', '/'],
    ['/fr/lab/', '/'],
    ['/en/lab/', '/crm-lab/'],
    ['/en/embed/lab/', '/'],
  ])('%s (base %s) has no embed view', (href, base) => {
    expect(embedUrl(href, base)).toBeNull();
  });
});

describe('embedFromLink (a link the teacher pasted)', () => {
  const origin = 'https://example.org';
  it('gives the embed view of a lab or scenario of this site, with its settings, and the view key', () => {
    expect(embedFromLink('  https://example.org/crm-lab/zh-cn/lab/clv/?v=1&retention=0.95 ', origin, '/crm-lab/')).toEqual({
      ok: true,
      src: 'https://example.org/crm-lab/zh-cn/embed/lab/clv/?v=1&retention=0.95',
      view: 'lab/clv/',
    });
    expect(embedFromLink('https://example.org/en/teach/budget-cut/?v=1&seed=x', origin)).toEqual({
      ok: true,
      src: 'https://example.org/en/embed/teach/budget-cut/?v=1&seed=x',
      view: 'teach/budget-cut/',
    });
  });
  it.each([
    ['not a link', 'invalid'],
    ['javascript:alert(1)', 'invalid'],
    ['/en/lab/', 'invalid'],
    ['https://evil.example/en/lab/', 'foreign'],
    ['http://example.org/en/lab/', 'foreign'],
    ['https://example.org/en/learn/what-is-crm/', 'not-embeddable'],
    ['https://example.org/en/teach/board/', 'not-embeddable'],
  ])('%s → %s', (link, problem) => {
    expect(embedFromLink(link, origin)).toEqual({ ok: false, problem });
  });
});

describe('iframeSnippet', () => {
  const src = 'https://example.org/crm-lab/en/embed/teach/budget-cut/?v=1&seed=abc';

  it('is one iframe with the escaped address, a title, the default height and no script unless asked', () => {
    const html = iframeSnippet({ src, title: 'CRM Lab: Budget cut' });
    const doc = parse(html);
    const frames = doc.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    expect(frames[0].getAttribute('src')).toBe(src);
    expect(frames[0].getAttribute('title')).toBe('CRM Lab: Budget cut');
    expect(frames[0].getAttribute('height')).toBe(String(DEFAULT_FRAME_HEIGHT));
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(html).toContain('&amp;seed=abc');
  });

  it('keeps a hostile title inside its attribute', () => {
    const title = '"><script>alert(1)</script><b x="';
    const html = iframeSnippet({ src, title });
    const doc = parse(html);
    expect(doc.querySelectorAll('script, b')).toHaveLength(0);
    expect(doc.querySelector('iframe')?.getAttribute('title')).toBe(title);
    expect(escapeHtml('a&b"c<d>')).toBe('a&amp;b&quot;c&lt;d&gt;');
  });

  it("adds a script that sizes only its own frame, only from the view's origin, only to a sane height", () => {
    const html = iframeSnippet({ src, title: 'x', resize: true });
    // The course page: the snippet (its script run as the page would) and another frame beside it.
    document.body.innerHTML = `${html}<iframe id="other"></iframe>`;
    const script = document.querySelector('script')!.textContent!;
    new Function(script)();
    const [mine, other] = [...document.querySelectorAll('iframe')];
    const post = (origin: string, data: unknown, source: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { origin, data, source: source as Window }));

    post('https://example.org', { type: EMBED_SIZE_MESSAGE, height: 1234.2 }, mine.contentWindow);
    expect(mine.style.height).toBe('1235px');
    expect(other.style.height).toBe('');
    post('https://evil.example', { type: EMBED_SIZE_MESSAGE, height: 99 }, mine.contentWindow);
    post('https://example.org', { type: 'something-else', height: 99 }, mine.contentWindow);
    post('https://example.org', { type: EMBED_SIZE_MESSAGE, height: 1e9 }, mine.contentWindow);
    post('https://example.org', { type: EMBED_SIZE_MESSAGE, height: 'tall' }, mine.contentWindow);
    post('https://example.org', null, mine.contentWindow);
    expect(mine.style.height).toBe('1235px');
  });
});
