// The client against the real server: the login screen driven by real mouse
// and keyboard input, rows from GET /api/dialogs, and a message ingested from
// outside arriving live over the WebSocket.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { rows, widget, widgets, click, waitFor, waitForWidget } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const EMAIL = 'owner@romashka.ru';
const PASSWORD = 'demo1234';

const HELP = 'https://help.example.ru/chats';
const server = await startChatsServer({ binary, site, demo: 300, helpUrl: HELP });
const { api } = server;
const browser = await launchBrowser();



let page;

// A message from a new client, ingested at the server as a messenger would
// deliver it; resolves once its row is drawn live.
async function ingestLive(prefix, name, text) {
  const { token } = await api('POST', 'api/login', { email: EMAIL, password: PASSWORD });
  const source = (await api('GET', 'api/directory', null, token)).sources[0];
  assert(source, 'the demo account has a source');
  const stamp = Date.now();
  const answer = await api('POST', 'api/ingest', { source_id: source.id,
    external_id: prefix + stamp, client: { identity: prefix + 'client-' + stamp, name }, text },
  token);
  await waitFor(page, (n) => window.inbox.widgets().some((w) => w.id.startsWith('row:') &&
    w.label.includes(n)), name, 15000);
  return answer;
}

test('an operator without a session sees the login screen and signs in with it', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  page = await context.newPage();
  await page.goto(server.url);
  await waitForWidget(page, 'login:email');
  assert(await page.evaluate(() => window.inbox.backend) === 'server', 'auto chose the server');
  assert((await widget(page, 'login:submit')).label === 'Войти', 'the button reads "Войти"');
  await screenshot(page, 'server-login');

  // The card's language switch turns it English, and the page remembers the choice.
  const labels = async () => Object.fromEntries((await widgets(page))
    .filter((w) => w.id.startsWith('login:')).map((w) => [w.id, w.label]));
  await click(page, 'login:locale:en');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'login:submit' &&
    w.label === 'Sign in'));
  let shown = await labels();
  assert(shown['login:title'] === 'Sign in to Chats' && shown['login:password'] === 'Password',
    `the card reads English: ${JSON.stringify(shown)}`);
  await screenshot(page, 'server-login-en');
  await page.reload();
  await waitForWidget(page, 'login:email');
  shown = await labels();
  assert(shown['login:submit'] === 'Sign in', `English is kept after a reload: ${JSON.stringify(shown)}`);
  await click(page, 'login:locale:ru');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'login:submit' &&
    w.label === 'Войти'));
  assert((await labels())['login:title'] === 'Вход в Чаты', 'and Russian again after RU');

  // A wrong password shows an error and keeps the login screen.
  await click(page, 'login:email');
  await page.keyboard.type(EMAIL);
  await click(page, 'login:password');
  await page.keyboard.type('wrong-password');
  await click(page, 'login:submit');
  await waitForWidget(page, 'login:error');
  await screenshot(page, 'server-login-error');

  await click(page, 'login:password');
  for (let i = 0; i < 'wrong-password'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(PASSWORD);
  await click(page, 'login:submit');
  await page.waitForFunction(() => window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
  assert((await rows(page)).length >= 10, 'rows from the server are drawn');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'connection' &&
    w.label === 'Онлайн'), undefined, 15000);
  await screenshot(page, 'server-table');
});

test('a message ingested from outside appears live as a new row', async () => {
  assert(page, 'the previous test logged in');
  const answer = await ingestLive('e2e-', 'Тестовый Клиент ' + Date.now(),
    'Новое сообщение из теста');
  assert(answer.row, 'the ingest created a row');
  await screenshot(page, 'server-live-row');
});

