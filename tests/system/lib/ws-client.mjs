// A minimal WebSocket client (RFC 6455) for the system tests and benches, on
// plain Node (node:http), since Node 20 has no WebSocket without a flag:
// text frames in and out (fragmented ones joined), pings answered, close.
//   const ws = await connectWebSocket('ws://127.0.0.1:8080/api/events?token=...');
//   ws.onmessage = (text) => ...; ws.onclose = (why) => ...; ws.send('{...}'); ws.close();
// connectWebSocket rejects when the upgrade is refused (with the HTTP status)
// or the connection fails; onclose is called once, for any end after that.
import crypto from 'node:crypto';
import http from 'node:http';

export function connectWebSocket(url, { timeoutMs = 10000 } = {}) {
  const u = new URL(url);
  const key = crypto.randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: u.port || 80, path: u.pathname + u.search, agent: false,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13',
        'sec-websocket-key': key },
    });
    const timer = setTimeout(() => req.destroy(new Error('websocket: no upgrade in time')),
      timeoutMs);
    req.on('error', (e) => { clearTimeout(timer); reject(e); });
    req.on('response', (res) => {
      clearTimeout(timer);
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => {
        const e = new Error(`websocket refused: ${res.statusCode} ${body}`);
        e.status = res.statusCode;
        reject(e);
      });
      res.on('error', () => {});
    });
    req.on('upgrade', (res, socket, head) => {
      clearTimeout(timer);
      const accept = crypto.createHash('sha1')
        .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      if (res.headers['sec-websocket-accept'] !== accept) {
        socket.destroy();
        reject(new Error('websocket: wrong Sec-WebSocket-Accept'));
        return;
      }
      resolve(wrap(socket, head));
    });
    req.end();
  });
}

function frame(opcode, payload) {
  const mask = crypto.randomBytes(4);
  const n = payload.length;
  const header = n < 126 ? Buffer.alloc(2) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (n < 126) {
    header[1] = 0x80 | n;
  } else if (n < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(n, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  const masked = Buffer.alloc(n);
  for (let i = 0; i < n; i++) masked[i] = payload[i] ^ mask[i & 3];
  return Buffer.concat([header, mask, masked]);
}

function wrap(socket, head) {
  const ws = { onmessage: () => {}, onclose: () => {}, closed: false };
  let buffer = head && head.length ? Buffer.from(head) : Buffer.alloc(0);
  let fragments = [];
  const end = (why) => {
    if (ws.closed) return;
    ws.closed = true;
    socket.destroy();
    ws.onclose(why);
  };
  ws.send = (text) => { if (!ws.closed) socket.write(frame(0x1, Buffer.from(text))); };
  ws.close = () => {
    if (ws.closed) return;
    try { socket.write(frame(0x8, Buffer.from([0x03, 0xe8]))); } catch (e) { /* gone */ }
    end('closed by us');
  };
  const parse = () => {
    for (;;) {
      if (buffer.length < 2) return;
      const fin = (buffer[0] & 0x80) !== 0;
      const opcode = buffer[0] & 0x0f;
      let n = buffer[1] & 0x7f;
      let offset = 2;
      if (n === 126) {
        if (buffer.length < 4) return;
        n = buffer.readUInt16BE(2);
        offset = 4;
      } else if (n === 127) {
        if (buffer.length < 10) return;
        n = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer[1] & 0x80) offset += 4;  // a server never masks; tolerated
      if (buffer.length < offset + n) return;
      const payload = buffer.subarray(offset, offset + n);
      buffer = buffer.subarray(offset + n);
      if (opcode === 0x8) { end('closed by the server'); return; }
      if (opcode === 0x9) { socket.write(frame(0xa, payload)); continue; }
      if (opcode === 0xa) continue;
      fragments.push(Buffer.from(payload));
      if (fin) {
        const text = Buffer.concat(fragments).toString('utf8');
        fragments = [];
        ws.onmessage(text);
      }
    }
  };
  socket.on('data', (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    parse();
  });
  socket.on('close', () => end('connection closed'));
  socket.on('error', (e) => end(e.message));
  setImmediate(parse);  // frames that came with the upgrade
  return ws;
}
