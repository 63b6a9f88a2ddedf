// The client skeleton in a real browser: rows drawn from demo data, the three
// modes, Cyrillic search typed on the keyboard, wheel scrolling, high-DPI
// rendering, and no frames while idle.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { serveFolder } from './lib/static-server.mjs';
import { openInbox, rows, widget, click, waitFor } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const server = await serveFolder(site);
const browser = await launchBrowser();

async function newPage(deviceScaleFactor = 1) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 },
    deviceScaleFactor });
  return context.newPage();
}

test('the table shows real rows with the columns of the Chats section', async () => {
  const page = await newPage();
  await openInbox(page, server.url);
  const shown = await rows(page);
  assert(shown.length >= 10, `at least 10 rows drawn, got ${shown.length}`);
  for (const r of shown) assert(r.label.length > 0 && r.h > 40, `row ${r.id} has a label and height`);
  for (const column of ['Клиент', 'Статус воронки', 'Время ответа', 'Цена', 'Задачи',
    'Ответственный', 'Теги', 'Источник']) {
    await widget(page, 'column:' + column);
  }
  const tab = await widget(page, 'tab:new');
  assert(tab.label === 'Новые чаты', 'the New tab reads "Новые чаты"');
  await screenshot(page, 'client-table');
});

test('clicking a mode tab shows that mode\'s dialogs', async () => {
  const page = await newPage();
  await openInbox(page, server.url);
  const before = (await rows(page)).map((r) => r.id).join();
  await click(page, 'tab:archived');
  await waitFor(page, (b) => window.inbox.widgets().filter((w) => w.id.startsWith('row:'))
    .map((w) => w.id).join() !== b, before);
  assert((await rows(page)).length > 0, 'the archive has rows');
  await screenshot(page, 'client-archive');
});

test('typing a Cyrillic name into search filters the rows as you type', async () => {
  const page = await newPage();
  await openInbox(page, server.url);
  await click(page, 'tab:accepted');
  await click(page, 'search');
  await page.keyboard.type('анна');
  await waitFor(page, () => {
    const r = window.inbox.widgets().filter((w) => w.id.startsWith('row:'));
    return r.length > 0 && r.every((w) => w.label.toLowerCase().includes('анна'));
  });
  await screenshot(page, 'client-search');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await waitFor(page, () => window.inbox.widgets().filter((w) => w.id.startsWith('row:'))
    .some((w) => !w.label.toLowerCase().includes('анна')));
});

test('the wheel scrolls the list', async () => {
  const page = await newPage();
  await openInbox(page, server.url);
  await click(page, 'tab:accepted');
  await page.waitForTimeout(200);
  const first = (await rows(page))[0].id;
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + 500, box.y + 400);
  await page.mouse.wheel(0, 1500);
  await waitFor(page, (f) => window.inbox.widgets().find((w) => w.id.startsWith('row:')).id !== f,
    first);
});

test('on a high-DPI screen the canvas has device pixels and text is drawn at that density',
  async () => {
    const page = await newPage(2);
    await openInbox(page, server.url);
    const size = await page.evaluate(() => [window.inbox.canvas.width,
      window.inbox.canvas.clientWidth]);
    assert(size[0] === size[1] * 2, `canvas is 2x its CSS width (${size})`);
    assert((await rows(page)).length >= 10, 'rows drawn at 2x');
    await screenshot(page, 'client-table-2x');
  });

test('an idle tab draws no frames', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    window.__frames = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (fn) => raf((t) => { window.__frames++; fn(t); });
  });
  await openInbox(page, server.url);
  // The clients' pictures arriving are frames with something new on screen.
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id.startsWith('avatar:') &&
    w.label === 'loading'), undefined, 15000);
  await page.waitForTimeout(1000);
  const start = await page.evaluate(() => window.__frames);
  await page.waitForTimeout(2000);
  const idle = (await page.evaluate(() => window.__frames)) - start;
  assert(idle === 0, `no frames in 2 s of idleness, saw ${idle}`);
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + 300, box.y + 300);
  await page.waitForTimeout(300);
  const moved = (await page.evaluate(() => window.__frames)) - start;
  assert(moved > 0, 'mouse movement draws a frame');
});

await runAndExit(() => browser.close(), () => server.close());
