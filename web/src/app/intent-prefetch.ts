import { prefetchPerson } from '../features/person/person-query';
import { pages } from './pages';

/*
 * Opening a person from a list used to be three waits in a row: the click, then the person page's
 * code, then (once that code ran) the request for the person, then the render. Here the app starts
 * the last two before the click: the page's code is warmed when a list of people is on screen and
 * the browser is idle, and the person is asked for when the pointer rests on a link or row to them
 * (hover intent) or goes down on it, so the click finds both on their way or in.
 */

/** How long the pointer rests on a person before their page is asked for. */
const HOVER_MS = 80;
const PERSON_PATH = /^\/people\/([^/]+)\/?$/;

let warmed = false;

/** Loads the person page's code once, when the browser has a moment (a list of people is showing). */
export function warmPersonPage(): void {
  if (warmed) return;
  warmed = true;
  const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 200));
  idle(() => {
    pages.personPage().catch(() => {
      warmed = false;
    });
  });
}

/** The person a pointer event is about: a same-origin link to /people/:id, or a row of the people list. */
export function personAt(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  const link = target.closest('a[href]');
  if (link) {
    const url = new URL(link.getAttribute('href') ?? '', window.location.href);
    const match = url.origin === window.location.origin ? PERSON_PATH.exec(url.pathname) : null;
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  const row = target.closest('[id^="person-row-"]');
  return row ? row.id.slice('person-row-'.length) || null : null;
}

function start(id: string) {
  pages.personPage().catch(() => {});
  prefetchPerson(id);
}

/** Listens on the document for pointers resting on or pressing a person; returns the way to stop. */
export function installIntentPrefetch(doc: Document = document): () => void {
  let resting: string | null = null;
  let timer: number | undefined;
  const onDown = (e: PointerEvent) => {
    const id = personAt(e.target);
    if (id) start(id);
  };
  const onOver = (e: PointerEvent) => {
    const id = personAt(e.target);
    if (id === resting) return;
    window.clearTimeout(timer);
    resting = id;
    if (id) timer = window.setTimeout(() => start(id), HOVER_MS);
  };
  doc.addEventListener('pointerdown', onDown, true);
  doc.addEventListener('pointerover', onOver, true);
  return () => {
    window.clearTimeout(timer);
    doc.removeEventListener('pointerdown', onDown, true);
    doc.removeEventListener('pointerover', onOver, true);
  };
}
