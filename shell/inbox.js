// Mounts the inbox client into an element of a page: creates the canvas and
// a hidden text field for keyboard input, loads the WebAssembly module and
// the fonts, forwards input, follows the element's size and pixel ratio, and
// runs frames only when something asks for one.
//
// Mount options (all optional):
//   backend   'demo' | 'server' | 'auto' (default: probe api/me)
//   apiBase   URL prefix of the API ('…/' before 'api/'), on this origin or another
//             one that allows this page's origin (the server's --allowed-origins)
//   token     bearer token for every call and the live stream (another origin needs it)
//   locale    'ru' | 'en';  theme  'light' | 'dark'
//   width, height   a fixed size (number = CSS px); else the canvas follows the element
//   mode      'new' | 'accepted' | 'archived';  filter  {channels, statuses, search, ...}
//   demoTraffic   false, or {seed, minMs, maxMs}: simulated incoming messages of the
//                 demo backend (default: every 5–20 s)
//   helpUrl   the "Help / support" link (else the server's --help-url)
//   app       true for the operator app, which owns the page: it turns on
//             syncUrl (the view in the URL's #fragment; back and forward work),
//             syncTitle ("(12) Чаты"), notifications (sound, and browser notifications
//             when allowed), settingsMenu and rememberSettings (localStorage);
//             each can also be set alone. A widget changes nothing outside itself.
//   onEvent(name, detail)   host events: 'ready', 'focus', 'blur', 'error' {message},
//             'dialogOpened' {id}, 'unreadChanged' {total}, 'message' {id, title, text},
//             'viewChanged' {link}, 'settingsChanged' {locale, theme, notifications}
// The handle: on(name, fn), focus(), blur(), setLook({locale, theme}), openDialog(id),
// setFilter({mode, channels, statuses, ..., search, sort}) (filter fields replace the
// whole filter), setMode(mode), unmount(), and the test hooks widgets(), frameCpuMs(),
// frameSplit(), memoryBytes(), hasGlyph(codepoint), redraw().
(function () {
  'use strict';

  const scriptUrl = document.currentScript ? document.currentScript.src : location.href;
  const baseUrl = new URL('.', scriptUrl).href;
  const FONT_FILES = ['fonts/NotoSans-Regular.ttf', 'fonts/NotoSans-Bold.ttf',
    'fonts/fontawesome-webfont.ttf'];
  const MOD_CTRL = 1, MOD_SHIFT = 2, MOD_ALT = 4, MOD_SUPER = 8;
  // Keys that edit or move rather than type text; the browser must not act on them.
  const CONTROL_KEYS = new Set([8, 9, 13, 27, 33, 34, 35, 36, 37, 38, 39, 40, 45, 46, 112]);

  let canvasCount = 0;
  // A script beside this one that defines window[name], loaded once per page.
  const scripts = new Map();
  function loadScript(file, name) {
    if (!scripts.has(file)) {
      scripts.set(file, new Promise((resolve, reject) => {
        if (window[name]) return resolve(window[name]);
        const s = document.createElement('script');
        s.src = baseUrl + file;
        s.onload = () => resolve(window[name]);
        s.onerror = () => reject(new Error(file + ' failed to load'));
        document.head.appendChild(s);
      }));
    }
    return scripts.get(file);
  }
  const loadModuleFactory = () => loadScript('chats_client.js', 'createChatsClient');
  const loadMirror = () => loadScript('a11y_mirror.js', 'ChatsA11yMirror');
  const MIRROR_LABELS = { ru: { tablist: 'Разделы', grid: 'Диалоги', log: 'История диалога' },
    en: { tablist: 'Sections', grid: 'Dialogs', log: 'Dialog history' } };

  // The WebAssembly, fetched and compiled while the script and the fonts load
  // (once per page: every widget instantiates the same compiled module).
  let wasmPromise = null;
  function compileWasm() {
    if (!wasmPromise) {
      const url = baseUrl + 'chats_client.wasm';
      const bytes = () => fetchBytes('chats_client.wasm').then((b) => WebAssembly.compile(b));
      wasmPromise = WebAssembly.compileStreaming
        ? WebAssembly.compileStreaming(fetch(url)).catch(bytes)  // e.g. a host without application/wasm
        : bytes();
    }
    return wasmPromise;
  }

  function fetchBytes(path) {
    return fetch(baseUrl + path).then((r) => {
      if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
      return r.arrayBuffer();
    });
  }

  // The first window of the list the app asks for as it starts, in a mode
  // with no filter (net/api_wire.cpp dialogs_url with app/list_window.hpp
  // kWindowRows), in the sort the app last kept (platform/layout_store.cpp),
  // else the default one.
  const MODES = ['new', 'accepted', 'archived'];
  function firstWindow(mode) {
    let sort = 'last_message', order = 'desc';
    try {
      const kept = JSON.parse((storage() && storage().getItem('chats.layout.sort')) || '{}');
      if (/^[a-z_]+$/.test(kept.key) && typeof kept.descending === 'boolean') {
        sort = kept.key;
        order = kept.descending ? 'desc' : 'asc';
      }
    } catch (e) { /* none kept */ }
    return 'api/dialogs?mode=' + mode + '&sort=' + sort + '&order=' + order + '&limit=100';
  }

  // The mode the app opens in when its first view is a mode alone (the link
  // in the URL, or the mount options); null when it has a filter or a sort,
  // whose first window is left for the app to ask for.
  function firstMode(link, options) {
    if (link) {
      const params = new URLSearchParams(link.slice(1));
      const keys = [...params.keys()].filter((k) => k !== 'dialog');
      if (keys.length === 0) return 'new';
      return keys.length === 1 && MODES.includes(params.get('mode')) ? params.get('mode') : null;
    }
    const filter = options.filter || {};
    if (typeof filter !== 'object' || Object.keys(filter).some((k) => k !== 'mode')) return null;
    const mode = options.mode !== undefined ? options.mode : filter.mode !== undefined ? filter.mode : 'new';
    return MODES.includes(mode) ? mode : null;
  }

  // The server's first answers, asked for while the WebAssembly compiles: the
  // session (api/me, which also tells a server from static hosting), then, when
  // signed in, the directory and the first window. The app takes an answer from
  // here instead of asking again when it asks for the same URL
  // (net/http_request.cpp); what it does not take is dropped once it started.
  function fetchEarly(apiBase, token, wanted, mode) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const answers = new Map();
    const get = (path) => {
      const url = new URL(path, apiBase).href;
      const answer = fetch(url, { credentials: 'same-origin', headers })
        .then((r) => r.arrayBuffer().then((b) => ({ status: r.status, body: new Uint8Array(b) })))
        .catch(() => ({ status: 0, body: new Uint8Array(0) }));  // offline: the app words it
      answers.set(url, answer);
      return answer;
    };
    const backend = get('api/me').then((me) => {
      const kind = wanted === 'auto' ? backendOf(me) : wanted;
      if (kind === 'server' && me.status === 200) {
        get('api/directory');
        if (mode) get(firstWindow(mode));
      }
      return kind;
    });
    return { backend, answers };
  }

  // 'server' when the page's origin answers the API (JSON from api/me, 200 or a
  // 401 error object), else 'demo': static hosting answers 404 or nothing.
  function backendOf(me) {
    if (me.status !== 200 && me.status !== 401) return 'demo';
    try {
      const body = JSON.parse(new TextDecoder().decode(me.body));
      return body && (me.status === 200 || typeof body.error === 'object') ? 'server' : 'demo';
    } catch (e) {
      return 'demo';
    }
  }

  function modifiers(e) {
    return (e.ctrlKey || e.metaKey ? MOD_CTRL : 0) | (e.shiftKey ? MOD_SHIFT : 0) |
      (e.altKey ? MOD_ALT : 0) | (e.metaKey ? MOD_SUPER : 0);
  }

  // The API prefix: the page's own folder unless the host names another.
  function resolveApiBase(option) {
    const pageBase = new URL('.', document.baseURI).href;
    if (option === undefined || option === null || option === '') return pageBase;
    const wanted = new URL(option, document.baseURI);
    if (wanted.protocol !== 'http:' && wanted.protocol !== 'https:') {
      throw new Error('apiBase must be an http(s) URL, got ' + option);
    }
    if (!wanted.pathname.endsWith('/')) wanted.pathname += '/';
    wanted.search = '';
    wanted.hash = '';
    return wanted.href;
  }

  const SETTINGS_KEY = 'chats-inbox.settings', ASKED_KEY = 'chats-inbox.notifications-asked';
  function storage() {
    try { return window.localStorage; } catch (e) { return null; }  // blocked in some frames
  }
  function rememberedSettings() {
    try { return JSON.parse((storage() && storage().getItem(SETTINGS_KEY)) || '{}') || {}; } catch (e) { return {}; }
  }

  // A short two-note chime, rendered once into a WAV and played by an <audio>
  // element: no sound files to load. Not WebAudio: the first AudioContext of a
  // page blocks the main thread while the browser starts its audio service
  // (0.6-2 s seen in headless Chromium), which held up the frame that showed
  // the incoming message; a media element starts its output off the main thread.
  const CHIME_RATE = 22050;
  const CHIME_NOTES = [[880, 0], [1318.5, 0.12]];  // Hz, start in s
  let chimeUrl = null;
  function chimeWav() {
    const at = (t) => Math.round(t * CHIME_RATE);
    const n = at(0.01 + 0.12 + 0.3);
    const bytes = new ArrayBuffer(44 + n * 2), view = new DataView(bytes);
    const ascii = (o, text) => { for (let i = 0; i < text.length; i++) view.setUint8(o + i, text.charCodeAt(i)); };
    ascii(0, 'RIFF'); view.setUint32(4, 36 + n * 2, true); ascii(8, 'WAVE'); ascii(12, 'fmt ');
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);  // PCM, mono
    view.setUint32(24, CHIME_RATE, true); view.setUint32(28, CHIME_RATE * 2, true);
    view.setUint16(32, 2, true); view.setUint16(34, 16, true); ascii(36, 'data'); view.setUint32(40, n * 2, true);
    const mix = new Float32Array(n);
    for (const [freq, start] of CHIME_NOTES) {
      // A sine rising to 0.18 in 15 ms and falling back to silence by 280 ms.
      const t0 = 0.01 + start;
      for (let i = at(t0); i < Math.min(n, at(t0 + 0.3)); i++) {
        const t = i / CHIME_RATE - t0;
        const gain = t < 0.015 ? 0.0001 * Math.pow(1800, t / 0.015)
          : t < 0.28 ? 0.18 * Math.pow(0.0001 / 0.18, (t - 0.015) / 0.265) : 0;
        mix[i] += gain * Math.sin(2 * Math.PI * freq * t);
      }
    }
    const pcm = new Int16Array(bytes, 44, n);
    for (let i = 0; i < n; i++) pcm[i] = Math.max(-1, Math.min(1, mix[i])) * 32767;
    return URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
  }
  function chime() {
    if (typeof Audio === 'undefined') return;
    if (!chimeUrl) chimeUrl = chimeWav();
    const sound = new Audio(chimeUrl);
    const played = sound.play();
    if (played) played.catch(() => {});  // no user gesture yet, or no audio output
  }

  const LOCALES = { ru: 0, en: 1 }, THEMES = { light: 0, dark: 1 };
  const THEME_BACKGROUNDS = { light: '#ffffff', dark: '#1e2128' };
  function cssSize(v) { return typeof v === 'number' ? v + 'px' : String(v); }

  async function mount(element, options = {}) {
    const handlers = new Map();  // event name -> Set of functions
    function emit(name, detail) {
      if (typeof options.onEvent === 'function') {
        try { options.onEvent(name, detail); } catch (e) { console.error(e); }
      }
      for (const fn of handlers.get(name) || []) {
        try { fn(detail); } catch (e) { console.error(e); }
      }
    }
    try {
      return await mountInside(element, options, handlers, emit);
    } catch (e) {
      emit('error', { message: String(e && e.message || e) });
      throw e;
    }
  }

  async function mountInside(element, options, handlers, emit) {
    if (!(element instanceof Element)) throw new Error('mount needs an element');
    if (options.locale !== undefined && !(options.locale in LOCALES)) {
      throw new Error('unknown locale ' + options.locale);
    }
    if (options.theme !== undefined && !(options.theme in THEMES)) {
      throw new Error('unknown theme ' + options.theme);
    }
    const apiBase = resolveApiBase(options.apiBase);
    const isApp = options.app === true;
    const pick = (name) => options[name] === undefined ? isApp : options[name] === true;
    const page = { syncUrl: pick('syncUrl'), syncTitle: pick('syncTitle'),
      notifications: pick('notifications'), settingsMenu: pick('settingsMenu'),
      rememberSettings: pick('rememberSettings') };
    const traffic = options.demoTraffic === undefined ? {} : options.demoTraffic;
    if (traffic !== false && (typeof traffic !== 'object' || traffic === null)) {
      throw new Error('demoTraffic: false or {seed, minMs, maxMs}');
    }
    const remembered = page.rememberSettings ? rememberedSettings() : {};
    const firstTheme = options.theme || (remembered.theme in THEMES && remembered.theme) || 'light';
    if (options.width !== undefined) element.style.width = cssSize(options.width);
    if (options.height !== undefined) element.style.height = cssSize(options.height);
    const canvas = document.createElement('canvas');
    // Hidden until the app draws its first frame (with the first rows, when
    // they come soon: app/view_hold): the compositor would otherwise copy an
    // empty canvas while the module loads (with software WebGL each copy
    // blocks the page for 100-300 ms), and show it black.
    canvas.style.cssText = 'display:block;width:100%;height:100%;outline:none;touch-action:none;' +
      'visibility:hidden';
    // Meanwhile the element has the theme's background (ui/theme.cpp), not a
    // white flash before a dark app.
    const hostBackground = element.style.backgroundColor;
    element.style.backgroundColor = THEME_BACKGROUNDS[firstTheme];
    canvas.tabIndex = -1;
    canvas.id = 'chats-canvas-' + (++canvasCount);
    const input = document.createElement('textarea');
    input.setAttribute('aria-label', 'inbox keyboard input');
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.tabIndex = -1;  // Tab walks the mirror's elements (a11y_mirror.js)
    input.style.cssText = 'position:absolute;left:0;top:0;width:1px;height:1px;opacity:0;' +
      'padding:0;border:0;resize:none;pointer-events:none';
    if (getComputedStyle(element).position === 'static') element.style.position = 'relative';
    element.append(canvas, input);

    // The canvas's pixels for the element's CSS size and the pixel ratio; set
    // only when they change (each setting clears the drawing buffer).
    let dpr = window.devicePixelRatio || 1;
    function sizeCanvas() {
      dpr = window.devicePixelRatio || 1;
      const rect = element.getBoundingClientRect();
      const w = Math.max(1, Math.round(rect.width)), h = Math.max(1, Math.round(rect.height));
      const pw = Math.round(w * dpr), ph = Math.round(h * dpr);
      if (canvas.width !== pw) canvas.width = pw;
      if (canvas.height !== ph) canvas.height = ph;
      return [w, h];
    }

    let wake = () => {};  // until frames can run
    let handle = null;
    const choice = options.backend || 'auto';
    if (!['demo', 'server', 'auto'].includes(choice)) throw new Error('unknown backend ' + choice);
    const link = page.syncUrl && location.hash.length > 1 ? location.hash : null;
    const early = choice === 'demo' ? null
      : fetchEarly(apiBase, options.token, choice, firstMode(link, options));
    const loaded = Promise.all([loadModuleFactory(), loadMirror(), compileWasm(),
      early ? early.backend : choice, ...FONT_FILES.map(fetchBytes)]);
    // The WebGL context is made while the WebAssembly compiles, not after (and
    // after the requests left: it takes tens of ms): with the attributes
    // web_main.cpp app_init asks for, which then gets this one. At its final
    // size: a resize later reallocates the drawing buffer and waits for the
    // GPU process.
    sizeCanvas();
    canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false,
      premultipliedAlpha: true, preserveDrawingBuffer: true });
    const [factory, Mirror, compiled, backend, ...fonts] = await loaded;
    const module = await factory({
      canvas,
      earlyAnswers: early && backend === 'server' ? early.answers : null,
      wake: () => wake(),  // data arrived between frames
      locateFile: (path) => baseUrl + path,
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled));
        return {};  // filled in asynchronously
      },
      onCopy: (text) => {
        if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {});
      },
    });

    const withBytes = (bytes, fn) => {
      const ptr = module._malloc(Math.max(1, bytes.byteLength));
      module.HEAPU8.set(new Uint8Array(bytes), ptr);
      try { fn(ptr, bytes.byteLength); } finally { module._free(ptr); }
    };
    fonts.forEach((bytes, which) => withBytes(bytes, (ptr, size) =>
      module._app_add_font(which, ptr, size)));
    // A chunk of glyphs (fonts/symbols-N.ttf, fonts/letters-N.ttf), when text
    // that arrived uses one of its emoji or letters (app/glyph_demand.hpp);
    // none when it cannot be had.
    module.fetchGlyphs = (chunk, file) => {
      fetchBytes(file).catch(() => new ArrayBuffer(0)).then((bytes) => {
        if (destroyed) return;
        withBytes(bytes, (ptr, size) => module._app_add_glyphs(chunk, ptr, size));
        requestFrame();  // the atlas takes its glyphs in the next frame
      });
    };

    // The composer's file picker. On the server the file goes to api/uploads
    // with progress; on the demo backend it stays in the page (a blob URL).
    module.pickFile = (accept) => {
      const picker = document.createElement('input');
      picker.type = 'file';
      if (accept) picker.accept = accept;
      picker.onchange = () => { if (picker.files[0]) uploadFile(picker.files[0]); };
      picker.click();
    };
    function uploadFile(file) {
      const call = (fn, ...args) => { fn(...args); requestFrame(); };
      const str = (text, fn) => withString(String(text), fn);
      const mime = file.type || 'application/octet-stream';
      str(file.name, (p) => call(module._app_upload_progress, p, 0));
      if (backend !== 'server') {
        const a = { name: file.name, mime, url: URL.createObjectURL(file), size: file.size };
        return str(JSON.stringify(a), (p) => call(module._app_upload_done, p));
      }
      const xhr = new XMLHttpRequest();
      xhr.open('POST', new URL('api/uploads', apiBase));
      xhr.setRequestHeader('Content-Type', mime);
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      xhr.upload.onprogress = (e) => e.lengthComputable &&
        str(file.name, (p) => call(module._app_upload_progress, p, e.loaded / e.total));
      xhr.onload = () => {
        if (xhr.status === 201) return str(xhr.responseText, (p) => call(module._app_upload_done, p));
        let why = 'HTTP ' + xhr.status;
        try { why = JSON.parse(xhr.responseText).error.message || why; } catch (e) { /* not JSON */ }
        str(why, (p) => call(module._app_upload_failed, p));
      };
      xhr.onerror = () => str('Нет связи с сервером', (p) => call(module._app_upload_failed, p));
      xhr.send(file);
    }

    // A client's picture (platform/avatar_images.cpp): fetched by the browser,
    // decoded, cover-cropped to a `size` square and handed over as RGBA pixels;
    // a failure is reported, and the app does not ask for that URL again.
    module.loadAvatar = (url, size) => {
      avatarPixels(url, size).then((pixels) => {
        if (destroyed) return;
        withString(url, (u) => {
          if (!pixels) return module._app_avatar_failed(u);
          const ptr = module._malloc(pixels.length);
          module.HEAPU8.set(pixels, ptr);
          module._app_avatar_loaded(u, ptr, size);
          module._free(ptr);
        });
        requestFrame();
      });
    };
    async function avatarPixels(url, size) {
      try {
        // Relative and /api/ URLs are the server's (the demo's: beside this script).
        const base = backend === 'server' ? apiBase : baseUrl;
        const target = new URL(url.startsWith('/api/') ? url.slice(1) : url, base);
        if (!['http:', 'https:', 'data:', 'blob:'].includes(target.protocol)) return null;
        // The session's token goes to the API's origin only, never to another host.
        const headers = options.token && target.origin === new URL(apiBase).origin
          ? { Authorization: 'Bearer ' + options.token } : {};
        // A hung answer would hold one of the app's few loading slots for good.
        const abort = new AbortController();
        setTimeout(() => abort.abort(), AVATAR_TIMEOUT_MS);
        const r = await fetch(target, { mode: 'cors', credentials: 'same-origin', headers,
          signal: abort.signal });
        if (!r.ok) return null;
        const blob = await r.blob();
        if (blob.size > AVATAR_MAX_BYTES) return null;
        const bitmap = await createImageBitmap(blob);
        const side = Math.min(bitmap.width, bitmap.height);
        const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(size, size)
          : Object.assign(document.createElement('canvas'), { width: size, height: size });
        const g = canvas.getContext('2d');
        g.imageSmoothingQuality = 'high';
        g.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side,
          0, 0, size, size);
        bitmap.close();
        return new Uint8Array(g.getImageData(0, 0, size, size).data.buffer);
      } catch (e) {
        return null;  // offline, refused by CORS, not an image
      }
    }

    // Frames run on demand: after input, on a timer the app asks for, or now.
    let rafId = 0, timerId = 0, timerAt = 0, destroyed = false;
    let mirror = null, mirrorGeneration = -1;
    function frame() {
      rafId = 0;
      if (destroyed) return;
      const next = module._app_frame(Date.now(), performance.now());
      if (mirror && module._app_widgets_generation() !== mirrorGeneration) {
        mirrorGeneration = module._app_widgets_generation();
        mirror.update(module.UTF8ToString(module._app_widgets()));
      }
      if (canvas.style.visibility && module._app_frames_drawn() > 0) {
        canvas.style.visibility = '';
        element.style.backgroundColor = hostBackground;
      }
      drainNotices();
      if (next === 0) requestFrame();
      else if (next > 0) frameAfter(next);
    }
    // One timer, for the soonest frame asked for.
    function frameAfter(ms) {
      const at = performance.now() + ms;
      if (timerId && timerAt <= at) return;
      clearTimeout(timerId);
      timerAt = at;
      timerId = setTimeout(() => { timerId = 0; requestFrame(); }, ms);
    }
    function requestFrame() {
      if (!rafId && !destroyed) rafId = requestAnimationFrame(frame);
    }

    function resize() {
      const [w, h] = sizeCanvas();
      module._app_resize(w, h, dpr);
      requestFrame();
    }

    wake = requestFrame;
    withString(apiBase, (base) => withString(options.token || '', (token) =>
      module._app_configure_api(base, token)));
    module._app_configure_demo(traffic === false ? 0 : 1,
      traffic.seed !== undefined ? traffic.seed : Math.floor(Math.random() * 2147483647),
      traffic.minMs || 5000, traffic.maxMs || traffic.minMs || 20000);
    // The first view goes in before app_init: the app's first list is then of
    // it, and the default view is not asked for in vain.
    let linkError = null;
    if (link) {
      if (withString(link, (p) => module._app_open_link(p)) !== 0) linkError = lastError();
    } else if (options.mode !== undefined || options.filter !== undefined) {
      const view = { ...(options.filter || {}), ...(options.mode !== undefined ? { mode: options.mode } : {}) };
      if (withString(JSON.stringify(view), (p) => module._app_set_view(p)) !== 0) throw new Error(lastError());
    }
    const rect0 = element.getBoundingClientRect();
    const status = withString('#' + canvas.id, (selector) => module._app_init(selector, Math.max(1, rect0.width), Math.max(1, rect0.height), dpr,
      -new Date().getTimezoneOffset() * 60000, options.demoDialogs || 5000, Date.now(),
      backend === 'server' ? 1 : 0));
    module.earlyAnswers = null;  // the app asked for what it needs at start
    if (status !== 0) throw new Error('the client failed to start (' + status + ')');
    let look = { locale: options.locale || (remembered.locale in LOCALES && remembered.locale) || 'ru',
      theme: firstTheme };
    let notificationsOn = page.notifications && remembered.notifications !== false;
    // The chime is rendered while the page is idle, not on the first message.
    if (page.notifications && !chimeUrl) {
      (window.requestIdleCallback || setTimeout)(() => { if (!chimeUrl) chimeUrl = chimeWav(); });
    }
    withString(options.helpUrl || '', (url) =>
      module._app_set_page_options(page.settingsMenu ? 1 : 0, notificationsOn ? 1 : 0, url));
    function setLook(next = {}) {
      const wanted = { ...look, ...next };
      if (!(wanted.locale in LOCALES)) throw new Error('unknown locale ' + wanted.locale);
      if (!(wanted.theme in THEMES)) throw new Error('unknown theme ' + wanted.theme);
      look = wanted;
      // A module built before app_set_look keeps Russian and the light theme.
      if (module._app_set_look) module._app_set_look(LOCALES[look.locale], THEMES[look.theme]);
      requestFrame();
    }
    setLook();

    // The app's notices: host events, and for the operator app the URL, the
    // title, notifications and remembered settings.
    const baseTitle = document.title;
    let lastSound = 0, appliedLink = null;
    function drainNotices() {
      const text = module.UTF8ToString(module._app_take_notices());
      if (text === '[]') return;
      for (const n of JSON.parse(text)) {
        switch (n.kind) {
          case 'dialogOpened': emit('dialogOpened', { id: n.id }); break;
          case 'unreadChanged':
            if (page.syncTitle) document.title = (n.total > 0 ? '(' + n.total + ') ' : '') + baseTitle;
            emit('unreadChanged', { total: n.total });
            break;
          case 'incoming':
            if (notificationsOn) notify(n);
            emit('message', { id: n.id, title: n.title, text: n.text });
            break;
          case 'viewChanged':
            if (page.syncUrl && '#' + n.link !== location.hash) {
              appliedLink = '#' + n.link;
              if (n.push) history.pushState(null, '', appliedLink);
              else history.replaceState(history.state, '', appliedLink);
            }
            emit('viewChanged', { link: n.link });
            break;
          case 'settingsChanged':
            look = { locale: n.locale, theme: n.theme };
            notificationsOn = n.notifications;
            if (page.rememberSettings && storage()) {
              try { storage().setItem(SETTINGS_KEY, JSON.stringify({ locale: n.locale, theme: n.theme,
                notifications: n.notifications })); } catch (e) { /* full or blocked */ }
            }
            emit('settingsChanged', { locale: n.locale, theme: n.theme, notifications: n.notifications });
            break;
          case 'openHelp':
            if (n.url) window.open(n.url, '_blank', 'noopener');
            break;
          case 'error': emit('error', { message: n.message }); break;
          case 'openFile': openFile(n.url, n.name); break;
        }
      }
    }
    // A file of the history: fetched with the session (cookie or bearer token),
    // then saved under its own name. A demo file is a blob URL of this page.
    async function openFile(url, name) {
      // Why it failed, as a code the app words (app/problem_text) and the server's text.
      const failed = (code, detail) => withString(code, (c) => withString(detail || '', (d) => {
        module._app_open_failed(c, d);
        requestFrame();
      }));
      let href = url, blob = null;
      if (backend === 'server' && url.startsWith('/api/')) {
        const headers = options.token ? { Authorization: 'Bearer ' + options.token } : {};
        try {
          const r = await fetch(new URL(url.slice(1), apiBase), { credentials: 'same-origin', headers });
          if (!r.ok) {
            let detail = 'HTTP ' + r.status;
            try { detail = (await r.json()).error.message || detail; } catch (e) { /* not JSON */ }
            const code = r.status === 404 ? 'file_gone' : r.status === 401 ? 'session_expired'
              : r.status === 403 ? 'forbidden' : 'server_error';
            return failed(code, detail);
          }
          blob = URL.createObjectURL(await r.blob());
          href = blob;
        } catch (e) {
          return failed('offline', String(e && e.message || e));
        }
      }
      const a = document.createElement('a');
      a.href = href;
      a.download = name || '';
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
      if (blob) setTimeout(() => URL.revokeObjectURL(blob), 60000);
    }
    function notify(n) {
      const now = performance.now();
      if (now - lastSound > 1500) {
        lastSound = now;
        try { chime(); } catch (e) { /* no audio */ }
      }
      if (document.hidden && window.Notification && Notification.permission === 'granted') {
        const shown = new Notification(n.title || 'Чаты', { body: n.text, tag: 'chats-' + n.id });
        shown.onclick = () => { window.focus(); handle.openDialog(n.id); shown.close(); };
      }
    }
    // Permission is asked once, on the first click into the app, never unprompted.
    function askNotificationsOnce() {
      if (!notificationsOn || !window.Notification || Notification.permission !== 'default') return;
      const s = storage();
      if (s && s.getItem(ASKED_KEY)) return;
      if (s) s.setItem(ASKED_KEY, '1');
      Notification.requestPermission().catch(() => {});
    }
    function setView(view) {
      const status = withString(JSON.stringify(view), (ptr) => module._app_set_view(ptr));
      if (status !== 0) throw new Error(lastError());
      module._app_apply_host();  // the new view's rows are asked for now, not at the next frame
      requestFrame();
    }
    function openLink(fragment) {
      appliedLink = fragment;
      const status = withString(fragment, (ptr) => module._app_open_link(ptr));
      if (status !== 0) emit('error', { message: lastError() });
      module._app_apply_host();
      requestFrame();
    }
    // The first view's dialog, if its link names one, and the link's errors.
    appliedLink = link;
    if (linkError) emit('error', { message: linkError });
    module._app_apply_host();
    resize();

    const observer = new ResizeObserver(resize);
    observer.observe(element);
    // The canvas's size in device pixels changes with the browser's zoom and
    // the pixel ratio too (not always with a 'resolution' media change).
    try { observer.observe(canvas, { box: 'device-pixel-content-box' }); } catch (e) { /* older browsers */ }
    let dprQuery = null;
    function watchPixelRatio() {
      dprQuery = matchMedia('(resolution: ' + dpr + 'dppx)');
      dprQuery.addEventListener('change', onPixelRatio, { once: true });
    }
    function onPixelRatio() { resize(); watchPixelRatio(); }
    watchPixelRatio();

    function local(e) {
      const r = canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    }
    const listeners = [];
    function on(target, type, fn, opts) {
      target.addEventListener(type, fn, opts);
      listeners.push([target, type, fn, opts]);
    }

    on(canvas, 'pointermove', (e) => { module._app_mouse_move(...local(e)); requestFrame(); });
    if (page.syncUrl) {
      // Back and forward: the URL leads, the app follows.
      const follow = () => { if (location.hash !== appliedLink) openLink(location.hash); };
      on(window, 'popstate', follow);
      on(window, 'hashchange', follow);
    }

    on(canvas, 'pointerdown', (e) => {
      if (page.notifications) askNotificationsOnce();
      // Keyboard focus comes with a click into the inbox, and only then.
      input.focus({ preventScroll: true });
      canvas.setPointerCapture(e.pointerId);
      module._app_mouse_move(...local(e));
      module._app_key(0, 0, modifiers(e));
      module._app_mouse_button(e.button === 2 ? 1 : e.button === 1 ? 2 : e.button, 1);
      requestFrame();
      e.preventDefault();
    });
    on(canvas, 'pointerup', (e) => {
      module._app_mouse_move(...local(e));
      module._app_mouse_button(e.button === 2 ? 1 : e.button === 1 ? 2 : e.button, 0);
      requestFrame();
    });
    on(canvas, 'pointerleave', () => { module._app_mouse_move(-FLT_MAX, -FLT_MAX); requestFrame(); });
    on(canvas, 'contextmenu', (e) => e.preventDefault());
    on(canvas, 'wheel', (e) => {
      // Pixel deltas to ImGui's wheel steps; line and page modes scale up.
      const scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;
      module._app_wheel(-e.deltaX * scale, -e.deltaY * scale);
      requestFrame();
      e.preventDefault();
    }, { passive: false });

    // A click anywhere outside the widget gives keyboard focus back to the page.
    on(document, 'pointerdown', (e) => {
      if (document.activeElement === input && !element.contains(e.target)) input.blur();
    }, true);

    // The hidden DOM mirror of the widgets: what assistive technology reads
    // and where Tab moves; it acts through the same input as the pointer.
    mirror = Mirror.create(element, {
      click(x, y) {
        module._app_mouse_move(x, y);
        module._app_key(0, 0, 0);
        module._app_mouse_button(0, 1);
        module._app_mouse_button(0, 0);
        requestFrame();
      },
      focusWidget(id) { withString(id, (p) => module._app_focus_widget(p)); requestFrame(); },
      focusText(label) {
        input.setAttribute('aria-label', label);
        input.focus({ preventScroll: true });
      },
      key(e, down) {
        module._app_key(e.keyCode, down ? 1 : 0, modifiers(e));
        requestFrame();
        if (down && (CONTROL_KEYS.has(e.keyCode) || e.ctrlKey || e.metaKey)) e.preventDefault();
      },
    }, MIRROR_LABELS[look.locale] || MIRROR_LABELS.ru);

    on(input, 'keydown', (e) => {
      // Tab out of a textbox reached from the mirror moves on in the mirror.
      if (e.keyCode === 9 && !e.ctrlKey && !e.altKey && mirror.leaveText(e.shiftKey)) {
        e.preventDefault();
        return;
      }
      if (e.keyCode === 27) {
        // Escape reaches the app (it may close something), then gives focus back.
        module._app_key(27, 1, modifiers(e));
        module._app_key(27, 0, modifiers(e));
        requestFrame();
        e.preventDefault();
        input.blur();
        return;
      }
      const ctrl = e.ctrlKey || e.metaKey;
      if (ctrl && e.keyCode === 86) return;  // paste arrives through the paste event
      module._app_key(e.keyCode, 1, modifiers(e));
      requestFrame();
      if (CONTROL_KEYS.has(e.keyCode) || (ctrl && !e.altKey)) e.preventDefault();
    });
    on(input, 'keyup', (e) => {
      module._app_key(e.keyCode, 0, modifiers(e));
      requestFrame();
    });
    on(input, 'input', (e) => {
      if (e.isComposing) return;  // IME text arrives whole on compositionend
      flushText();
    });
    on(input, 'compositionend', flushText);
    function flushText() {
      if (input.value) {
        withString(input.value, (ptr) => module._app_text(ptr));
        input.value = '';
        requestFrame();
      }
    }
    on(input, 'paste', (e) => {
      const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      e.preventDefault();
      withString(text, (ptr) => module._app_paste(ptr));
      module._app_key(86, 1, MOD_CTRL);
      module._app_key(86, 0, 0);
      requestFrame();
    });
    on(input, 'focus', () => { module._app_focus(1); requestFrame(); emit('focus', {}); });
    on(input, 'blur', (e) => {
      mirror.textBlurred(e.relatedTarget);
      module._app_focus(0);
      requestFrame();
      emit('blur', {});
    });

    function lastError() { return module.UTF8ToString(module._app_last_error()); }
    function withString(text, fn) {
      const size = module.lengthBytesUTF8(text) + 1;
      const ptr = module._malloc(size);
      module.stringToUTF8(text, ptr, size);
      try { return fn(ptr); } finally { module._free(ptr); }
    }

    handle = {
      element,
      canvas,
      backend,  // 'demo' or 'server', as chosen
      apiBase,
      // Subscribes to a host event; returns a function that unsubscribes.
      on(name, fn) {
        if (!handlers.has(name)) handlers.set(name, new Set());
        handlers.get(name).add(fn);
        return () => handlers.get(name).delete(fn);
      },
      // Gives the widget keyboard focus, as a click into it would.
      focus() { input.focus({ preventScroll: true }); },
      blur() { input.blur(); },
      hasFocus() { return document.activeElement === input; },
      setLook,
      look() { return { ...look }; },
      // Opens a dialog of the list in view (an 'error' event when it is not there).
      openDialog(id) {
        if (!Number.isSafeInteger(id) || id <= 0) throw new Error('openDialog needs a dialog id, got ' + id);
        module._app_open_dialog(id);
        module._app_apply_host();
        requestFrame();
      },
      setFilter(view) {
        if (typeof view !== 'object' || view === null) throw new Error('setFilter needs an object');
        setView(view);
      },
      setMode(mode) { setView({ mode }); },
      // The labelled widgets of the last frame, in CSS pixels of the canvas.
      widgets() { return JSON.parse(module.UTF8ToString(module._app_widgets())); },
      frameCpuMs() { return module._app_frame_cpu_ms(); },
      // The last frame's time by phase and the size of what it drew.
      frameSplit() { return JSON.parse(module.UTF8ToString(module._app_frame_split())); },
      // The WASM heap's size in bytes (it grows, never shrinks).
      memoryBytes() { return module.HEAPU8.length; },
      // Whether the text font draws a character (U+1F64F, say): emoji join it
      // when text that uses them arrives.
      hasGlyph(codepoint) { return module._app_has_glyph(codepoint) === 1; },
      redraw: requestFrame,
      unmount() {
        destroyed = true;
        if (rafId) cancelAnimationFrame(rafId);
        if (timerId) clearTimeout(timerId);
        observer.disconnect();
        if (dprQuery) dprQuery.removeEventListener('change', onPixelRatio);
        if (canvas.style.visibility) element.style.backgroundColor = hostBackground;
        for (const [t, type, fn, opts] of listeners) t.removeEventListener(type, fn, opts);
        if (document.activeElement === input) input.blur();
        if (page.syncTitle) document.title = baseTitle;
        canvas.remove();
        input.remove();
        mirror.destroy();
        handlers.clear();
      },
    };
    // The first frame at once, not at the next animation frame. The answers
    // fetched early reach the app first: they wait as microtasks, queued when
    // app_init asked for them.
    await Promise.resolve();
    if (rafId && !destroyed) {
      cancelAnimationFrame(rafId);
      frame();
    }
    emit('ready', { backend, canvasId: canvas.id });
    return handle;
  }

  const FLT_MAX = 3.4028234663852886e38;
  const AVATAR_MAX_BYTES = 5 * 1024 * 1024;  // a client's picture, not a photo album
  const AVATAR_TIMEOUT_MS = 20000;
  window.ChatsInbox = { mount };
})();
