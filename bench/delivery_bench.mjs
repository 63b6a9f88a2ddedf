// Delivery latency: an operator's reply (POST /api/dialogs/{id}/messages
// answered) to the channel's receiving it, through the outbound queue and the
// delivery thread, against the fake Telegram Bot API on loopback. Prints the
// median and p99 over N sequential replies and a verdict per target.
//   node bench/delivery_bench.mjs [N]          (after a build: cmake --build build/native)
import path from 'node:path';
import { startChatsServer } from '../tests/browser/lib/chats-server.mjs';
import { startFakeTelegram } from '../tests/browser/lib/fake-telegram.mjs';

const N = Number(process.argv[2] || 300);
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const TOKEN = '111:bench';
const TARGET_P50_MS = 50, TARGET_P99_MS = 200;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const fake = await startFakeTelegram({ binary: path.resolve(path.dirname(binary), 'fake_telegram'),
  token: TOKEN });
const server = await startChatsServer({ binary, site, demo: 1000 });
try {
  const { token } = await server.api('POST', 'api/login',
    { email: 'owner@romashka.ru', password: 'demo1234' });
  const source = await server.api('POST', 'api/sources', { channel: 'telegram_bot', name: 'Бот',
    credentials: { token: TOKEN }, settings: { base_url: fake.base, mode: 'polling' } }, token);
  await fake.queueUpdate({ message: { message_id: 1, date: 1700000000, text: 'Привет',
    from: { id: 777, is_bot: false, first_name: 'Бенч' }, chat: { id: 777, type: 'private' } } });
  let dialog = 0;
  while (!dialog) {
    const { rows } = await server.api('GET', `api/dialogs?sources=${source.id}`, null, token);
    if (rows.length) dialog = rows[0].dialog.id; else await sleep(50);
  }
  const latencies = [];
  for (let i = 0; i < N; i++) {
    const text = `bench ${i}`;
    const sentAt = Date.now();
    await server.api('POST', `api/dialogs/${dialog}/messages`, { text }, token);
    let got = null;
    while (!got) {
      got = (await fake.calls('sendMessage')).find((c) => c.params.text === text);
      if (!got) await sleep(2);
    }
    latencies.push(got.received_at - sentAt);
  }
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  console.log(`delivery latency over ${N} replies (operator's POST -> the channel has it): ` +
    `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${latencies[latencies.length - 1]} ms`);
  console.log(`delivery p50 <= ${TARGET_P50_MS} ms: ${q(0.5) <= TARGET_P50_MS ? 'met' : 'missed'}`);
  console.log(`delivery p99 <= ${TARGET_P99_MS} ms: ${q(0.99) <= TARGET_P99_MS ? 'met' : 'missed'}`);
} finally {
  await server.stop();
  await fake.stop();
}
