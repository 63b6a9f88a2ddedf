// Nothing of the outbound queue is lost to a crash: operators' replies to a
// Telegram client are written while the fake Bot API is down, the server is
// killed with SIGKILL several times while it retries them, and when the fake
// comes back every reply reaches it exactly once. A second round kills the
// server while the fake takes messages: none is lost, and the duplicates are
// counted against the one-request window Telegram's lack of an idempotency
// key leaves (docs/api.md, Outbound delivery).
import path from 'node:path';
import { test, assert, runAndExit } from '../browser/lib/harness.mjs';
import { startChatsServer } from '../browser/lib/chats-server.mjs';
import { startFakeTelegram } from '../browser/lib/fake-telegram.mjs';

const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const TOKEN = '424242:crash-test';
const REPLIES = Number(process.env.CRASH_REPLIES || 40);
const KILLS = Number(process.env.CRASH_KILLS || 3);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const log = (what) => {
  if (process.env.CRASH_DEBUG) console.error(`${((Date.now() - started) / 1000).toFixed(1)} s ${what}`);
};

const fake = await startFakeTelegram({ binary: path.resolve(path.dirname(binary), 'fake_telegram'),
  token: TOKEN });
const server = await startChatsServer({ binary, site, demo: 50 });
const login = async () => (await server.api('POST', 'api/login',
  { email: 'owner@romashka.ru', password: 'demo1234' })).token;
let token = await login();

const source = await server.api('POST', 'api/sources', { channel: 'telegram_bot', name: 'Бот',
  credentials: { token: TOKEN }, settings: { base_url: fake.base, mode: 'polling' } }, token);
await fake.queueUpdate({ message: { message_id: 1, date: 1700000000, text: 'Здравствуйте',
  from: { id: 31337, is_bot: false, first_name: 'Клиент' }, chat: { id: 31337, type: 'private' } } });
let dialog = 0;
for (let i = 0; i < 100 && !dialog; i++) {
  const { rows } = await server.api('GET', `api/dialogs?sources=${source.id}`, null, token);
  if (rows.length) dialog = rows[0].dialog.id;
  else await sleep(100);
}
assert(dialog, 'the client\'s message opened a dialog');
log(`dialog ${dialog}`);

// A reply with its idempotency key, retried until an answer comes (the server
// may be down): the key makes the retries one message.
async function reply(text, key) {
  for (;;) {
    try {
      const r = await fetch(server.url + `api/dialogs/${dialog}/messages`, { method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token,
          'idempotency-key': key }, body: JSON.stringify({ text }) });
      if (r.status === 201 || r.status === 200) return;
      log(`reply «${text}»: ${r.status} ${await r.text()}`);
      if (r.status === 401) token = await login();
    } catch (e) { log(`reply «${text}»: ${e.message}`); }
    await sleep(100);
  }
}

async function messages() {
  for (;;) {
    try {
      return (await server.api('GET', `api/dialogs/${dialog}/messages?limit=200`, null, token))
        .messages;
    } catch (e) { await sleep(200); }
  }
}

async function untilAllSent(texts, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const ms = await messages();
    const pending = texts.filter((t) => !ms.some((m) => m.text === t && m.delivery === 'sent'));
    if (!pending.length) return [];
    if (Date.now() > deadline) return pending;
    await sleep(300);
  }
}

test('replies queued while the channel is down survive kills and go exactly once', async () => {
  await fake.stop();
  log('the fake is down');
  const texts = Array.from({ length: REPLIES }, (_, i) => `Ответ ${i + 1}`);
  let sent = 0;
  const writer = (async () => {
    for (const [i, t] of texts.entries()) { await reply(t, `round1-${i}`); sent++; }
  })();
  for (let k = 0; k < KILLS; k++) {
    await sleep(300 + Math.random() * 700);
    await server.kill();
    log('killed');
    await server.restart();
    log('restarted');
  }
  await writer;
  log('every reply acknowledged');
  assert(sent === REPLIES, `every reply was acknowledged: ${sent}`);
  const stored = (await messages()).filter((m) => texts.includes(m.text));
  assert(stored.length === REPLIES, `each reply is stored once: ${stored.length} of ${REPLIES}`);
  assert(stored.every((m) => m.delivery === 'pending'), 'nothing is sent while the fake is down');

  await fake.start();
  log('the fake is up');
  const left = await untilAllSent(texts, 90000);
  assert(left.length === 0, `every reply was sent: ${left.length} still pending`);
  const calls = (await fake.calls('sendMessage')).map((c) => c.params.text);
  for (const t of texts) {
    const n = calls.filter((c) => c === t).length;
    assert(n === 1, `«${t}» reached Telegram ${n} times`);
  }
  console.log(`round 1: ${REPLIES} replies, ${KILLS} kills while the channel was down: ` +
    `0 lost, 0 duplicated`);
});

test('kills while the channel takes messages lose none; duplicates stay within the window', async () => {
  const texts = Array.from({ length: REPLIES }, (_, i) => `Второй круг ${i + 1}`);
  const writer = (async () => {
    for (const [i, t] of texts.entries()) await reply(t, `round2-${i}`);
  })();
  for (let k = 0; k < KILLS; k++) {
    await sleep(200 + Math.random() * 600);
    await server.kill();
    await server.restart();
  }
  await writer;
  const left = await untilAllSent(texts, 90000);
  assert(left.length === 0, `every reply was sent: ${left.length} still pending`);
  const calls = (await fake.calls('sendMessage')).map((c) => c.params.text);
  let duplicated = 0;
  for (const t of texts) {
    const n = calls.filter((c) => c === t).length;
    assert(n >= 1, `«${t}» reached Telegram`);
    duplicated += n - 1;
  }
  // At most the one request in flight at each kill may go twice.
  assert(duplicated <= KILLS, `duplicates ${duplicated} are within the ${KILLS} kills' window`);
  console.log(`round 2: ${REPLIES} replies, ${KILLS} kills while sending: 0 lost, ` +
    `${duplicated} duplicated (window: one request per kill)`);
});

await runAndExit(() => server.stop(), () => fake.stop());
