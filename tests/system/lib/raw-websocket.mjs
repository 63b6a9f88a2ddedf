// A WebSocket client on a raw `net` socket, just enough for the overload test:
// the opening handshake from a chosen source address, then the server's
// unmasked text frames decoded as JSON. It can stop reading (pause) so the
// server sees a subscriber that never reads, and start again later to collect
// what the kernel kept and learn whether the server hung up.
import crypto from 'node:crypto';
import net from 'node:net';

export function openRawWebSocket({ port, path, localAddress = '127.0.0.1' }) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    const key = crypto.randomBytes(16).toString('base64');
    let buffer = Buffer.alloc(0);
    const parts = [];  // the fragments of a text message not finished yet
    let upgraded = false;
    const ws = {
      socket,
      events: [],  // every JSON frame received, in order
      ended: false,  // the server closed the connection (FIN, reset or close frame)
      endedAt: 0,
      pause() { socket.pause(); },
      resume() { socket.resume(); },
      // Resolves when `pred(events, ws)` holds; rejects after `ms`, naming `what`.
      until(pred, ms, what = 'a condition') {
        return new Promise((res, rej) => {
          const started = Date.now();
          const check = () => {
            if (pred(ws.events, ws)) return res();
            if (Date.now() - started > ms) return rej(new Error(`websocket: timed out waiting for ${what}`));
            setTimeout(check, 20);
          };
          check();
        });
      },
      close() { socket.destroy(); },
    };
    const end = () => {
      if (!ws.ended) { ws.ended = true; ws.endedAt = Date.now(); }
    };
    socket.on('error', (e) => { end(); if (!upgraded) reject(e); });
    socket.on('end', end);
    socket.on('close', end);
    socket.on('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const at = buffer.indexOf('\r\n\r\n');
        if (at < 0) return;
        const head = buffer.subarray(0, at).toString();
        buffer = buffer.subarray(at + 4);
        if (!head.startsWith('HTTP/1.1 101')) {
          socket.destroy();
          return reject(new Error('websocket refused: ' + head.split('\r\n')[0]));
        }
        upgraded = true;
        resolve(ws);
      }
      buffer = readFrames(buffer, ws, parts, end);
    });
  });
}

// Decodes every whole frame at the front of `buffer`; returns the rest. A text
// message may come in fragments (a text frame, then continuations, the last
// with FIN): the server splits large ones.
function readFrames(buffer, ws, parts, end) {
  for (;;) {
    if (buffer.length < 2) return buffer;
    const fin = (buffer[0] & 0x80) !== 0;
    const opcode = buffer[0] & 0x0f;
    let length = buffer[1] & 0x7f;
    let at = 2;
    if (length === 126) {
      if (buffer.length < 4) return buffer;
      length = buffer.readUInt16BE(2);
      at = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return buffer;
      length = Number(buffer.readBigUInt64BE(2));
      at = 10;
    }
    if (buffer.length < at + length) return buffer;
    const payload = buffer.subarray(at, at + length);
    buffer = buffer.subarray(at + length);
    if (opcode === 1 || opcode === 0) {
      parts.push(payload);
      if (fin) ws.events.push(JSON.parse(Buffer.concat(parts.splice(0)).toString()));
    }
    if (opcode === 8) end();  // a close frame; pings (9) need no answer in a short test
  }
}
