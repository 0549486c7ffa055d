// @vitest-environment jsdom
// The one slider-with-number control: slider and box show the same value; a typed value inside the range
// applies at once while the box keeps the typed text; Enter commits, clamps or refuses with a message;
// Escape goes back; a percentage is typed as a percentage; disabled means both inputs.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import NumberControl from '@/kit/NumberControl.svelte';
import en from '@/i18n/strings/en.json';
import { createT } from '@/i18n/client';
import { roundToStep } from '@/kit/urlState';

const t = createT(en, 'en');

function setup(extra: Record<string, unknown> = {}) {
  const applied: number[] = [];
  const props = $state({
    id: 'promise',
    label: 'Promise level',
    help: 'What communications lead customers to expect.',
    unit: 'on a 1–5 scale',
    value: 3,
    range: { min: 1, max: 5, step: 0.1 },
    format: (v: number) => v.toFixed(1),
    t,
    onset: (v: number) => {
      const used = Math.min(5, Math.max(1, roundToStep(v, 0.1, 1)));
      applied.push(used);
      props.value = used;
      return used;
    },
    ...extra,
  });
  render(NumberControl, { props });
  const slider = document.getElementById('promise-slider') as HTMLInputElement;
  const box = document.getElementById('promise-box') as HTMLInputElement;
  const msg = document.getElementById('promise-msg') as HTMLElement;
  return { props, applied, slider, box, msg };
}

afterEach(() => cleanup());

describe('NumberControl', () => {
  it('names both inputs by the label and speaks the value with its unit', () => {
    const { slider, box } = setup();
    expect(screen.getAllByLabelText('Promise level')).toEqual([slider, box]);
    expect(slider.getAttribute('aria-valuetext')).toBe('3.0 on a 1–5 scale');
    expect([slider.value, box.value]).toEqual(['3', '3']);
  });

  it('moves the box with the slider', async () => {
    const { slider, box, applied } = setup();
    slider.value = '3.4';
    await fireEvent.input(slider);
    expect(applied).toEqual([3.4]);
    expect(box.value).toBe('3.4');
  });

  it('applies a typed value inside the range at once but leaves the typed text alone until Enter', async () => {
    const { box, applied, slider } = setup();
    box.value = '4.55';
    await fireEvent.input(box);
    expect(applied).toEqual([4.6]);
    expect(slider.value).toBe('4.6');
    expect(box.value).toBe('4.55');
    await fireEvent.change(box);
    expect(box.value).toBe('4.6');
  });

  it('clamps an out-of-range value on commit and says so; refuses a non-number', async () => {
    const { box, msg, props } = setup();
    box.value = '9';
    await fireEvent.input(box);
    expect(props.value).toBe(3);
    await fireEvent.change(box);
    expect(props.value).toBe(5);
    expect(box.value).toBe('5');
    expect(msg.textContent).toBe('9 is outside the allowed range; 5.0 is used instead.');
    box.value = 'lots';
    await fireEvent.input(box);
    await fireEvent.change(box);
    expect(msg.textContent).toBe(en['kit.number.notNumber']);
    expect(box.value).toBe('5');
  });

  it('Escape drops what was typed', async () => {
    const { box, props } = setup();
    box.value = '7';
    await fireEvent.input(box);
    await fireEvent.keyDown(box, { key: 'Escape' });
    flushSync();
    expect(box.value).toBe('3');
    expect(props.value).toBe(3);
  });

  it('shows a share as a percentage in the box and reads it back', async () => {
    const applied: number[] = [];
    const props = $state({
      id: 'ret',
      label: 'Retention',
      value: 0.07,
      range: { min: 0, max: 0.99, step: 0.01 },
      format: (v: number) => `${Math.round(v * 100)}%`,
      t,
      scale: 100,
      readout: true,
      onset: (v: number) => {
        props.value = roundToStep(v, 0.01);
        applied.push(props.value);
        return props.value;
      },
    });
    render(NumberControl, { props });
    const box = document.getElementById('ret-box') as HTMLInputElement;
    expect([box.value, box.step, box.max]).toEqual(['7', '1', '99']);
    expect(document.querySelector('output')?.textContent).toBe('7%');
    box.value = '93';
    await fireEvent.input(box);
    expect(applied).toEqual([0.93]);
  });

  it('disables both inputs; without a slider the label names the box', () => {
    const { slider, box } = setup({ disabled: true });
    expect([slider.disabled, box.disabled]).toEqual([true, true]);
    cleanup();
    setup({ slider: false });
    expect(document.getElementById('promise-slider')).toBeNull();
    expect(screen.getAllByLabelText('Promise level').map((el) => el.id)).toEqual(['promise-box']);
  });
});
