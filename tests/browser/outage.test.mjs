// A server crash and restart with nothing lost, against the real server: the
// operator has a dialog open, the server is killed (SIGKILL), the client shows
// it is reconnecting, a reply written meanwhile waits in the outbox as
// sending; the server comes back on the same port and database, the client
// reconnects with backoff and resumes from its last sequence number, the reply
// is delivered exactly once (the API's history has it once), a message
// ingested right after the restart appears live, and the list has every row
// once. Screenshots at each step.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { rows, widget, widgets, waitFor, waitForWidget, press, openInbox, signIn } from
  './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const EMAIL = 'owner@romashka.ru';

const server = await startChatsServer({ binary, site, demo: 300 });
const { api } = server;
const browser = await launchBrowser();




const connection = async (page) => (await widget(page, 'connection')).label;

test('killed and restarted, the server gets the queued reply once and the list stays whole', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForWidget(page, 'login:email', 30000);
  await press(page, 'login:email');
  await page.keyboard.type(EMAIL);
  await press(page, 'login:password');
  await page.keyboard.type('demo1234');
  await press(page, 'login:submit');
  await page.waitForFunction(() => window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'connection' &&
    w.label === 'Онлайн'), undefined, 15000);

  // A dialog open, its history in.
  const row = (await rows(page))[0];
  const dialog = Number(row.id.slice(4));
  await press(page, row.id, 200);
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('message:')),
    undefined, 15000);
  await screenshot(page, 'outage-1-open');

  // The server dies without a word.
  await server.kill();
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'connection' &&
    w.label === 'Переподключение…'), undefined, 15000);
  await screenshot(page, 'outage-2-offline');

  // A reply written while it is down: shown at once as sending, then waiting.
  const reply = 'Ответ, написанный без связи ' + Date.now();
  await press(page, 'composer');
  await page.keyboard.type(reply);
  await page.keyboard.press('Enter');
  await waitFor(page, (t) => window.inbox.widgets().some((w) => /^outbox:\d+$/.test(w.id) &&
    w.label === t), reply, 5000);
  await waitFor(page, () => window.inbox.widgets().some((w) => /^outbox:\d+:status$/.test(w.id) &&
    w.label.startsWith('Нет связи')), undefined, 10000);
  assert(!(await widgets(page)).some((w) => w.id.startsWith('message:') && w.label === reply),
    'the reply is not shown as delivered while the server is down');
  await page.waitForTimeout(4000);  // a few retries under the same key find nobody
  assert(await connection(page) === 'Переподключение…', 'still reconnecting');
  await screenshot(page, 'outage-3-queued');

  // Rows scrolled into view now: their pictures fail to load, then scrolled away.
  await page.mouse.move(200, 450);
  await page.mouse.wheel(0, 700);
  await page.waitForTimeout(2000);
  await page.mouse.wheel(0, -700);
  await page.waitForTimeout(500);

  // Back on the same port and database; a client writes in right away.
  await server.restart();
  const { token } = await api('POST', 'api/login', { email: EMAIL, password: 'demo1234' });
  const source = (await api('GET', 'api/directory', null, token)).sources[0];
  const stamp = Date.now();
  const name = 'После перезапуска ' + stamp;
  await api('POST', 'api/ingest', { source_id: source.id, external_id: 'outage-' + stamp,
    client: { identity: 'outage-' + stamp, name }, text: 'Вы снова на связи?' }, token);

  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'connection' &&
    w.label === 'Онлайн'), undefined, 30000);
  await waitFor(page, (t) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label === t), reply, 30000);
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id.startsWith('outbox:')),
    undefined, 10000);
  try {
    await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id.startsWith('row:') &&
      w.label.includes(n)), name, 15000);
  } catch (e) {
    await screenshot(page, 'outage-debug');
    console.log(server.log().split('\n').filter((l) => l.includes('events')).join('\n'));
    throw e;
  }
  await page.waitForTimeout(1500);  // anything doubled would show by now
  await screenshot(page, 'outage-4-recovered');

  // Exactly once on the server, and once on screen.
  const history = (await api('GET', `api/dialogs/${dialog}/messages?limit=50`, null, token)).messages;
  assert(history.filter((m) => m.text === reply).length === 1, 'the server has the reply once');
  const shown = (await widgets(page)).filter((w) => w.id.startsWith('message:') && w.label === reply);
  assert(shown.length === 1, 'the reply is drawn once');

  // The list: every row once, and the same rows, in the same order, as the server's view.
  const onScreen = (await rows(page)).sort((a, b) => a.y - b.y).map((w) => Number(w.id.slice(4)));
  assert(new Set(onScreen).size === onScreen.length, 'no row is drawn twice');
  const view = await api('GET', `api/dialogs?mode=new&limit=${onScreen.length}`, null, token);
  const expected = view.rows.map((r) => r.dialog.id);
  assert(JSON.stringify(onScreen) === JSON.stringify(expected),
    `the list matches the server: ${onScreen} vs ${expected}`);

  // The pictures that failed while the server was down load now that it is back.
  const listed = (await api('GET', 'api/dialogs?mode=new&limit=100', null, token)).rows;
  const pictured = listed.filter((r) => r.client.avatar_url.startsWith('avatars/'))
    .map((r) => 'avatar:' + r.dialog.id);
  await page.mouse.move(200, 450);
  await page.mouse.wheel(0, 700);
  await waitFor(page, (ids) => {
    const shown = window.inbox.widgets().filter((w) => ids.includes(w.id));
    return shown.length > 0 && shown.every((w) => w.label === 'image');
  }, pictured, 15000);
  await screenshot(page, 'outage-4-pictures-back');
  await context.close();
});

