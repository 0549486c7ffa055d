// @vitest-environment jsdom
// Presses before hydration (early.ts): recorded only inside an island not yet hydrated, with the answer read at the
// press (hydration may reset the inputs before the replay), replayed once, bounded and robust to a damaged record.
import { beforeEach, describe, expect, it } from 'vitest';
import { recordEarlyClicks, takeEarlyClick } from '../../../src/features/learn/early';

function page(ssr: boolean) {
  document.documentElement.removeAttribute('data-early-clicks');
  document.body.innerHTML = `
    <astro-island ${ssr ? 'ssr' : ''}>
      <fieldset>
        <input type="radio" name="a" value="x"><input type="radio" name="a" value="y" checked>
        <input type="checkbox" value="c1" checked><input type="text" value="${'9'.repeat(500)}">
        <button type="button" data-early="note">Check</button>
      </fieldset>
      <p id="note" hidden>Loading…</p>
    </astro-island>`;
  recordEarlyClicks(document);
  return document.querySelector('button')!;
}

describe('early presses', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('a press before hydration is recorded with its answer, says it is loading, and is replayed once', () => {
    const button = page(true);
    button.click();
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(document.getElementById('note')!.hidden).toBe(false);
    // Hydration resets the inputs: the press still carries what was ticked and typed (typed text bounded).
    for (const i of document.querySelectorAll('input')) i.checked = false;
    const press = takeEarlyClick(button)!;
    expect(press.checked).toEqual(['y', 'c1']);
    expect(press.text).toEqual(['9'.repeat(200)]);
    expect(button.hasAttribute('aria-busy')).toBe(false);
    expect(document.getElementById('note')!.hidden).toBe(true);
    expect(takeEarlyClick(button)).toBeNull();
  });

  it('a press in a hydrated island is left to the island', () => {
    const button = page(false);
    button.click();
    expect(takeEarlyClick(button)).toBeNull();
    expect(button.hasAttribute('aria-busy')).toBe(false);
  });

  it('a damaged record still replays the press, with no answer', () => {
    const button = page(true);
    button.click();
    button.setAttribute('data-early-values', '{"checked": [1, "y"], "text": "no"');
    expect(takeEarlyClick(button)).toEqual({ checked: [], text: [] });
  });
});
