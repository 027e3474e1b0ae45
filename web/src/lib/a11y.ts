/**
 * Moves focus to the page's h1 after a route change (QUALITY §1.9), so screen-reader
 * and keyboard users start from the new page's question. A page that draws its h1 only
 * after reading the device gets it focused as soon as it appears.
 */
const WAIT_FOR_HEADING_MS = 2_000;

export function focusMainHeading(): void {
  const main = document.getElementById('main');
  if (!main) return;
  const found = main.querySelector('h1');
  if (found) {
    focusHeading(found);
    return;
  }
  const observer = new MutationObserver(() => {
    const h1 = main.querySelector('h1');
    if (!h1) return;
    observer.disconnect();
    focusHeading(h1);
  });
  observer.observe(main, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), WAIT_FOR_HEADING_MS);
}

function focusHeading(h1: HTMLElement): void {
  if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
  // Do not pull focus back if the user already moved it (or an error summary took it).
  if (document.activeElement && document.activeElement !== document.body) return;
  h1.focus({ preventScroll: true });
}
