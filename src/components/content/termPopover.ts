// A tap on a glossary term (touch or pen) opens its definition in place, in one popover per page, instead of following
// the link out of the lesson; mouse and keyboard keep the link. Reads the term's data attributes; builds text nodes only.
export const POPOVER_ID = 'term-popover';

/** Sets up the page once: remembers the kind of the last pointer, and turns touch taps on terms into the popover. */
export function openTermsInPlace(doc: Document): void {
  const root = doc.documentElement;
  if (root.hasAttribute('data-term-popover')) return;
  root.setAttribute('data-term-popover', '');
  let pointer = 'mouse';
  doc.addEventListener('pointerdown', (e) => (pointer = e.pointerType), true);
  doc.addEventListener('click', (e) => {
    const term = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a.term[data-term]') : null;
    if (!term || (pointer !== 'touch' && pointer !== 'pen') || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const box = popover(doc);
    // Without the Popover API the link simply opens the glossary, as before.
    if (!box || typeof box.showPopover !== 'function') return;
    e.preventDefault();
    show(box, term);
  });
}

function popover(doc: Document): HTMLElement | null {
  let box = doc.getElementById(POPOVER_ID);
  if (!box) {
    box = doc.createElement('div');
    box.id = POPOVER_ID;
    box.setAttribute('popover', 'auto');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-labelledby', `${POPOVER_ID}-title`);
    box.dataset.pagefindIgnore = '';
    // Focus comes back to the term that opened the definition once it closes (a tap outside, Escape or Close).
    box.addEventListener('toggle', (event) => {
      if ((event as ToggleEvent).newState === 'closed') openedBy.get(box!)?.focus({ preventScroll: true });
    });
    doc.body.append(box);
  }
  return box;
}

/** The term whose definition the popover shows. */
const openedBy = new WeakMap<HTMLElement, HTMLElement>();

function paragraph(doc: Document, text: string, className?: string, id?: string): HTMLParagraphElement {
  const p = doc.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  if (id) p.id = id;
  return p;
}

function show(box: HTMLElement, term: HTMLAnchorElement): void {
  const doc = box.ownerDocument;
  const data = term.dataset;
  const open = doc.createElement('a');
  open.href = term.href;
  open.textContent = data.termOpen ?? '';
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'secondary';
  close.textContent = data.termClose ?? '';
  close.addEventListener('click', () => box.hidePopover());
  const actions = doc.createElement('p');
  actions.className = 'tp-actions';
  actions.append(open, close);
  box.replaceChildren(
    paragraph(doc, data.termTitle ?? '', 'tp-title', `${POPOVER_ID}-title`),
    paragraph(doc, data.termOther ?? '', 'tp-other'),
    paragraph(doc, data.termDefinition ?? ''),
    actions,
  );
  if (box.matches(':popover-open')) box.hidePopover();
  openedBy.set(box, term);
  box.showPopover();
  close.focus({ preventScroll: true });
}
