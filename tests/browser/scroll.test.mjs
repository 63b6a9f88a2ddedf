// The scrollbar's thumb dragged far down a long list: no window is fetched
// while it is held (placeholder rows show), and where it is let go the rows
// under the view arrive in the largest windows. Real mouse input on the
// table's scrollbar, against the real server.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { rows, widget, waitFor } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');

const server = await startChatsServer({ binary, site, demo: 4000 });
const browser = await launchBrowser();

async function dragDown(deviceScaleFactor, theme) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 },
    deviceScaleFactor });
  const page = await context.newPage();
  await page.goto(server.url + 'api/me');
  await page.evaluate(() => fetch('/api/login', { method: 'POST',
    body: JSON.stringify({ email: 'owner@romashka.ru', password: 'demo1234' }) }));
  const counts = await page.evaluate(async () => (await (await fetch('/api/dialogs?limit=1')).json()).counts);
  const mode = Object.keys(counts).sort((a, b) => counts[b].total - counts[a].total)[0];
  const total = counts[mode].total;
  assert(total > 1500, `a long view (${total})`);
  await page.goto(server.url + '#mode=' + mode);
  await page.waitForFunction(() => window.inbox &&
    window.inbox.widgets().some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
  await page.evaluate((t) => window.inbox.setLook({ theme: t }), theme);

  const windows = [];  // the list's further windows the page asks for
  page.on('request', (r) => {
    if (r.url().includes('api/dialogs?') && r.url().includes('cursor=')) windows.push(r.url());
  });
  const box = await page.locator('canvas').boundingBox();
  const first = (await rows(page))[0];
  const header = await widget(page, 'column:Клиент');
  // The scrollbar runs down the table's right edge from under the header.
  const x = box.x + box.width - 5;
  const top = box.y + header.y + header.h + 4;
  const bottom = box.y + box.height - 4;
  await page.mouse.move(x, top + 3);
  await page.waitForTimeout(150);
  await page.mouse.down();
  const target = top + (bottom - top) * 0.6;
  for (let i = 1; i <= 12; i++) {  // a hand moving the thumb over ~0.6 s
    await page.mouse.move(x, top + 3 + (target - top - 3) * i / 12);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(300);  // held still, but still held
  assert(windows.length === 0, `nothing fetched while the thumb is held: ${windows.length}`);
  const held = (await rows(page)).length;
  assert(held === 0, `placeholders under the held thumb, not rows (${held} rows)`);
  const suffix = `${theme}-${deviceScaleFactor}x`;
  await screenshot(page, `scroll-held-${suffix}`);
  await page.mouse.up();

  // Let go: the rows under the view come, in windows of 200.
  await page.waitForFunction(() => window.inbox.widgets().filter((w) => w.id.startsWith('row:')).length > 5,
    null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const shown = await rows(page);
  const firstShown = Number(shown[0].id.slice(4));
  assert(firstShown !== Number(first.id.slice(4)), 'the view is far down the list');
  // The largest windows up to the view; then at most one more, the usual prefetch.
  const sizes = windows.map((u) => Number(new URL(u).searchParams.get('limit')));
  assert(sizes.length > 0 && sizes.slice(0, -1).every((n) => n === 200),
    `largest windows to the view: ${sizes.join(',')}`);
  const view = Math.round(total * 0.6);
  assert(windows.length <= Math.ceil(view / 200) + 2,
    `${windows.length} windows for a view near row ${view}`);
  await screenshot(page, `scroll-settled-${suffix}`);
  await context.close();
  return windows.length;
}

test('dragging the thumb far down fetches nothing until let go, then the view in big windows', async () => {
  await dragDown(1, 'light');
});

test('the same in the dark theme at a pixel ratio of 2', async () => {
  await dragDown(2, 'dark');
});

test('the narrow list (a CRM side widget) loads the rows past its first window as it scrolls', async () => {
  const context = await browser.newContext({ viewport: { width: 400, height: 760 } });
  const page = await context.newPage();
  await page.goto(server.url + 'api/me');
  await page.evaluate(() => fetch('/api/login', { method: 'POST',
    body: JSON.stringify({ email: 'owner@romashka.ru', password: 'demo1234' }) }));
  await page.goto(server.url + '#mode=accepted');
  await page.waitForFunction(() => window.inbox &&
    window.inbox.widgets().some((w) => w.id.startsWith('row:')), null, { timeout: 30000 });
  const windows = [];
  page.on('request', (r) => {
    if (r.url().includes('api/dialogs?') && r.url().includes('cursor=')) windows.push(r.url());
  });
  const seen = new Set((await rows(page)).map((w) => w.id));
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.7);
  // About 300 rows of wheel: past a first window of 100 or 200.
  for (let i = 0; i < 60; i++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(60);
    for (const w of await rows(page)) seen.add(w.id);
  }
  await page.waitForTimeout(800);
  for (const w of await rows(page)) seen.add(w.id);
  assert(windows.length > 0, 'a further window was asked for');
  assert(seen.size > 220, `rows past the first window were drawn (${seen.size} seen)`);
  assert((await rows(page)).length > 3, 'rows, not placeholders, under the view');
  await screenshot(page, 'scroll-compact-far');
  await context.close();
});

await runAndExit(() => browser.close(), () => server.stop());
