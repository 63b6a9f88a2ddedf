// The website chat bubble a business puts on its own site:
//
//   <script src="https://chats.example.ru/webchat.js" data-source="42" async></script>
//
// A visitor writes in a small panel and sees the operators' answers live.
// The API is the server that served this file (its /api/webchat/{source}/
// routes, open to any origin). The visitor's session is a token kept in
// localStorage, so a reload keeps the conversation; a message typed while
// the network is down waits in localStorage too and goes, once, when it is
// back (each carries its own id, which the server takes once).
// Options on the script tag: data-source (required), data-locale ("ru" | "en"),
// data-title, data-open ("true": open at load). window.ChatsWebchat.open() /
// .close() for the page's own buttons.
(function () {
  'use strict';
  const script = document.currentScript;
  if (!script || window.ChatsWebchat) return;
  const source = Number(script.dataset.source);
  if (!Number.isInteger(source) || source <= 0) {
    console.error('webchat.js: data-source must name the website chat source id');
    return;
  }
  const api = new URL(`api/webchat/${source}/`, new URL('.', script.src)).href;
  const storageKey = `chats-webchat:${api}`;
  const locale = script.dataset.locale === 'en' ? 'en' : 'ru';
  const POLL_SECONDS = 25;
  const MAX_BACKOFF_MS = 30000;

  const TEXT = {
    ru: { title: 'Напишите нам', placeholder: 'Сообщение…', send: 'Отправить', open: 'Открыть чат',
      close: 'Закрыть чат', offline: 'Нет связи — отправим, когда появится', failed: 'Не отправлено',
      unavailable: 'Чат сейчас недоступен', you: 'Вы', sending: 'отправляется', sent: 'отправлено' },
    en: { title: 'Chat with us', placeholder: 'Message…', send: 'Send', open: 'Open chat',
      close: 'Close chat', offline: 'Offline — it will go when the connection is back',
      failed: 'Not sent', unavailable: 'The chat is unavailable now', you: 'You',
      sending: 'sending', sent: 'sent' },
  }[locale];

  // ---- state: what the visitor has, kept across reloads ---------------------
  const saved = load();
  const state = {
    token: saved.token || '',
    // [{id, text, at, taken}] written here and not yet seen in a poll; `taken`
    // is the server's id once it took the message.
    outbox: saved.outbox || [],
    failed: [],                   // refused for good (4xx): shown in red
    messages: new Map(),          // server id -> message, from the polls
    after: 0,
    delivered: saved.delivered || 0,
    read: saved.read || 0,
    open: script.dataset.open === 'true' || saved.open === true,
    online: true,
    unavailable: false,
    config: { name: script.dataset.title || '', greeting: '' },
  };

  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey) || '{}') || {}; } catch (e) { return {}; }
  }
  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ token: state.token, outbox: state.outbox,
        delivered: state.delivered, read: state.read, open: state.open }));
    } catch (e) { /* private mode: the session lasts as long as the page */ }
  }

  // ---- the network ----------------------------------------------------------
  async function call(method, path, body) {
    const headers = {};
    if (state.token) headers.authorization = 'Bearer ' + state.token;
    if (body) headers['content-type'] = 'application/json';
    const r = await fetch(api + path, { method, headers, body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit' });
    let json = null;
    try { json = await r.json(); } catch (e) { /* empty */ }
    return { status: r.status, json };
  }

  async function session() {
    if (state.token) return;
    const r = await call('POST', 'visitors');
    if (r.status !== 201) throw Object.assign(new Error('no session'), { status: r.status });
    state.token = r.json.token;
    save();
    poll();
  }

  let flushing = false;
  let flushBackoff = 1000;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const item = state.outbox.find((x) => !x.taken);
        if (!item) break;
        let r;
        try {
          await session();
          r = await call('POST', 'messages', { id: item.id, text: item.text });
        } catch (e) {
          r = { status: e.status || 0 };
        }
        if (r.status === 201 || r.status === 200) {
          item.taken = (r.json && r.json.id) || -1;
          flushBackoff = 1000;
          setOnline(true);
          save();
          render();
          continue;
        }
        if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
          state.outbox.splice(state.outbox.indexOf(item), 1);  // refused for good: not again
          state.failed.push(item);
          save();
          render();
          continue;
        }
        setOnline(false);
        setTimeout(flush, flushBackoff);
        flushBackoff = Math.min(flushBackoff * 2, MAX_BACKOFF_MS);
        return;
      }
    } finally {
      flushing = false;
    }
  }

  let polling = false;
  async function poll() {
    if (polling || !state.token) return;
    polling = true;
    let backoff = 1000;
    for (;;) {
      let r;
      try {
        r = await call('GET', `messages?after=${state.after}&wait=${POLL_SECONDS}`);
      } catch (e) {
        r = { status: 0 };
      }
      if (r.status === 200) {
        backoff = 1000;
        setOnline(true);
        for (const m of r.json.messages) {
          state.messages.set(m.id, m);
          state.after = Math.max(state.after, m.id);
        }
        // What the poll shows needs no placeholder any more.
        state.outbox = state.outbox.filter((x) => !x.taken || !state.messages.has(x.taken));
        save();
        render();
        receipts();
        continue;
      }
      if (r.status === 401) {  // the session is gone: a new one at the next message
        state.token = '';
        save();
        break;
      }
      if (r.status === 404) {
        state.unavailable = true;
        render();
        break;
      }
      setOnline(false);
      await new Promise((done) => setTimeout(done, backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
    polling = false;
  }

  // Tells the server what reached this page and what the visitor has seen.
  async function receipts() {
    let newest = 0;
    for (const m of state.messages.values()) if (m.direction === 'out') newest = Math.max(newest, m.id);
    const seen = state.open && document.visibilityState === 'visible';
    const body = {};
    if (newest > state.delivered) body.delivered = newest;
    if (seen && newest > state.read) body.read = newest;
    if (!body.delivered && !body.read) return;
    try {
      const r = await call('POST', 'receipts', body);
      if (r.status === 200) {
        state.delivered = Math.max(state.delivered, body.delivered || 0, body.read || 0);
        state.read = Math.max(state.read, body.read || 0);
        save();
        render();
      }
    } catch (e) { /* the next poll tries again */ }
  }

  function setOnline(online) {
    if (state.online === online) return;
    state.online = online;
    render();
  }

  // ---- drawing --------------------------------------------------------------
  const host = document.createElement('div');
  host.id = 'chats-webchat';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `
<style>
  :host { all: initial; }
  * { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
  .bubble { position: fixed; right: 24px; bottom: 24px; width: 60px; height: 60px; border-radius: 50%;
    border: none; background: #2f6fed; color: #fff; cursor: pointer; z-index: 2147483000;
    box-shadow: 0 6px 20px rgba(20, 40, 90, .28); display: flex; align-items: center; justify-content: center; }
  .bubble:hover { background: #245ad0; }
  .bubble:focus-visible { outline: 3px solid #9cc0ff; outline-offset: 2px; }
  .badge { position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px;
    border-radius: 10px; background: #e5484d; color: #fff; font-size: 12px; font-weight: 600;
    line-height: 20px; text-align: center; }
  .panel { position: fixed; right: 24px; bottom: 96px; width: 360px; height: 520px;
    max-height: calc(100vh - 120px); max-width: calc(100vw - 32px); background: #fff;
    border-radius: 14px; box-shadow: 0 12px 40px rgba(20, 40, 90, .25); display: flex;
    flex-direction: column; overflow: hidden; z-index: 2147483000; color: #1c2330; }
  .panel[hidden] { display: none; }
  header { background: #2f6fed; color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 10px; }
  header .title { font-size: 16px; font-weight: 600; flex: 1; }
  header .status { font-size: 12px; opacity: .85; }
  header button { background: transparent; border: none; color: #fff; font-size: 22px; cursor: pointer;
    width: 32px; height: 32px; border-radius: 6px; }
  header button:hover { background: rgba(255, 255, 255, .15); }
  .log { flex: 1; overflow-y: auto; padding: 14px; background: #f4f6fa; display: flex; flex-direction: column; gap: 8px; }
  .msg { max-width: 80%; padding: 8px 12px; border-radius: 12px; font-size: 14px; line-height: 1.4;
    white-space: pre-wrap; overflow-wrap: anywhere; }
  .msg .meta { display: block; margin-top: 3px; font-size: 11px; opacity: .65; text-align: right; }
  .in { align-self: flex-end; background: #2f6fed; color: #fff; border-bottom-right-radius: 4px; }
  .out { align-self: flex-start; background: #fff; border: 1px solid #e1e6ef; border-bottom-left-radius: 4px; }
  .greeting { align-self: flex-start; background: #fff; border: 1px solid #e1e6ef; color: #3b4556; }
  .pending { opacity: .7; }
  .failed { background: #fde8e8; color: #a1262a; border: 1px solid #f3b7b9; }
  .notice { font-size: 12px; color: #8a5a00; background: #fff6e0; padding: 6px 12px; text-align: center; }
  form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e6eaf0; background: #fff; }
  textarea { flex: 1; resize: none; border: 1px solid #cfd6e2; border-radius: 10px; padding: 9px 11px;
    font-size: 14px; height: 42px; max-height: 120px; outline: none; color: #1c2330; }
  textarea:focus { border-color: #2f6fed; box-shadow: 0 0 0 3px rgba(47, 111, 237, .15); }
  form button { border: none; background: #2f6fed; color: #fff; border-radius: 10px; padding: 0 16px;
    font-size: 14px; font-weight: 600; cursor: pointer; }
  form button:disabled { background: #b7c6e6; cursor: default; }
</style>
<div class="panel" role="dialog" aria-label="${TEXT.title}" hidden>
  <header><div><div class="title"></div><div class="status"></div></div><span style="flex:1"></span>
    <button type="button" class="close" aria-label="${TEXT.close}">×</button></header>
  <div class="notice" hidden></div>
  <div class="log" role="log" aria-live="polite"></div>
  <form><textarea rows="1" aria-label="${TEXT.placeholder}" placeholder="${TEXT.placeholder}"></textarea>
    <button type="submit">${TEXT.send}</button></form>
</div>
<button type="button" class="bubble" aria-label="${TEXT.open}">
  <svg width="28" height="28" viewBox="0 0 24 24" fill="none" aria-hidden="true"><path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5v-8Z" fill="currentColor"/></svg>
  <span class="badge" hidden></span>
</button>`;
  const $ = (sel) => root.querySelector(sel);
  const panel = $('.panel'), log = $('.log'), input = $('textarea'), form = $('form');
  const badge = $('.badge'), notice = $('.notice'), bubble = $('.bubble');

  function time(ms) {
    return new Date(ms).toLocaleTimeString(locale === 'ru' ? 'ru-RU' : 'en-GB',
      { hour: '2-digit', minute: '2-digit' });
  }

  function bubbleOf(cls, text, meta) {
    const div = document.createElement('div');
    div.className = 'msg ' + cls;
    div.textContent = text;
    if (meta) {
      const span = document.createElement('span');
      span.className = 'meta';
      span.textContent = meta;
      div.appendChild(span);
    }
    return div;
  }

  function render() {
    $('.title').textContent = state.config.name || TEXT.title;
    $('.status').textContent = state.online ? '' : TEXT.offline;
    panel.hidden = !state.open;
    bubble.setAttribute('aria-label', state.open ? TEXT.close : TEXT.open);
    notice.hidden = !state.unavailable;
    notice.textContent = TEXT.unavailable;
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    log.textContent = '';
    if (state.config.greeting) log.appendChild(bubbleOf('greeting', state.config.greeting));
    const shown = new Set();
    const list = [...state.messages.values()].sort((a, b) => a.id - b.id);
    for (const m of list) {
      shown.add(m.id);
      log.appendChild(bubbleOf(m.direction === 'in' ? 'in' : 'out', m.text, time(m.created_at)));
    }
    for (const item of state.outbox) {
      if (item.taken && shown.has(item.taken)) continue;
      const meta = item.taken ? TEXT.sent : state.online ? TEXT.sending : TEXT.offline;
      log.appendChild(bubbleOf('in' + (item.taken ? '' : ' pending'), item.text, meta));
    }
    for (const item of state.failed) log.appendChild(bubbleOf('in failed', item.text, TEXT.failed));
    if (atBottom || state.open) log.scrollTop = log.scrollHeight;
    let unread = 0;
    for (const m of list) if (m.direction === 'out' && m.id > state.read) unread++;
    badge.hidden = state.open || unread === 0;
    badge.textContent = String(unread);
    input.disabled = state.unavailable;
    $('form button').disabled = state.unavailable;
  }

  function setOpen(open) {
    state.open = open;
    save();
    render();
    if (open) {
      input.focus();
      receipts();
    }
  }

  bubble.addEventListener('click', () => setOpen(!state.open));
  $('.close').addEventListener('click', () => setOpen(false));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    const id = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).slice(0, 64);
    state.outbox.push({ id, text, at: Date.now() });
    save();
    render();
    flush();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  document.addEventListener('visibilitychange', () => receipts());
  window.addEventListener('online', () => flush());

  async function start() {
    document.body.appendChild(host);
    render();
    try {
      const r = await call('GET', 'config');
      if (r.status === 200) state.config = { name: r.json.name || state.config.name, greeting: r.json.greeting || '' };
      else if (r.status === 404) state.unavailable = true;
    } catch (e) { setOnline(false); }
    render();
    if (state.token) poll();
    if (state.outbox.length) flush();
  }

  window.ChatsWebchat = {
    open: () => setOpen(true),
    close: () => setOpen(false),
  };
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
