// The website chat end to end in two browser pages: a visitor on a business's
// site (web/webchat-demo.html with shell/webchat.js) writes; the operator sees
// the dialog arrive live in the inbox and answers from the composer; the
// visitor sees the answer live, the operator's ticks turn to read, and the
// visitor's conversation survives a reload.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { signIn, widgets, widget, press, waitFor, waitForWidget } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const server = await startChatsServer({ binary, site, demo: 300 });
const browser = await launchBrowser();

const { token } = await server.api('POST', 'api/login',
  { email: 'owner@romashka.ru', password: 'demo1234' });
const chat = (await server.api('GET', 'api/sources', null, token)).sources
  .find((s) => s.channel === 'webchat');
assert(chat && chat.enabled, 'the demo has a website chat connected');

// The visitor's panel lives in the page's shadow root (Playwright's CSS pierces it).
const log = (page) => page.locator('#chats-webchat .log');
const bubbles = (page) => page.locator('#chats-webchat .log .msg').allTextContents();

async function messagesOf(dialog) {
  return (await server.api('GET', `api/dialogs/${dialog}/messages?limit=50`, null, token)).messages;
}

test('a visitor writes on the site, the operator answers from the inbox, the visitor sees it live',
  async () => {
    const visitorContext = await browser.newContext({ viewport: { width: 1200, height: 760 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${server.url}webchat-demo.html?source=${chat.id}`);
    await visitor.locator('#chats-webchat .bubble').click();
    await visitor.locator('#chats-webchat textarea').waitFor();
    await waitFor(visitor, () => document.querySelector('#chats-webchat').shadowRoot
      .querySelector('.greeting') !== null, undefined, 10000);
    await screenshot(visitor, 'webchat-visitor-open');
    const question = 'Здравствуйте! Успеете доставить букет к 18:00?';
    await visitor.locator('#chats-webchat textarea').fill(question);
    await visitor.keyboard.press('Enter');

    // The operator's list shows the new dialog live.
    const opContext = await browser.newContext({ viewport: { width: 1400, height: 820 } });
    const operator = await opContext.newPage();
    await signIn(operator, server.url, 'owner@romashka.ru');
    await waitFor(operator, () => window.inbox.widgets().some((w) => w.id.startsWith('row:') &&
      w.label.includes('Посетитель сайта')), undefined, 15000);
    const row = (await widgets(operator)).find((w) => /^row:\d+$/.test(w.id) &&
      w.label.includes('Посетитель сайта'));
    const dialog = Number(row.id.slice(4));
    assert(dialog > 0, `the row names its dialog: ${row.id}`);

    // The operator opens it and answers through the composer.
    const box = await operator.locator('canvas').boundingBox();
    await operator.mouse.move(box.x + row.x + 200, box.y + row.y + row.h / 2);
    await operator.waitForTimeout(200);
    await operator.mouse.click(box.x + row.x + 200, box.y + row.y + row.h / 2);
    await waitForWidget(operator, 'composer', 15000);
    await waitFor(operator, (q) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
      w.label === q), question, 15000);
    const answer = 'Да, успеем: курьер привезёт к 17:30.';
    await press(operator, 'composer');
    await operator.keyboard.type(answer);
    await operator.keyboard.press('Enter');

    // The visitor sees it without reloading, and the page reports it seen.
    await waitFor(visitor, (a) => [...document.querySelector('#chats-webchat').shadowRoot
      .querySelectorAll('.msg.out')].some((m) => m.textContent.includes(a)), answer, 15000);
    const shown = await bubbles(visitor);
    assert(shown.some((t) => t.includes(question)) && shown.some((t) => t.includes(answer)),
      `the visitor's panel holds both: ${JSON.stringify(shown)}`);
    await screenshot(visitor, 'webchat-visitor-answered');

    let mine;
    for (let i = 0; i < 50; i++) {
      mine = (await messagesOf(dialog)).find((m) => m.text === answer);
      if (mine && mine.delivery === 'read') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert(mine && mine.delivery === 'read', `the answer is read: ${JSON.stringify(mine)}`);
    await operator.waitForTimeout(500);
    await screenshot(operator, 'webchat-operator-read');

    // A reload keeps the visitor's conversation (its session is in localStorage).
    await visitor.reload();
    await visitor.locator('#chats-webchat .bubble').waitFor();
    await waitFor(visitor, (a) => {
      const root = document.querySelector('#chats-webchat');
      return root && [...root.shadowRoot.querySelectorAll('.msg.out')]
        .some((m) => m.textContent.includes(a));
    }, answer, 15000);
    assert(await log(visitor).isVisible(), 'the panel stays open after the reload');

    // The visitor's second message lands in the same dialog.
    await visitor.locator('#chats-webchat textarea').fill('Спасибо!');
    await visitor.keyboard.press('Enter');
    for (let i = 0; i < 50; i++) {
      if ((await messagesOf(dialog)).some((m) => m.text === 'Спасибо!')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const all = await messagesOf(dialog);
    assert(all.filter((m) => m.text === 'Спасибо!').length === 1,
      `the second message is in the same dialog once: ${JSON.stringify(all.map((m) => m.text))}`);
    assert(all.filter((m) => m.text === question).length === 1, 'the first is there once');
    await visitorContext.close();
    await opContext.close();
  });

test('a message written while the server is down goes once when it is back', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  const visitor = await context.newPage();
  await visitor.goto(`${server.url}webchat-demo.html?source=${chat.id}`);
  await visitor.locator('#chats-webchat .bubble').click();
  await visitor.locator('#chats-webchat textarea').fill('Первое сообщение');
  await visitor.keyboard.press('Enter');
  await waitFor(visitor, () => [...document.querySelector('#chats-webchat').shadowRoot
    .querySelectorAll('.msg.in')].some((m) => !m.classList.contains('pending')), undefined, 10000);

  await server.kill();
  await visitor.locator('#chats-webchat textarea').fill('Пока вас не было');
  await visitor.keyboard.press('Enter');
  await waitFor(visitor, () => document.querySelector('#chats-webchat').shadowRoot
    .querySelector('.msg.pending') !== null, undefined, 10000);
  await screenshot(visitor, 'webchat-visitor-offline');
  await server.restart();
  await waitFor(visitor, () => document.querySelector('#chats-webchat').shadowRoot
    .querySelector('.msg.pending') === null, undefined, 40000);
  // Sessions are in the database: the token from before the crash still works.
  const { rows } = await server.api('GET', `api/dialogs?sources=${chat.id}`, null, token);
  let count = 0;
  for (const r of rows) {
    count += (await messagesOf(r.dialog.id)).filter((m) => m.text === 'Пока вас не было').length;
  }
  assert(count === 1, `the message written offline arrived once: ${count}`);
  await context.close();
});

await runAndExit(() => browser.close(), () => server.stop());