test('a reply queued while the server is down survives closing the tab, and goes once', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  const page = await context.newPage();
  await signIn(page, server.url, EMAIL);
  const row = (await rows(page))[1];
  const dialog = Number(row.id.slice(4));
  await press(page, row.id, 200);
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('message:')),
    undefined, 15000);

  await server.kill();
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'connection' &&
    w.label === 'Переподключение…'), undefined, 15000);
  const reply = 'Ответ, переживший закрытие вкладки ' + Date.now();
  await press(page, 'composer');
  await page.keyboard.type(reply);
  await page.keyboard.press('Enter');
  await waitFor(page, () => window.inbox.widgets().some((w) => /^outbox:\d+:status$/.test(w.id) &&
    w.label.startsWith('Нет связи')), undefined, 10000);
  // Kept in the browser under the operator before the tab goes.
  await waitFor(page, (t) => Object.keys(localStorage).some((k) => k.startsWith('chats.outbox.') &&
    localStorage.getItem(k).includes(t)), reply, 5000);
  await page.close();

  // Later the server is back and the operator opens the inbox again.
  await server.restart();
  const again = await context.newPage();
  await openInbox(again, server.url);
  const { token } = await api('POST', 'api/login', { email: EMAIL, password: 'demo1234' });
  const sentOnce = async () => (await api('GET', `api/dialogs/${dialog}/messages?limit=50`, null,
    token)).messages.filter((m) => m.text === reply).length;
  const deadline = Date.now() + 20000;
  while (await sentOnce() === 0 && Date.now() < deadline) await again.waitForTimeout(250);
  await waitFor(again, () => !Object.keys(localStorage).some((k) => k.startsWith('chats.outbox.')),
    undefined, 10000);
  await again.waitForTimeout(1500);  // a second send would have landed by now
  assert(await sentOnce() === 1, 'the server has the queued reply exactly once');

  // Opened, the dialog shows it once, as delivered.
  await press(again, `row:${dialog}`, 200);
  await waitFor(again, (t) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label === t), reply, 15000);
  const shown = (await widgets(again)).filter((w) => w.id.startsWith('message:') && w.label === reply);
  assert(shown.length === 1, 'the reply is drawn once');
  assert(!(await widgets(again)).some((w) => w.id.startsWith('outbox:')), 'nothing waits');
  await screenshot(again, 'outage-5-reopened');
  await context.close();
});

await runAndExit(() => browser.close(), () => server.stop());
