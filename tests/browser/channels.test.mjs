// Connecting a channel from the settings screen, against a fake Telegram Bot
// API on loopback (build/native/src/server/fake_telegram, its base URL typed
// in the form as the API address): a wrong token is refused with Telegram's
// words, the right one connects, a client's message polled from the fake
// arrives live, and the operator's answer from the composer reaches the fake
// as sendMessage to that chat.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { startFakeTelegram } from './lib/fake-telegram.mjs';
import {
  signIn, widgets, widget, press, waitFor, waitForWidget, typeInto,
} from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const fakeBinary = path.resolve(path.dirname(binary), 'fake_telegram');
const TOKEN = '777000:browser-test-token';

const fake = await startFakeTelegram({ binary: fakeBinary, token: TOKEN,
  username: 'romashka_test_bot' });
const fakeBase = fake.base;
const fakeCalls = (method) => fake.calls(method);

const server = await startChatsServer({ binary, site, demo: 200 });
const browser = await launchBrowser();

test('an owner connects a Telegram bot in the settings and answers a client through it', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  await signIn(page, server.url, 'owner@romashka.ru');
  await press(page, 'settings');
  await waitForWidget(page, 'settings:channels');
  await press(page, 'settings:channels');
  await waitForWidget(page, 'channels');
  await waitForWidget(page, 'channels:kind:telegram_bot');
  // The demo's sources are listed, not connected; the website chat is.
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('source:') &&
    w.label.includes('Не подключён')), undefined, 10000);

  await press(page, 'channels:kind:telegram_bot');
  await typeInto(page, 'channels:name', 'Бот магазина');
  await typeInto(page, 'channels:field:token', '1:wrong');
  await press(page, 'channels:advanced');
  await waitForWidget(page, 'channels:base-url');
  await typeInto(page, 'channels:base-url', fakeBase);
  await press(page, 'channels:connect');
  await waitForWidget(page, 'channels:connect-error', 15000);
  const refused = await widget(page, 'channels:connect-error');
  assert(refused.label.includes('Telegram refused the bot token'),
    `Telegram's refusal is shown: ${refused.label}`);
  await screenshot(page, 'channels-refused');

  await typeInto(page, 'channels:field:token', TOKEN);
  await press(page, 'channels:connect');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('source:') &&
    w.label.startsWith('Бот магазина') && w.label.includes('Работает')), undefined, 15000);
  assert(!(await widgets(page)).some((w) => w.label && w.label.includes(TOKEN)),
    'the token is shown nowhere');
  await screenshot(page, 'channels-connected');
  assert((await fakeCalls('getMe')).length === 1, 'the right token was checked with getMe');
  assert((await fakeCalls('deleteWebhook')).length === 1, 'polling: no webhook is left set');
  await press(page, 'channels:close');
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'channels'), undefined,
    5000);

  // A client writes to the bot: the poll brings it into the list live.
  await fake.queueUpdate({ message: {
    message_id: 11, date: 1700000000, text: 'Добрый день! Есть ли белые розы?',
    from: { id: 5150, is_bot: false, first_name: 'Ирина', last_name: 'Белова', username: 'irina_b' },
    chat: { id: 5150, type: 'private', first_name: 'Ирина' } } });
  await waitFor(page, () => window.inbox.widgets().some((w) => /^row:\d+$/.test(w.id) &&
    w.label.includes('Ирина Белова')), undefined, 20000);
  const row = (await widgets(page)).find((w) => /^row:\d+$/.test(w.id) &&
    w.label.includes('Ирина Белова'));
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + row.x + 200, box.y + row.y + row.h / 2);
  await page.waitForTimeout(200);
  await page.mouse.click(box.x + row.x + 200, box.y + row.y + row.h / 2);
  await waitForWidget(page, 'composer', 15000);
  const answer = 'Да, есть: 25 белых роз, доставим сегодня.';
  await press(page, 'composer');
  await page.keyboard.type(answer);
  await page.keyboard.press('Enter');
  let sent = [];
  for (let i = 0; i < 50 && sent.length === 0; i++) {
    sent = await fakeCalls('sendMessage');
    if (!sent.length) await new Promise((r) => setTimeout(r, 200));
  }
  assert(sent.length === 1, `one sendMessage reached Telegram: ${JSON.stringify(sent)}`);
  assert(String(sent[0].params.chat_id) === '5150' && sent[0].params.text === answer,
    `to the client's chat, with the text: ${JSON.stringify(sent[0].params)}`);
  await page.waitForTimeout(800);
  await screenshot(page, 'channels-telegram-answered');
  await context.close();
});

await runAndExit(() => browser.close(), () => server.stop(), () => fake.stop());
