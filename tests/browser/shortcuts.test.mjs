// Keyboard shortcuts pressed as real keys: the help overlay, moving through
// the dialogs, the composer, and the search field taking Cyrillic typing.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { serveFolder } from './lib/static-server.mjs';
import { openInbox, widget, widgets, click, waitFor } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const server = await serveFolder(site);
const browser = await launchBrowser();

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  const page = await context.newPage();
  await openInbox(page, server.url);
  // Keyboard focus comes with a click into the inbox: the title, where nothing reacts.
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + 40, box.y + 30);
  return page;
}

const has = (id) => window.inbox.widgets().some((w) => w.id === id);
const dialogLabel = () => (window.inbox.widgets().find((w) => w.id === 'dialog') || {}).label;

test('? opens the shortcuts overlay in Russian, Esc closes it', async () => {
  const page = await newPage();
  await page.keyboard.press('Shift+Slash');
  await waitFor(page, has, 'shortcuts');
  const overlay = await widget(page, 'shortcuts');
  assert(overlay.label === 'Горячие клавиши', `the overlay reads "Горячие клавиши": ${overlay.label}`);
  const rows = (await widgets(page)).filter((w) => w.id.startsWith('shortcut:'));
  assert(rows.length >= 9, `the overlay lists the shortcuts, got ${rows.length}`);
  assert(rows.some((r) => r.label === 'Следующий диалог'), 'next dialog is listed in Russian');
  await screenshot(page, 'shortcuts-overlay');
  await page.keyboard.press('Escape');
  await waitFor(page, (id) => !window.inbox.widgets().some((w) => w.id === id), 'shortcuts');
});

test('F1 and the header button open the overlay too', async () => {
  const page = await newPage();
  await page.keyboard.press('F1');
  await waitFor(page, has, 'shortcuts');
  await click(page, 'shortcuts:close');
  await waitFor(page, (id) => !window.inbox.widgets().some((w) => w.id === id), 'shortcuts');
  await click(page, 'shortcuts:open');
  await waitFor(page, has, 'shortcuts');
});

test('J opens the first dialog and then the next one, K goes back, Alt+↓ works from the composer', async () => {
  const page = await newPage();
  await page.keyboard.press('j');
  await waitFor(page, has, 'dialog');
  const first = await page.evaluate(dialogLabel);
  await page.keyboard.press('j');
  await waitFor(page, (f) => {
    const d = window.inbox.widgets().find((w) => w.id === 'dialog');
    return d && d.label !== f;
  }, first);
  const second = await page.evaluate(dialogLabel);
  await screenshot(page, 'shortcuts-next-dialog');
  await page.keyboard.press('k');
  await waitFor(page, (f) => {
    const d = window.inbox.widgets().find((w) => w.id === 'dialog');
    return d && d.label === f;
  }, first);
  // From inside the composer letters type, and Alt+arrows still move.
  await page.keyboard.press('r');
  await page.waitForTimeout(300);
  await page.keyboard.type('jk');
  await page.waitForTimeout(300);
  assert((await page.evaluate(dialogLabel)) === first, 'letters typed into the composer stay there');
  await page.keyboard.press('Alt+ArrowDown');
  await waitFor(page, (s) => {
    const d = window.inbox.widgets().find((w) => w.id === 'dialog');
    return d && d.label === s;
  }, second);
});

test('/ focuses the search, which then takes Cyrillic typing', async () => {
  const page = await newPage();
  await click(page, 'tab:accepted');
  await page.waitForTimeout(300);
  await page.keyboard.press('Slash');
  await page.waitForTimeout(200);
  await page.keyboard.type('анна');
  await waitFor(page, () => {
    const r = window.inbox.widgets().filter((w) => w.id.startsWith('row:'));
    return r.length > 0 && r.every((w) => w.label.toLowerCase().includes('анна'));
  });
  await screenshot(page, 'shortcuts-search');
});

await runAndExit(() => browser.close(), () => server.close());
