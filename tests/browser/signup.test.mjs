// A new business set up from nothing through the UI of a server that already
// holds another business (the demo's): the sign-up card on the login screen
// (its checks, an e-mail already in use), an empty inbox of its own, the website
// chat connected from the channel screen, a visitor writing and the owner
// answering; then the profile window renames the owner and changes the
// password, which ends the owner's other session. Screenshots of the sign-up
// card in RU and EN and of the profile window.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import {
  widgets, widget, waitFor, waitForWidget, pageFetch, press as pressWidget, pressSettled as press,
  typeInto, hasWidget,
} from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const server = await startChatsServer({ binary, site, demo: 60 });
const browser = await launchBrowser();

const owner = { business: 'Цветочная лавка «Лилия»', name: 'Мария Соколова',
  email: 'maria@lilia-flowers.ru', password: 'лилия-2026' };

// The gear's menu, then one of its entries.
async function openFromGear(page, id) {
  await press(page, 'settings');
  await waitForWidget(page, id);
  await press(page, id);
}
// Every script error of the pages (an empty inbox once broke the accessibility
// mirror, and with it every frame after).
const pageErrors = [];
const watched = (page) => { page.on('pageerror', (e) => pageErrors.push(String(e))); return page; };
const errorText = async (page) => (await widget(page, 'login:error')).label;

async function signupCard(locale = 'ru') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = watched(await context.newPage());
  await page.goto(server.url);
  await waitForWidget(page, 'login:signup', 30000);
  if (locale === 'en') {
    await press(page, 'login:locale:en');
    await waitFor(page, () => (window.inbox.widgets().find((w) => w.id === 'login:title') || {})
      .label === 'Sign in to Chats');
  }
  await press(page, 'login:signup');
  await waitForWidget(page, 'login:business');
  return { context, page };
}

async function fillSignup(page, form) {
  await typeInto(page, 'login:business', form.business);
  await typeInto(page, 'login:name', form.name);
  await typeInto(page, 'login:email', form.email);
  await typeInto(page, 'login:password', form.password);
}

test('a business signs up, connects its website chat and answers its first visitor', async () => {
  const { context, page } = await signupCard();
  await screenshot(page, 'signup-card-ru-light');

  // The form's own checks, before anything is sent.
  await fillSignup(page, { ...owner, password: 'коротко' });
  await press(page, 'login:submit');
  await waitForWidget(page, 'login:error');
  assert(await errorText(page) === 'Пароль — не короче 8 символов',
    `a short password is named: ${await errorText(page)}`);
  await fillSignup(page, { ...owner, email: 'maria@' });
  await press(page, 'login:submit');
  await waitFor(page, () => (window.inbox.widgets().find((w) => w.id === 'login:error') || {})
    .label === 'Укажите e-mail вида name@company.ru');

  // Sent: the owner is in an inbox of the new business, with nothing of the other one.
  await fillSignup(page, owner);
  await press(page, 'login:submit');
  await waitForWidget(page, 'tab:new', 30000);
  const me = (await pageFetch(page, '/api/me')).body;
  assert(me.account.name === owner.business && me.operator.name === owner.name &&
    me.operator.role === 'owner', `the owner of the new account: ${JSON.stringify(me)}`);
  await page.waitForTimeout(1500);
  assert(!(await widgets(page)).some((w) => w.id.startsWith('row:')), 'an empty inbox');
  const dir = (await pageFetch(page, '/api/directory')).body;
  assert(dir.statuses.length > 0, 'the new account has its funnel statuses');
  assert(!dir.operators.some((o) => o.email.endsWith('@romashka.ru')),
    `no operator of the other business: ${JSON.stringify(dir.operators.map((o) => o.email))}`);
  await screenshot(page, 'signup-empty-inbox-ru-light');

  // The website chat, connected from the channel screen.
  await openFromGear(page, 'settings:channels');
  await waitForWidget(page, 'channels:kind:webchat');
  await press(page, 'channels:kind:webchat');
  await typeInto(page, 'channels:name', 'Чат на сайте');
  await press(page, 'channels:connect');
  await waitFor(page, () => /data-source="\d+"/.test((window.inbox.widgets()
    .find((w) => w.id === 'channels:snippet') || {}).label || ''), undefined, 15000);
  const snippet = (await widget(page, 'channels:snippet')).label;
  const source = Number(/data-source="(\d+)"/.exec(snippet)[1]);
  await screenshot(page, 'signup-webchat-connected-ru-light');
  await press(page, 'channels:close');

  // A visitor writes on the business's site.
  const visitorContext = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}webchat-demo.html?source=${source}`);
  await visitor.locator('#chats-webchat .bubble').click();
  await visitor.locator('#chats-webchat textarea').waitFor();
  const question = 'Добрый день! Соберёте букет из пионов к субботе?';
  await visitor.locator('#chats-webchat textarea').fill(question);
  await visitor.keyboard.press('Enter');

  // The owner sees it arrive live, opens it and answers.
  await waitFor(page, () => window.inbox.widgets().some((w) => /^row:\d+$/.test(w.id)),
    undefined, 15000);
  const row = (await widgets(page)).find((w) => /^row:\d+$/.test(w.id));
  await pressWidget(page, row.id, 200);
  await waitForWidget(page, 'composer', 15000);
  await waitFor(page, (q) => window.inbox.widgets().some((w) => w.id.startsWith('message:') &&
    w.label === q), question, 15000);
  const answer = 'Здравствуйте! Да, соберём: пионы будут в пятницу.';
  await press(page, 'composer');
  await page.keyboard.type(answer);
  await page.keyboard.press('Enter');
  await waitFor(visitor, (a) => [...document.querySelector('#chats-webchat').shadowRoot
    .querySelectorAll('.msg.out')].some((m) => m.textContent.includes(a)), answer, 15000);
  await screenshot(page, 'signup-first-answer-ru-light');

  // The demo business saw none of it.
  const { token } = await server.api('POST', 'api/login',
    { email: 'owner@romashka.ru', password: 'demo1234' });
  const found = await server.api('GET', `api/dialogs?mode=new&search=${encodeURIComponent('пионов')}`,
    null, token);
  assert(found.rows.length === 0, `the other business does not find the new one's dialog`);
  await visitorContext.close();
  await context.close();
});

