// Turns a rendered chart frame into a standalone SVG file that explains itself off the page — its caption as the
// title, unit and axis note, the plot (CSS variables and classes resolved to plain attributes), each baseline line
// labelled at its end, the legend, and a footer line from the caller (site, seed, model version) — and, through a
// canvas, into a PNG. Browser-only helpers; they read the DOM but never change the page's chart.

const PROPS = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linejoin',
  'paint-order',
  'opacity',
  'fill-opacity',
  'font-size',
  'font-family',
  'font-style',
  'font-weight',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 16;
const TITLE_SIZE = 16;
const TEXT_SIZE = 12;
const LINE = 18;

/** A standalone chart file: its markup and its size in CSS pixels. */
export interface ChartFile {
  markup: string;
  width: number;
  height: number;
}

/** The plot's SVG with computed colours and fonts inlined and classes removed (the page's own chart is untouched). */
function inlined(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  for (let i = 0; i < src.length && i < dst.length; i++) {
    const cs = getComputedStyle(src[i]);
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) dst[i].setAttribute(p, v);
    }
    dst[i].removeAttribute('class');
  }
  clone.removeAttribute('aria-hidden');
  clone.removeAttribute('focusable');
  return clone;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

let measureCtx: CanvasRenderingContext2D | null | undefined;
/** Width of a text at `size` px: measured with a canvas where there is one, estimated otherwise (CJK at full width). */
function textWidth(text: string, size: number, font: string): number {
  if (measureCtx === undefined) {
    try {
      measureCtx = document.createElement('canvas').getContext('2d');
    } catch {
      measureCtx = null;
    }
  }
  if (measureCtx) {
    measureCtx.font = `${size}px ${font}`;
    const w = measureCtx.measureText(text).width;
    if (w > 0) return w;
  }
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFFF]/.test(ch) ? size : size * 0.6;
  return w;
}

/** The last point of a path's data ("M1,2L3,4" → [3, 4]), where a label can sit. */
export function pathEnd(d: string): [number, number] | null {
  const nums = d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi);
  if (!nums || nums.length < 2) return null;
  return [Number(nums[nums.length - 2]), Number(nums[nums.length - 1])];
}

/**
 * The chart of `figure` (a ChartFrame's <figure>) as a standalone SVG with title, unit, axis note, legend and the
 * caller's footer line (e.g. "CRM Lab · seed 2026 · model 1.0.0"). Each dashed baseline carries its label at its end.
 */
export function chartFile(figure: HTMLElement, footer: string): ChartFile | null {
  const svg = figure.querySelector<SVGSVGElement>('svg.chart-svg');
  if (!svg) return null;
  const font = getComputedStyle(figure).fontFamily || 'sans-serif';
  const fg = getComputedStyle(figure).color || '#1b1f24';
  const bg = getComputedStyle(document.body).backgroundColor || '#ffffff';
  const plotW = svg.width.baseVal.value || svg.clientWidth;
  const plotH = svg.height.baseVal.value || svg.clientHeight;
  const title = figure.querySelector('figcaption')?.textContent?.trim() ?? '';
  const notes = [...figure.querySelectorAll(':scope > .unit, :scope > .axis-note')].map((n) => n.textContent?.trim() ?? '').filter(Boolean);
  const width = Math.ceil(Math.max(plotW + 2 * PAD, 320));
  const out = el('svg', { xmlns: SVG_NS, width, 'font-family': font });
  const body: SVGElement[] = [];
  let y = PAD + TITLE_SIZE;
  body.push(el('text', { x: PAD, y, 'font-size': TITLE_SIZE, 'font-weight': 700, fill: fg }, title));
  for (const n of notes) {
    y += LINE;
    body.push(el('text', { x: PAD, y, 'font-size': TEXT_SIZE, fill: fg }, n));
  }
  y += 10;

  const plot = inlined(svg);
  plot.setAttribute('x', String(PAD));
  plot.setAttribute('y', String(y));
  // Label each baseline at its end, in the plot's own coordinates (inside the margin group).
  const group = plot.querySelector('g');
  const originals = svg.querySelectorAll<SVGPathElement>('path[data-label]');
  const copies = plot.querySelectorAll<SVGPathElement>('path[data-label]');
  originals.forEach((p, i) => {
    const end = pathEnd(p.getAttribute('d') ?? '');
    const label = p.getAttribute('data-label');
    const copy = copies[i];
    if (!end || !label || !group || !copy) return;
    const text = el(
      'text',
      { x: end[0], y: end[1] - 6, 'font-size': 11, fill: copy.getAttribute('stroke') ?? fg, 'text-anchor': 'end' },
      label,
    );
    group.append(text);
  });
  body.push(plot);
  y += plotH + 14;

  // The legend, from the frame's own legend entries: a swatch (or a dash, or a symbol) and the words.
  let x = PAD;
  for (const li of figure.querySelectorAll<HTMLLIElement>('.legend li')) {
    const label = li.textContent?.trim() ?? '';
    const swatch = li.querySelector<HTMLElement>('i');
    const symbol = li.querySelector<HTMLElement>('.symbol')?.textContent ?? '';
    const words = symbol ? label.slice(symbol.length) : label;
    const w = 22 + textWidth(words, TEXT_SIZE, font) + 18;
    if (x + w > width - PAD && x > PAD) {
      x = PAD;
      y += LINE;
    }
    if (swatch?.classList.contains('dash')) {
      body.push(el('line', { x1: x, x2: x + 16, y1: y - 4, y2: y - 4, stroke: fg, 'stroke-width': 2, 'stroke-dasharray': '5 3' }));
    } else if (swatch) {
      const cs = getComputedStyle(swatch);
      body.push(el('rect', { x, y: y - 10, width: 12, height: 12, rx: 2, fill: cs.backgroundColor || fg, opacity: cs.opacity || '1' }));
    } else if (symbol) {
      body.push(el('text', { x, y, 'font-size': TEXT_SIZE, fill: fg }, symbol));
    }
    body.push(el('text', { x: x + 20, y, 'font-size': TEXT_SIZE, fill: fg }, words));
    x += w;
  }
  y += LINE + 4;
  body.push(el('text', { x: PAD, y, 'font-size': 11, fill: fg }, footer));
  const height = Math.ceil(y + PAD);
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.append(el('rect', { width: '100%', height: '100%', fill: bg }), ...body);
  return { markup: new XMLSerializer().serializeToString(out), width, height };
}

/** PNG of a chart file at `scale` × its size. */
export function chartPng(file: ChartFile, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const url = URL.createObjectURL(new Blob([file.markup], { type: 'image/svg+xml' }));
    img.onload = () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(file.width * scale);
        canvas.height = Math.ceil(file.height * scale);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.scale(scale, scale);
        ctx.drawImage(img, 0, 0, file.width, file.height);
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png');
      } catch (e) {
        reject(e);
      } finally {
        URL.revokeObjectURL(url);
      }
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('image load failed'));
    };
    img.src = url;
  });
}
