// Framelens classroom sessions: the live dashboard and projector view
// (server-sent events), and the student's marking of selected words.
// The pages render on the server; this script only follows changes and
// turns a text selection into byte offsets of the stored article.
(function () {
  "use strict";

  var encoder = new TextEncoder();
  function utf8Length(s) { return encoder.encode(s).length; }

  // follow opens the session's stream. EventSource reconnects by itself
  // after a dropped connection, and every connection starts with the
  // current state, so a page never misses a change for long.
  function follow(root, onState) {
    var url = root.dataset.stream;
    if (!url || !window.EventSource) { return; }
    var status = document.querySelector("[data-stream-status]");
    function show(text, live) {
      if (!status) { return; }
      status.textContent = text;
      status.classList.toggle("is-live", live);
      status.classList.toggle("is-down", !live);
    }
    function connect() {
      var es = new EventSource(url);
      es.addEventListener("open", function () { show("Live: updates as students mark", true); });
      es.addEventListener("state", function (e) { onState(JSON.parse(e.data)); });
      es.addEventListener("error", function () {
        show("Connection lost; reconnecting…", false);
        if (es.readyState === EventSource.CLOSED) {
          // The server refused (a restart, a logout): try again later.
          setTimeout(connect, 5000);
        }
      });
    }
    connect();
  }

  function setCounts(state) {
    document.querySelectorAll("[data-count]").forEach(function (el) {
      el.textContent = String(state[el.dataset.count] || 0);
    });
  }

  // The teacher's dashboard: counts at once, the rest fetched as HTML,
  // at most every half second however many students mark at once.
  var live = document.getElementById("live");
  if (live) {
    var timer = null;
    var asked = 0;
    var refresh = function () {
      timer = null;
      // Only the newest answer is shown: an older one arriving late
      // would put back a state the class has left.
      var mine = ++asked;
      fetch(live.dataset.liveUrl, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (r) {
          // Sent elsewhere (the login ended): show that page instead.
          if (r.redirected) { location.reload(); return null; }
          return r.ok ? r.text() : null;
        })
        .then(function (html) { if (html !== null && mine === asked) { live.innerHTML = html; } })
        .catch(function () {});
    };
    follow(live, function (state) {
      if (state.phase !== live.dataset.phase) { location.reload(); return; }
      setCounts(state);
      if (!timer) { timer = setTimeout(refresh, 500); }
    });
  }

  var projector = document.querySelector(".projector[data-stream]");
  if (projector) {
    follow(projector, function (state) {
      if (state.phase !== projector.dataset.phase) { location.reload(); return; }
      setCounts(state);
    });
  }

  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-print]")) { window.print(); }
  });

  // The student's page.
  var read = document.getElementById("read");
  if (!read) { return; }
  var session = read.dataset.session;
  var pending = null;

  function refreshRead() {
    return fetch(location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (r) {
        if (r.redirected || !r.ok) { location.reload(); return null; }
        return r.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("read");
        if (!fresh) { return; }
        read.dataset.phase = fresh.dataset.phase;
        read.innerHTML = fresh.innerHTML;
      })
      .catch(function () {});
  }

  follow(read, function (state) {
    if (state.phase !== read.dataset.phase) { refreshRead(); }
  });

  // firstPiece and lastPiece find the text pieces at or after, and at or
  // before, a node, in document order.
  function firstPiece(node) {
    for (var n = node; n; n = n.nextSibling) {
      if (n.nodeType !== 1) { continue; }
      if (n.matches("[data-s]")) { return n; }
      var inner = n.querySelector("[data-s]");
      if (inner) { return inner; }
    }
    return null;
  }
  function lastPiece(node) {
    for (var n = node; n; n = n.previousSibling) {
      if (n.nodeType !== 1) { continue; }
      if (n.matches("[data-s]")) { return n; }
      var all = n.querySelectorAll("[data-s]");
      if (all.length) { return all[all.length - 1]; }
    }
    return null;
  }

  // offsetOf turns one end of a selection into a byte offset of the
  // article's stored text. Each piece carries its byte offset (data-s);
  // within it, the characters before the point are counted in UTF-8. An
  // outlet's alias stands for the whole name, so it is taken whole.
  function offsetOf(node, offset, isEnd) {
    if (node.nodeType === 3) {
      var piece = node.parentElement && node.parentElement.closest("[data-s]");
      if (!piece) { return null; }
      if (piece.hasAttribute("data-alias")) {
        var atEnd = isEnd ? offset > 0 : offset >= node.data.length;
        return Number(atEnd ? piece.dataset.e : piece.dataset.s);
      }
      return Number(piece.dataset.s) + utf8Length(node.data.slice(0, offset));
    }
    if (node.nodeType !== 1) { return null; }
    if (node.matches("[data-s]")) { return Number(offset === 0 ? node.dataset.s : node.dataset.e); }
    if (!isEnd) {
      var next = firstPiece(node.childNodes[offset] || null);
      return next ? Number(next.dataset.s) : null;
    }
    var prev = lastPiece(node.childNodes[offset - 1] || null);
    return prev ? Number(prev.dataset.e) : null;
  }

  function bodyOf(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    return el ? el.closest("[data-body]") : null;
  }

  function panel() { return read.querySelector("[data-mark-form]"); }

  function takeSelection() {
    var form = panel();
    var sel = document.getSelection();
    if (!form || !sel || sel.isCollapsed || !sel.rangeCount) { return; }
    var range = sel.getRangeAt(0);
    var body = bodyOf(range.startContainer);
    if (!body || body !== bodyOf(range.endContainer)) { return; }
    var start = offsetOf(range.startContainer, range.startOffset, false);
    var end = offsetOf(range.endContainer, range.endOffset, true);
    var text = sel.toString().replace(/\s+/g, " ").trim();
    if (start === null || end === null || end <= start || !text) { return; }
    pending = { article: Number(body.dataset.body), start: start, end: end };
    form.querySelector("[data-selected]").textContent = text.length > 140 ? text.slice(0, 140) + "…" : text;
    form.querySelector("[data-mark-error]").textContent = "";
    form.hidden = false;
    // The panel sits at the bottom of the screen: keep the words above it.
    var rect = range.getBoundingClientRect();
    var room = window.innerHeight - form.offsetHeight - 12;
    if (rect.bottom > room) { window.scrollBy(0, rect.bottom - room); }
  }

  var selTimer = null;
  document.addEventListener("selectionchange", function () {
    clearTimeout(selTimer);
    // Touch selection moves in steps; wait until it rests.
    selTimer = setTimeout(takeSelection, 200);
  });

  function closePanel() {
    var form = panel();
    pending = null;
    if (form) { form.hidden = true; form.reset(); }
  }

  function sendJSON(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.ok) { return null; }
      return r.json().then(function (e) { return e.error || "That did not work."; },
        function () { return "That did not work (" + r.status + ")."; });
    });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target.closest("[data-mark-form]");
    if (!form) { return; }
    e.preventDefault();
    if (!pending) { return; }
    var body = { article_id: pending.article, start: pending.start, end: pending.end, note: form.elements.note.value };
    if (form.elements.concept_id.value) { body.concept_id = Number(form.elements.concept_id.value); }
    var button = form.querySelector("[type=submit]");
    button.disabled = true;
    sendJSON("POST", "/api/sessions/" + session + "/marks", body).then(function (err) {
      button.disabled = false;
      if (err) { form.querySelector("[data-mark-error]").textContent = err; return; }
      closePanel();
      var sel = document.getSelection();
      if (sel) { sel.removeAllRanges(); }
      refreshRead();
    }, function () {
      button.disabled = false;
      form.querySelector("[data-mark-error]").textContent = "No connection. Your selection is kept; try again.";
    });
  });

  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-mark-cancel]")) { closePanel(); return; }
    // Phones have no hover: a tap on a lexicon wording says what it is.
    var lex = e.target.closest(".lex[title]");
    var tip = read.querySelector("[data-lex-tip]");
    if (lex && tip && document.getSelection().isCollapsed) {
      tip.textContent = lex.title;
      tip.hidden = false;
      return;
    }
    var undo = e.target.closest("[data-undo]");
    if (!undo) { return; }
    undo.disabled = true;
    sendJSON("DELETE", "/api/sessions/" + session + "/marks/" + undo.dataset.undo).then(function (err) {
      if (err) { undo.disabled = false; window.alert(err); return; }
      refreshRead();
    });
  });
})();
