// The team through the owner's UI against the real server: a new operator
// invited by a link (the link shown to be copied; opened in another browser,
// it asks for a password and signs the operator in), then deactivated (their
// open page is signed out, signing in again is refused with the reason, the
// dialog they held is left with nobody) and given access back. A used or unknown
// link says so and leads to the usual sign-in. The operator's photo is put up
// and taken off in the profile. Screenshots of the link box, the invitation
// card, the refused sign-in and the profile with its photo.
import path from 'node:path';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import {
  widget, waitFor, pageFetch, pressSettled as press, typeInto, signedInContext, signIn,
  waitForSettled as waitForWidget,
} from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const server = await startChatsServer({ binary, site, demo: 80 });
const browser = await launchBrowser();

const newcomer = { name: 'Пётр Новиков', email: 'petr.novikov@romashka.ru',
  password: 'ромашка-2026' };
const pageErrors = [];
const watched = (page) => { page.on('pageerror', (e) => pageErrors.push(String(e))); return page; };

async function operatorsSection(page) {
  await press(page, 'settings');
  await waitForWidget(page, 'settings:account:open');
  await press(page, 'settings:account:open');
  await waitForWidget(page, 'settings:account');
  await press(page, 'settings:rail:operators');
  await waitForWidget(page, 'settings:operator:new');
}
async function directoryOperator(page, email) {
  const dir = (await pageFetch(page, '/api/directory')).body;
  return dir.operators.find((o) => o.email === email);
}
async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  return { context, page: watched(await context.newPage()) };
}
const label = async (page, id) => (await widget(page, id)).label;

let link = '';
let petrId = 0;

test('the owner invites an operator by a link, who sets a password and is signed in', async () => {
  const { page } = await signedInContext(browser, server.url);
  watched(page);
  await operatorsSection(page);
  await press(page, 'settings:operator:new');
  await typeInto(page, 'settings:operator:name', newcomer.name);
  await typeInto(page, 'settings:operator:email', newcomer.email);
  await press(page, 'settings:operator:role:admin');  // sees every dialog
  await press(page, 'settings:operator:invite');
  assert(await label(page, 'settings:operator:invite') === 'on', 'the invitation is chosen');
  await press(page, 'settings:operator:save');
  await waitForWidget(page, 'settings:invitation');
  link = await label(page, 'settings:invitation');
  assert(link.startsWith(server.url + '#invite='), `a link to this server: ${link}`);
  await screenshot(page, 'team-invitation-link');
  const created = await directoryOperator(page, newcomer.email);
  assert(created && created.active, 'the operator is in the team');
  petrId = created.id;
  await page.context().close();

  const { context, page: invited } = await freshPage();
  await invited.goto(link);
  await waitForWidget(invited, 'login:invited', 30000);
  assert((await label(invited, 'login:invited')).includes(newcomer.email), 'who is invited');
  assert((await label(invited, 'login:title')) === 'Приглашение в команду', 'the card says why');
  await screenshot(invited, 'team-invitation-card');
  // Two passwords that differ are caught before anything is sent.
  await typeInto(invited, 'login:password', newcomer.password);
  await typeInto(invited, 'login:repeat', newcomer.password + 'x');
  await press(invited, 'login:submit');
  await waitForWidget(invited, 'login:error');
  assert((await label(invited, 'login:error')) === 'Пароли не совпадают', 'a mismatch is named');
  await typeInto(invited, 'login:repeat', newcomer.password);
  await press(invited, 'login:submit');
  await invited.waitForFunction(() => window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
  const me = (await pageFetch(invited, '/api/me')).body;
  assert(me.operator.email === newcomer.email, 'signed in as the invited operator');
  await context.close();

  // The link is used up: it says so and offers the usual sign-in, which works.
  const { context: again, page: reopened } = await freshPage();
  await reopened.goto(link);
  await waitFor(reopened, () => window.inbox.widgets().some((w) => w.id === 'login:signin') &&
    !window.inbox.widgets().some((w) => w.id === 'login:submit'), null, 30000);
  await press(reopened, 'login:signin');
  await waitForWidget(reopened, 'login:email');
  await signIn(reopened, server.url, newcomer.email, newcomer.password);
  await again.close();
});

test('a deactivated operator is signed out and refused, their dialog left with nobody', async () => {
  assert(petrId, 'the invited operator exists');
  const { context: petrContext, page: petr } = await freshPage();
  await signIn(petr, server.url, newcomer.email, newcomer.password);
  // Petr takes a dialog: he is responsible for it.
  const rows = (await pageFetch(petr, '/api/dialogs?mode=accepted&limit=1')).body.rows;
  const dialog = rows[0].dialog.id;
  const taken = await pageFetch(petr, `/api/dialogs/${dialog}/responsible`, { method: 'PUT',
    body: JSON.stringify({ operator_id: petrId }) });
  assert(taken.status === 200 && taken.body.dialog.responsible_id === petrId, 'Petr holds it');

  const { page } = await signedInContext(browser, server.url);
  watched(page);
  await operatorsSection(page);
  await press(page, `settings:operator:${petrId}`);
  await waitForWidget(page, 'settings:operator:active');
  assert((await label(page, 'settings:operator:active')) === 'Отключить доступ', 'offered');
  await press(page, 'settings:operator:active');
  for (let i = 0; i < 50 && (await directoryOperator(page, newcomer.email)).active; i++) {
    await page.waitForTimeout(200);
  }
  assert(!(await directoryOperator(page, newcomer.email)).active, 'saved as deactivated');
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'settings:operator:active' &&
    w.label === 'Вернуть доступ'));
  await screenshot(page, 'team-deactivated');
  const after = (await pageFetch(page, `/api/dialogs/${dialog}`)).body;
  assert(after.dialog.responsible_id === 0, 'the dialog has nobody now');
  assert((await pageFetch(petr, '/api/me')).status === 401, 'his session ended');

  await petr.reload();
  await waitForWidget(petr, 'login:email', 30000);
  await typeInto(petr, 'login:email', newcomer.email);
  await typeInto(petr, 'login:password', newcomer.password);
  await press(petr, 'login:submit');
  await waitForWidget(petr, 'login:error');
  assert((await label(petr, 'login:error')).startsWith('Ваш доступ отключён'), 'the reason');
  await screenshot(petr, 'team-refused-sign-in');

  await press(page, 'settings:operator:active');  // access back
  for (let i = 0; i < 50 && !(await directoryOperator(page, newcomer.email)).active; i++) {
    await page.waitForTimeout(200);
  }
  await press(petr, 'login:submit');
  await petr.waitForFunction(() => window.inbox.widgets().some((w) => w.id.startsWith('row:')),
    null, { timeout: 30000 });
  await petrContext.close();
  await page.context().close();
});

