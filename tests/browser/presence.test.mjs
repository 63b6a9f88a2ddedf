// Presence against the real server, with two operators in two browser pages:
// when Igor (admin) opens a dialog Anna (owner) has open, she sees «Игорь
// смотрит этот диалог»; while he types, «Игорь печатает…» in the dialog and
// on the row in the list; when he sends, the typing goes away, and when he
// closes the dialog, the line goes away. Input is real keys and clicks.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { rows, widget, waitFor, waitForWidget, press, signIn } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');

const server = await startChatsServer({ binary, site, demo: 300 });
const browser = await launchBrowser();


// The pointer rests on the widget first, then clicks, as a hand would.

async function operatorPage(email, scale) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 },
    deviceScaleFactor: scale });
  const page = await context.newPage();
  await signIn(page, server.url, email);
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'connection' &&
    w.label === 'Онлайн'), undefined, 15000);
  return page;
}

const presenceLabel = (page) => page.evaluate(() => {
  const w = window.inbox.widgets().find((x) => x.id === 'presence');
  return w ? w.label : null;
});

let anna, igor;
test('Anna sees Igor viewing, typing and leaving the dialog she has open', async () => {
  anna = await operatorPage('owner@romashka.ru', 2);
  igor = await operatorPage('admin@romashka.ru', 1);

  const first = (await rows(anna))[0];
  const row = first.id;  // "row:<id>"
  await press(anna, row, 200);
  await waitForWidget(anna, 'composer');
  assert(await presenceLabel(anna) === null, 'nobody else is in the dialog yet');

  await waitForWidget(igor, row);
  await press(igor, row, 200);
  await waitForWidget(igor, 'composer');
  await waitFor(anna, () => window.inbox.widgets().some((w) => w.id === 'presence' &&
    w.label === 'Игорь смотрит этот диалог'), undefined, 15000);
  await screenshot(anna, 'presence-viewing@2x');

  await press(igor, 'composer');
  await igor.keyboard.type('Сейчас уточню у склада', { delay: 40 });
  await waitFor(anna, () => window.inbox.widgets().some((w) => w.id === 'presence' &&
    w.label === 'Игорь печатает…'), undefined, 10000);
  await waitFor(anna, (r) => window.inbox.widgets().some((w) => w.id === r + ':presence' &&
    w.label === 'Игорь печатает…'), row, 5000);
  await screenshot(anna, 'presence-typing@2x');
  assert(await presenceLabel(igor) === 'Анна смотрит этот диалог',
    'Igor sees Anna, and never himself');
  await screenshot(igor, 'presence-other-side');

  // He sends: the typing goes away at once (no 6 s wait), the message arrives.
  await igor.keyboard.press('Enter');
  await waitFor(anna, () => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label === 'Сейчас уточню у склада'), undefined, 10000);
  await waitFor(anna, () => window.inbox.widgets().some((w) => w.id === 'presence' &&
    w.label === 'Игорь смотрит этот диалог'), undefined, 5000);
  await screenshot(anna, 'presence-after-send@2x');

  // Typing that stops without sending falls back to viewing by itself.
  await igor.keyboard.type('и перезвоню');
  await waitFor(anna, () => window.inbox.widgets().some((w) => w.id === 'presence' &&
    w.label === 'Игорь печатает…'), undefined, 10000);
  await waitFor(anna, () => window.inbox.widgets().some((w) => w.id === 'presence' &&
    w.label === 'Игорь смотрит этот диалог'), undefined, 12000);

  // He closes the dialog: the line and the row's mark go away.
  await press(igor, 'dialog:close');
  await waitFor(anna, () => !window.inbox.widgets().some((w) => w.id === 'presence'),
    undefined, 10000);
  await waitFor(anna, (r) => !window.inbox.widgets().some((w) => w.id === r + ':presence'),
    row, 5000);
  await screenshot(anna, 'presence-left@2x');
  await igor.context().close();
  await anna.context().close();
});

await runAndExit(
  async (ok) => {  // what each operator had when a wait ran out
    if (ok) return;
    if (anna && !anna.isClosed()) await screenshot(anna, 'presence-failed-anna');
    if (igor && !igor.isClosed()) await screenshot(igor, 'presence-failed-igor');
  },
  () => browser.close(),
  () => server.stop());
