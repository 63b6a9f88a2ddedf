// Starts the fake Telegram Bot API (build/native/src/server/fake_telegram) as
// a process on loopback, for tests and benchmarks: its base URL goes into a
// source's settings. The fake ends with this process (its stdin closes);
// stop() ends it now, and start() brings it back on the same port.
import { spawn } from 'node:child_process';
import readline from 'node:readline';

export async function startFakeTelegram({ binary, token, username = 'shop_bot', port = 0 }) {
  let child = null;
  let base = '';
  async function start() {
    child = spawn(binary, [token, username, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const me = child;
    base = await new Promise((resolve, reject) => {
      const lines = readline.createInterface({ input: me.stdout });
      lines.on('line', (line) => { if (line.startsWith('ready ')) resolve(line.slice(6)); });
      me.once('exit', (code) => reject(new Error(`fake_telegram exited: ${code}`)));
    });
    port = Number(new URL(base).port);
  }
  await start();
  return {
    get base() { return base; },
    async calls(method) {
      const r = await fetch(`${base}/_fake/calls?method=${method}`);
      return (await r.json()).result;
    },
    async queueUpdate(update) {
      const r = await fetch(`${base}/_fake/updates`, { method: 'POST', body: JSON.stringify(update) });
      if (!r.ok) throw new Error(`the fake took no update: ${r.status}`);
    },
    // Down: connections to its port are refused until start().
    async stop() {
      if (!child) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await done;
      child = null;
    },
    start,
  };
}
