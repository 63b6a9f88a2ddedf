// Fan-out latency: N WebSocket subscribers on one account; messages are
// ingested over HTTP at a steady rate and the time from each POST to its
// arrival at every subscriber is measured. Prints p50/p99/max.
//   node bench/fanout_bench.mjs --url http://127.0.0.1:8080 --token T --source S
//        [--subscribers 1000] [--messages 100] [--rate 20]
import http from 'node:http';
import WebSocket from 'ws';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, all) =>
  (i % 2 === 0 ? acc.concat([[v.replace(/^--/, ''), all[i + 1]]]) : acc), []));
const url = new URL(args.url || 'http://127.0.0.1:8080');
const subscribers = Number(args.subscribers || 1000);
const messages = Number(args.messages || 100);
const rate = Number(args.rate || 20);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

const sentAt = new Map();
const idKey = '"external_id":"fanout-';
const latencies = [];
let received = 0;

function connect() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${url.host}/api/events?token=${args.token}`);
    ws.on('message', (data) => {
      const now = performance.now();
      // The external id is found without parsing the whole event (a row and a
      // message, ~1.5 KB): this process shares the cores with the server.
      const text = data.toString();
      const at = text.indexOf(idKey);
      if (at < 0) {
        if (text.includes('"kind":"hello"')) resolve(ws);
        return;
      }
      const t0 = sentAt.get(text.slice(at + idKey.length, text.indexOf('"', at + idKey.length)));
      if (t0 !== undefined) { latencies.push(now - t0); received++; }
    });
    ws.on('error', reject);
  });
}

function ingest(i) {
  const id = `${Date.now()}-${i}`;  // sent as fanout-<id>
  const body = JSON.stringify({ source_id: Number(args.source), external_id: `fanout-${id}`,
    client: { identity: `fanout-client-${i % 50}`, name: 'Клиент' }, text: `Сообщение ${i}` });
  sentAt.set(id, performance.now());
  const req = http.request({ host: url.hostname, port: url.port, path: '/api/ingest', method: 'POST',
    agent, headers: { authorization: `Bearer ${args.token}`, 'content-type': 'application/json' } },
  (res) => { res.resume(); if (res.statusCode !== 201) console.error('ingest status', res.statusCode); });
  req.end(body);
}

const sockets = [];
for (let i = 0; i < subscribers; i += 50) {
  sockets.push(...await Promise.all(Array.from({ length: Math.min(50, subscribers - i) }, connect)));
}
console.log(`${sockets.length} subscribers connected`);
for (let i = 0; i < messages; i++) {
  ingest(i);
  await new Promise((r) => setTimeout(r, 1000 / rate));
}
const expected = messages * subscribers;
const deadline = Date.now() + 15000;
while (received < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(`fan-out: ${received}/${expected} deliveries to ${subscribers} subscribers; ` +
  `p50 ${pct(0.5).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms`);
for (const ws of sockets) ws.terminate();
agent.destroy();