test('an e-mail already in use is refused with a way to sign in', async () => {
  const { context, page } = await signupCard();
  await fillSignup(page, { ...owner, business: 'Ещё одна', email: 'owner@romashka.ru' });
  await press(page, 'login:submit');
  await waitForWidget(page, 'login:error', 15000);
  assert(await errorText(page) === 'Этот e-mail уже зарегистрирован: войдите',
    `a taken e-mail: ${await errorText(page)}`);
  assert(await hasWidget(page, 'login:business'), 'the form stays, with what was typed');
  await press(page, 'login:signin');
  await waitFor(page, () => !window.inbox.widgets().some((w) => w.id === 'login:business'));
  await context.close();
});

test('the sign-up card in English', async () => {
  const { context, page } = await signupCard('en');
  await fillSignup(page, { ...owner, password: '' });
  await press(page, 'login:submit');
  await waitForWidget(page, 'login:error');
  assert(await errorText(page) === 'The password needs 8 characters or more', await errorText(page));
  await screenshot(page, 'signup-card-en-light');
  await context.close();
});

test('the owner renames themself, and a new password ends their other session', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = watched(await context.newPage());
  await page.goto(server.url);
  await waitForWidget(page, 'login:email', 30000);
  await typeInto(page, 'login:email', owner.email);
  await typeInto(page, 'login:password', owner.password);
  await press(page, 'login:submit');
  await waitForWidget(page, 'tab:new', 30000);
  // A second session of the same owner, on another device.
  const other = await server.api('POST', 'api/login', { email: owner.email, password: owner.password });
  assert(other.token, 'a second session');

  await openFromGear(page, 'settings:profile');
  await waitForWidget(page, 'profile:name');
  await typeInto(page, 'profile:name', 'Мария Соколова-Лилина');
  await press(page, 'profile:save-name');
  await waitFor(page, () => (window.inbox.widgets().find((w) => w.id === 'profile:saved') || {})
    .label === 'Имя сохранено', undefined, 10000);
  const renamed = (await pageFetch(page, '/api/me')).body.operator.name;
  assert(renamed === 'Мария Соколова-Лилина', `renamed: ${renamed}`);

  await typeInto(page, 'profile:current-password', 'не тот пароль');
  await typeInto(page, 'profile:new-password', 'новый-пароль-1');
  await typeInto(page, 'profile:repeat-password', 'новый-пароль-2');
  await press(page, 'profile:save-password');
  await waitFor(page, () => (window.inbox.widgets().find((w) => w.id === 'profile:error') || {})
    .label === 'Новые пароли не совпадают');
  await typeInto(page, 'profile:repeat-password', 'новый-пароль-1');
  await press(page, 'profile:save-password');
  await waitForWidget(page, 'profile:error', 10000);
  const wrong = (await widget(page, 'profile:error')).label;
  assert(wrong === 'Текущий пароль указан неверно', `a wrong current password: ${wrong}`);
  await typeInto(page, 'profile:current-password', owner.password);
  await typeInto(page, 'profile:new-password', 'новый-пароль-1');
  await typeInto(page, 'profile:repeat-password', 'новый-пароль-1');
  await press(page, 'profile:save-password');
  await waitFor(page, () => (window.inbox.widgets().find((w) => w.id === 'profile:saved') || {})
    .label === 'Пароль изменён', undefined, 10000);
  await screenshot(page, 'profile-window-ru-light');

  assert((await pageFetch(page, '/api/me')).status === 200, 'this session stays');
  const gone = await fetch(server.url + 'api/me', { headers: { authorization: `Bearer ${other.token}` } });
  assert(gone.status === 401, `the other session has ended: ${gone.status}`);
  const old = await fetch(server.url + 'api/login', { method: 'POST',
    body: JSON.stringify({ email: owner.email, password: owner.password }) });
  assert(old.status === 401, `the old password no longer signs in: ${old.status}`);
  await context.close();
});

test('no page had a script error', async () => {
  assert(pageErrors.length === 0, `script errors: ${JSON.stringify(pageErrors)}`);
});

await runAndExit(() => browser.close(), () => server.stop());
