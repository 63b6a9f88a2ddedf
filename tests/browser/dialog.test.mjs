// The dialog window against the real server: a click on a New row opens it,
// "Принять" moves it out of New, and a Cyrillic reply typed on the keyboard
// and sent with Enter appears as a bubble (POST api/dialogs/{id}/messages).
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { rows, widget, widgets, click, waitFor } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');

const server = await startChatsServer({ binary, site, demo: 300 });
const browser = await launchBrowser();

async function waitForWidget(page, id, timeout = 30000) {
  await page.waitForFunction((i) => window.inbox && window.inbox.widgets().some((w) => w.id === i),
    id, { timeout });
}

test('a New dialog opens, is accepted and answered from the composer', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForWidget(page, 'login:email');
  await click(page, 'login:email');
  await page.keyboard.type('owner@romashka.ru');
  await click(page, 'login:password');
  await page.keyboard.type('demo1234');
  await click(page, 'login:submit');
  await page.waitForFunction(() => window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });

  // A plain click on the row (on the client's name) opens the dialog on the right.
  // Rows allow overlap (the checkbox sits on them), and ImGui 1.86 then takes a
  // press only on an item hovered in the previous frame: the pointer rests on
  // the row before the click, as a hand does (it jumps from another row here).
  // The click lands on the client's name: the status cell opens the status picker.
  const row = (await rows(page))[0];
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + row.x + 200, box.y + row.y + row.h / 2);
  await page.waitForTimeout(200);
  await click(page, row.id, { dx: 200 });
  await waitForWidget(page, 'dialog', 15000);
  const panel = await widget(page, 'dialog');
  const viewport = page.viewportSize();
  const sidebar = await widget(page, 'sidebar');
  assert(panel.x > viewport.width * 0.35 && panel.w > viewport.width * 0.35 &&
    sidebar.x >= panel.x + panel.w - 1 && sidebar.x + sidebar.w <= viewport.width + 1,
    `the dialog takes the right side, the sidebar beside it: ${JSON.stringify([panel, sidebar])}`);
  assert(panel.label === row.label, `the header names the client: ${panel.label}`);
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('message:')),
    undefined, 15000);
  await widget(page, 'dialog:archive');
  await screenshot(page, 'dialog-new');

  await click(page, 'dialog:accept');
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'dialog:accept'),
    undefined, 15000);
  await waitFor(page, (id) => !window.inbox.widgets().some((w) => w.id === id), row.id, 15000);
  assert((await widgets(page)).some((w) => w.id === 'dialog'), 'the dialog stays open');

  // With an emoji: the operator's own text brings its glyph too.
  const reply = 'Здравствуйте! Заказ уже собираем, отправим сегодня \u{1F69A}';
  await click(page, 'composer');
  await page.keyboard.type(reply);
  await page.keyboard.press('Enter');
  await waitFor(page, (text) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label === text), reply, 15000);
  const bubble = (await widgets(page)).find((w) => w.id.startsWith('message:') && w.label === reply);
  assert(bubble.x + bubble.w > panel.x + panel.w * 0.6, 'an outgoing bubble sits on the right');
  await waitFor(page, () => window.inbox.hasGlyph(0x1F69A), undefined, 15000);
  await page.waitForTimeout(300);
  await screenshot(page, 'dialog-reply');

  await click(page, 'dialog:close');
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'dialog'), undefined,
    10000);
});

await runAndExit(() => browser.close(), () => server.stop());
