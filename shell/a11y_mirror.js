// The canvas's DOM mirror for assistive technology and the keyboard: one
// visually hidden element per widget the app publishes (ui/widget_registry),
// with its ARIA role, name and state, in the order the app draws them. The
// mode tabs form a tablist, the list a grid, the dialog's messages a log.
// Browser focus moves among the mirror's elements with Tab; the app draws a
// ring around the focused one's widget, and Enter, Space or an assistive
// click becomes a click at the widget's centre. The mirror is rebuilt only
// when the published list changes, and takes no pointer events.
(function () {
  'use strict';

  const HIDDEN = 'position:absolute;left:0;top:0;width:1px;height:1px;margin:-1px;padding:0;' +
    'border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;' +
    'pointer-events:none';
  // Where a role's elements go: a container of the mirror, else the mirror itself.
  const CONTAINER_OF = { tab: 'tablist', row: 'grid', columnheader: 'grid', article: 'log' };
  const SKIPPED = new Set(['none', 'region']);
  const NOT_FOCUSABLE = new Set(['article', 'status', 'alert', 'gridcell', 'dialog']);
  const TEXT_ROLES = new Set(['textbox', 'searchbox']);
  const ROW_CLICK_X = 200;  // CSS px into a row: the client's name

  // app: { click(x, y), focusWidget(id), focusText(label), key(event, down) }
  function create(root, app, labels) {
    const mirror = document.createElement('div');
    mirror.className = 'chats-a11y-mirror';
    mirror.style.cssText = HIDDEN;
    root.appendChild(mirror);
    let shown = '[]';
    let byId = new Map();  // id -> {el, w}
    let textOrigin = null;  // the textbox whose typing goes to the app's text field
    // The widget focused last, while the focus went nowhere else: a widget
    // that leaves the list for a frame (the list relaid out as a dialog
    // opens) takes the focus back when it returns.
    let kept = null;

    function element(w) {
      const known = byId.get(w.id);
      if (known && known.el.dataset.role === w.role) return known.el;
      let el;
      if (w.role === 'button' || w.role === 'tab') {
        el = document.createElement('button');
        el.type = 'button';
      } else {
        el = document.createElement('div');
      }
      if (w.role !== 'button') el.setAttribute('role', w.role);
      if (!NOT_FOCUSABLE.has(w.role) && el.tagName !== 'BUTTON') el.tabIndex = 0;
      if (w.id === 'composer') el.setAttribute('aria-multiline', 'true');
      el.dataset.id = w.id;
      el.dataset.role = w.role;
      return el;
    }

    function describe(el, w) {
      const name = w.value ? w.label + ' ' + w.value : w.label;
      if (w.role === 'row') {
        // A row's name is its cells' text: the client's name, then its status.
        if (!el.firstChild) {
          const cell = document.createElement('div');
          cell.setAttribute('role', 'gridcell');
          el.appendChild(cell);
        }
        if (el.firstChild.textContent !== name) el.firstChild.textContent = name;
        if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      } else if (TEXT_ROLES.has(w.role) || w.role === 'checkbox' || w.role === 'switch') {
        if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      } else if (el.textContent !== name) {
        el.textContent = name;
      }
      setState(el, 'aria-selected', w.selected);
      setState(el, 'aria-checked', w.checked);
    }

    function setState(el, attribute, value) {
      if (value === undefined) el.removeAttribute(attribute);
      else if (el.getAttribute(attribute) !== String(value)) el.setAttribute(attribute, String(value));
    }

    // The containers (tablist, grid, log) live as long as the mirror.
    const boxes = new Map();
    function container(kind) {
      let el = boxes.get(kind);
      if (el) return el;
      el = document.createElement('div');
      el.dataset.container = kind;
      el.setAttribute('role', kind);
      if (labels[kind]) el.setAttribute('aria-label', labels[kind]);
      if (kind === 'grid') {
        const header = document.createElement('div');
        header.setAttribute('role', 'row');
        header.setAttribute('aria-rowindex', '1');
        el.appendChild(header);
      }
      boxes.set(kind, el);
      return el;
    }

    // Puts `children` into `parent` in order from `from` on (null: at its end),
    // moving only what moved (the focused element stays put when it can), and
    // drops the rest after them.
    function place(parent, children, from = parent.firstChild) {
      let at = from;
      for (const el of children) {
        if (at === el) at = at.nextSibling;
        else parent.insertBefore(el, at);
      }
      while (at) {
        const gone = at;
        at = at.nextSibling;
        gone.remove();
      }
    }

    // Rebuilds the mirror from the app's list (JSON) when it changed.
    function update(text) {
      if (text === shown) return;
      shown = text;
      const next = new Map();
      const inside = new Map();  // container -> its children
      const top = [];
      const headers = [];
      let rowIndex = 1;
      for (const w of JSON.parse(text)) {
        if (SKIPPED.has(w.role) || !w.label && !TEXT_ROLES.has(w.role)) continue;
        if (w.role === 'gridcell') {
          // A row's cell (status-cell:42 of row:42) joins the row.
          const row = next.get('row:' + w.id.slice(w.id.indexOf(':') + 1));
          if (!row) continue;
          let cell = row.el.children[1];
          if (!cell) {
            cell = document.createElement('div');
            cell.setAttribute('role', 'gridcell');
            row.el.appendChild(cell);
          }
          if (cell.textContent !== w.label) cell.textContent = w.label;
          continue;
        }
        const el = element(w);
        describe(el, w);
        next.set(w.id, { el, w });
        const kind = CONTAINER_OF[w.role];
        if (!kind) {
          top.push(el);
          continue;
        }
        const box = container(kind);
        if (!inside.has(box)) {
          inside.set(box, []);
          top.push(box);
        }
        if (w.role === 'columnheader') {
          headers.push(el);
        } else {
          if (w.role === 'row') el.setAttribute('aria-rowindex', String(++rowIndex));
          inside.get(box).push(el);
        }
      }
      byId = next;
      for (const [box, children] of inside) {
        if (box.dataset.container === 'grid') {
          box.setAttribute('aria-rowcount', String(rowIndex));
          place(box.firstChild, headers);
          place(box, children, box.firstChild.nextSibling);
        } else {
          place(box, children);
        }
      }
      place(mirror, top);
      const lost = !document.activeElement || document.activeElement === document.body;
      if (kept && lost && byId.has(kept)) byId.get(kept).el.focus({ preventScroll: true });
    }

    function widgetOf(el) {
      const host = el && el.closest && el.closest('[data-id]');
      return host && mirror.contains(host) ? byId.get(host.dataset.id) : null;
    }
    function activate(entry) {
      const w = entry.w;
      // A row spans cells with controls of their own (status, price): it is
      // clicked in the client's column, which opens the dialog.
      const x = w.role === 'row' ? w.x + Math.min(w.w / 2, ROW_CLICK_X) : w.x + w.w / 2;
      app.click(x, w.y + w.h / 2);
    }
    const listeners = [];
    function on(type, fn) {
      mirror.addEventListener(type, fn);
      listeners.push([type, fn]);
    }
    on('click', (e) => {
      const entry = widgetOf(e.target);
      if (entry && !TEXT_ROLES.has(entry.w.role)) activate(entry);
    });
    on('keydown', (e) => {
      const entry = widgetOf(e.target);
      if (!entry) return;
      const enter = e.key === 'Enter', space = e.key === ' ';
      if ((enter || space) && e.target.tagName !== 'BUTTON') {
        e.preventDefault();
        activate(entry);
      } else if (!enter && !space && e.key !== 'Tab') {
        app.key(e, true);  // the app's shortcuts and Escape work from the mirror too
      }
    });
    on('keyup', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ' && e.key !== 'Tab' && widgetOf(e.target)) app.key(e, false);
    });
    on('focusin', (e) => {
      const entry = widgetOf(e.target);
      if (!entry) return;
      kept = entry.w.id;
      app.focusWidget(entry.w.id);
      if (TEXT_ROLES.has(entry.w.role)) {
        // Typing goes to the app's text field, into the widget's InputText.
        textOrigin = entry.w.id;
        activate(entry);
        app.focusText(entry.w.label);
      }
    });
    on('focusout', (e) => {
      if (e.relatedTarget && !mirror.contains(e.relatedTarget) && !textOrigin) kept = null;
      if (!mirror.contains(e.relatedTarget) && !textOrigin) app.focusWidget('');
    });

    // The elements Tab stops at, in order.
    function stops() {
      return [...mirror.querySelectorAll('button, [tabindex="0"]')];
    }
    return {
      element: mirror,
      update,
      // The app's text field lost focus or moves on with Tab: true when the
      // focus went back into the mirror, after the textbox it came from.
      leaveText(backwards) {
        const origin = textOrigin;
        textOrigin = null;
        if (!origin) return false;
        const all = stops();
        const i = all.findIndex((el) => el.dataset.id === origin);
        const target = all[i + (backwards ? -1 : 1)];
        if (i < 0 || !target) {
          app.focusWidget('');
          return false;
        }
        target.focus({ preventScroll: true });
        return true;
      },
      textBlurred(to) {
        if (!textOrigin || mirror.contains(to)) return;
        textOrigin = null;
        app.focusWidget('');
      },
      destroy() {
        for (const [type, fn] of listeners) mirror.removeEventListener(type, fn);
        mirror.remove();
      },
    };
  }

  window.ChatsA11yMirror = { create };
})();