test('emoji in an incoming message are drawn: the text brings their glyphs', async () => {
  assert(page, 'the previous test logged in');
  const chunks = [];
  page.on('request', (r) => {
    const m = r.url().match(/fonts\/symbols-(\d+)\.ttf$/);
    if (m) chunks.push(Number(m[1]));
  });
  const has = (c) => page.evaluate((cp) => window.inbox.hasGlyph(cp), c);
  const PRAY = 0x1F64F, HEART = 0x2764, GRIN = 0x1F600, LETTER = 0x416;  // 🙏 ❤ 😀 Ж
  assert(await has(LETTER) && !(await has(PRAY)) && !(await has(HEART)),
    'the atlas starts with letters and no emoji');

  await ingestLive('emoji-', 'Эмма ' + Date.now(), 'Спасибо \u{1F64F} \u2764\uFE0F');
  await waitFor(page, (cps) => cps.every((c) => window.inbox.hasGlyph(c)), [PRAY, HEART, 0xFE0F],
    15000);
  assert(!(await has(GRIN)), 'an emoji no text used is not in the atlas');
  assert(JSON.stringify([...chunks].sort()) === '[0,4]',
    `only the two chunks the message uses were fetched, once each: ${chunks}`);
  await screenshot(page, 'server-emoji-row');

  // Typed by the operator: 🔥 in the search field brings its chunk too.
  const FIRE = 0x1F525;
  assert(!(await has(FIRE)), 'no text used 🔥 yet');
  await click(page, 'search');
  await page.keyboard.type('\u{1F525}');
  await waitFor(page, (c) => window.inbox.hasGlyph(c), FIRE, 15000);
  await screenshot(page, 'server-emoji-search');
  await page.keyboard.press('Backspace');
  await waitFor(page, () => window.inbox.widgets().filter((w) => w.id.startsWith('row:')).length > 1);
});

test('a name in another Latin alphabet is drawn: its letters come with it', async () => {
  assert(page, 'the previous test logged in');
  const letters = [];
  page.on('request', (r) => { if (/fonts\/letters-\d+\.ttf$/.test(r.url())) letters.push(r.url()); });
  const S_CEDILLA = 0x15E, SCHWA = 0x18F, L_STROKE = 0x141;  // Ş Ə Ł
  assert(!(await page.evaluate((c) => window.inbox.hasGlyph(c), S_CEDILLA)),
    'the atlas starts without Ş');
  await ingestLive('latin-', 'Şahin Əliyev ' + Date.now(), 'Merhaba! Sipariş Łódź’a gitti mi?');
  await waitFor(page, (cps) => cps.every((c) => window.inbox.hasGlyph(c)),
    [S_CEDILLA, SCHWA, L_STROKE], 15000);
  assert(letters.length === 1, `the letters' chunk was fetched once: ${letters}`);
  await screenshot(page, 'server-latin-row');
});

test('a glyph chunk that cannot be had leaves its emoji as «?» and the rest working', async () => {
  assert(page, 'the previous test logged in');
  const DOG = 0x1F436, CAT = 0x1F431;  // both in chunk 2
  const asked = [];
  await page.route('**/fonts/symbols-2.ttf', (r) => { asked.push(r.request().url()); r.abort(); });
  const answer = await ingestLive('dog-', 'Собака ' + Date.now(), 'Гав \u{1F436}');
  assert(answer.row, 'the message is in, whatever its glyphs');
  for (let i = 0; i < 150 && asked.length === 0; i++) await page.waitForTimeout(100);
  await page.waitForTimeout(500);  // the failure reaches the app
  assert(asked.length === 1, `the chunk was asked for once: ${asked.length}`);
  assert(!(await page.evaluate((c) => window.inbox.hasGlyph(c), DOG)), '🐶 stays «?»');
  await ingestLive('cat-', 'Кошка ' + Date.now(), 'Мяу \u{1F431}');
  await page.waitForTimeout(1000);
  assert(asked.length === 1, `a failed chunk is not asked for again: ${asked.length}`);
  assert(!(await page.evaluate((c) => window.inbox.hasGlyph(c), CAT)), '🐱 stays «?» too');
  assert(await page.evaluate(() => window.inbox.hasGlyph(0x1F64F)), 'the glyphs had stay');
  await page.unroute('**/fonts/symbols-2.ttf');
});

test('the settings menu has the help link the server was started with', async () => {
  assert(page, 'the previous test logged in');
  await click(page, 'settings');
  await waitForWidget(page, 'settings:help', 10000);
  assert((await widget(page, 'settings:help')).label.includes('Помощь / поддержка'),
    'the entry reads "Помощь / поддержка"');
  await page.context().route(HELP + '**', (r) => r.fulfill({ contentType: 'text/html', body: 'help' }));
  const popup = page.context().waitForEvent('page', { timeout: 10000 });
  await click(page, 'settings:help');
  await (await popup).waitForURL(HELP, { timeout: 10000 });
});

await runAndExit(() => browser.close(), () => server.stop());
