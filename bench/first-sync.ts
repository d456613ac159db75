/**
 * The first sync of a long window, in real Chromium on the production build, as a new user who sets the window
 * before anything is stored: the install-time sync finds the feed unreachable (so nothing but the bundled snapshot
 * is stored), the window is set on the options page (as a person does; a changed window starts a sync), and the
 * feed then answers `papers` derived entries (`derivedFeedBodies`) spread over the `days` newest list dates.
 *
 * From the options page's save: the time until the popup (open all along) answers a search with a paper of the
 * newest list date (typed at once; its results re-run when the store changes), and until the sync is complete
 * (status idle). Polled every 0.5 s.
 *
 *   npx tsx bench/first-sync.ts [days=730] [papers=10000]
 */
import { asNewestDays } from '../tests/e2e/feed';
import { launch } from '../tests/e2e/harness';
import { derivedFeedBodies } from './corpus';

const DAYS = Number(process.argv[2] ?? 730);
const PAPERS = Number(process.argv[3] ?? 10_000);
const { bodies } = derivedFeedBodies(PAPERS, DAYS);
const byDate = asNewestDays(bodies);
const newestTitle = (JSON.parse(bodies[0]!) as { paper: { title: string } }[])[0]!.paper.title
  .replace(/\s+/g, ' ')
  .trim();

/** In the popup: whether a result row holds the search box's text (the newest list date's title typed there). */
const searchAnswered = () =>
  [...document.querySelectorAll('[data-paper-radar="result"]')].some((r) =>
    (r.textContent ?? '').includes(document.querySelector<HTMLInputElement>('[data-paper-radar="search"]')!.value),
  );

const h = await launch({ feed: () => ({ abort: 'internetdisconnected' }) });
try {
  const status = '[data-paper-radar="sync-status"]';
  const popup = await h.open('popup.html');
  await popup.locator(`${status}:not([data-state="syncing"])`).waitFor({ timeout: 120_000 });
  h.setFeed((url) => ({ body: byDate.get(url.searchParams.get('date') ?? '') ?? '[]' }));
  await popup.locator('[data-paper-radar="search"]').fill(newestTitle);

  const options = await h.open('options.html');
  const field = options.locator('input[name="backfillDays"]');
  await field.waitFor({ timeout: 30_000 });
  await field.fill(String(DAYS));
  await field.press('Tab');
  const started = Date.now();
  await options.getByText('Saved.').waitFor({ timeout: 30_000 });
  await options.close();

  let answered: number | undefined;
  let complete: number | undefined;
  let sawSyncing = false;
  let last = '';
  while (complete === undefined && Date.now() - started < 900_000) {
    await new Promise((r) => setTimeout(r, 500));
    const s = await popup.evaluate((sel) => {
      const el = document.querySelector(sel);
      return {
        state: el?.getAttribute('data-state') ?? '',
        text: el?.textContent ?? '',
      };
    }, status);
    const result = await popup.evaluate(searchAnswered);
    const t = (Date.now() - started) / 1000;
    if (s.state === 'syncing') sawSyncing = true;
    if (result) answered ??= t;
    if (sawSyncing && s.state === 'idle') complete = t;
    if (s.text !== last && Math.floor(t) % 10 === 0) process.stderr.write(`  ${t.toFixed(0)} s: ${s.text}\n`);
    last = s.text;
  }
  // A search answered only after the sync's end is not "usable while syncing", but it is not "never" either: the
  // loop above stops at complete, so look a little longer to tell the two apart.
  let afterComplete: number | undefined;
  const completedAt = Date.now();
  while (answered === undefined && afterComplete === undefined && Date.now() - completedAt < 30_000) {
    await new Promise((r) => setTimeout(r, 500));
    if (await popup.evaluate(searchAnswered)) afterComplete = (Date.now() - started) / 1000;
  }
  const final = Number(await popup.locator(status).getAttribute('data-count'));
  const f = (x: number | undefined) => (x === undefined ? 'not within 15 min' : `${x.toFixed(1)} s`);
  console.log(
    `## First sync of a ${DAYS}-day window (\`bench/first-sync.ts\`, ${PAPERS.toLocaleString('en-US')} papers)\n`,
  );
  console.log('| what | measured |');
  console.log('|---|---|');
  const usable =
    answered !== undefined
      ? f(answered)
      : afterComplete !== undefined
        ? `only after the sync's end (${afterComplete.toFixed(1)} s)`
        : `not seen, up to 30 s after the sync's end included`;
  console.log(`| settings saved → popup search answers with a paper of the newest list date | ${usable} |`);
  console.log(
    `| settings saved → sync complete (idle; ${final.toLocaleString('en-US')} papers stored) | ${f(complete)} |`,
  );
  console.log(`| feed requests | ${h.feedRequests.length} |`);
} finally {
  await h.close();
}