test('an operator puts up a photo from the profile, sees it, and takes it off', async () => {
  const { page } = await signedInContext(browser, server.url,
    { email: newcomer.email, password: newcomer.password });
  watched(page);
  await press(page, 'settings');
  await waitForWidget(page, 'settings:profile');
  await press(page, 'settings:profile');
  await waitForWidget(page, 'profile:avatar');
  assert((await label(page, 'profile:avatar')) === 'initials', 'initials before any photo');
  // A real picture, drawn by the page: a red square with a yellow sun.
  const png = Buffer.from((await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = c.height = 96;
    const g = c.getContext('2d');
    g.fillStyle = '#e11d48';
    g.fillRect(0, 0, 96, 96);
    g.fillStyle = '#fde047';
    g.beginPath();
    g.arc(48, 48, 30, 0, 7);
    g.fill();
    return c.toDataURL('image/png');
  })).split(',')[1], 'base64');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'),
    press(page, 'profile:avatar:upload')]);
  await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
  await waitFor(page, () => (window.inbox.widgets().find((w) => w.id === 'profile:avatar') || {})
    .label === 'image', null, 15000);
  const me = (await pageFetch(page, '/api/me')).body.operator;
  assert(me.avatar_url.startsWith('/api/uploads/'), `saved: ${me.avatar_url}`);
  await screenshot(page, 'team-profile-photo');
  await press(page, 'profile:avatar:remove');
  await waitFor(page, () => (window.inbox.widgets().find((w) => w.id === 'profile:avatar') || {})
    .label === 'initials', null, 15000);
  assert((await pageFetch(page, '/api/me')).body.operator.avatar_url === '', 'taken off');
  await page.context().close();
});

test('an unknown link says so, and no page had a script error', async () => {
  const { context, page } = await freshPage();
  await page.goto(server.url + '#invite=' + '0'.repeat(64));
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id === 'login:signin'), null,
    30000);
  assert(!(await page.evaluate(() => window.inbox.widgets().some((w) => w.id === 'login:submit'))),
    'nothing to submit on a dead link');
  assert((await label(page, 'login:error')).includes('недействительна'), 'the link is named dead');
  await context.close();
  assert(pageErrors.length === 0, 'no script errors: ' + pageErrors.join('; '));
});

await runAndExit(() => browser.close(), () => server.stop());
