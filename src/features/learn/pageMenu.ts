// The phone menu of a page with side navigation (a lesson, the Model page: `details.page-menu`, styled in global.css):
// a link chosen in it closes it, so it does not cover the section it opened. Runs once per page; keeps no state.
export function closeMenusOnLink(doc: Document): void {
  for (const menu of doc.querySelectorAll<HTMLDetailsElement>('details.page-menu')) {
    menu.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('a')) menu.open = false;
    });
  }
}
