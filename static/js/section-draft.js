/*
 * Nothing typed is lost to a closed tab or an expired session: the section edit form keeps a
 * copy of its title, text, change note and ticked principles in this browser's localStorage, per
 * section and base revision, and offers to restore it when the form is opened again with other
 * content (strategy/_draft.html).
 *
 * - Kept every second while the text differs from what the server put in the form, and when
 *   the page is hidden; not kept while it is unchanged.
 * - On «Save» the copy is marked submitted. A successful save leads to the section page; there
 *   the copy is dropped once the section is past its base revision and the last save was mine.
 *   If the save did not go through (a conflict, an error, a session that had ended and a new
 *   sign-in) the form comes back and the copy is offered again.
 * - Restoring a copy started from an older revision also puts that revision back in the form, so
 *   the save is judged against the revision the text was written on (no silent overwrite).
 *
 * Progressive enhancement, CSP-safe: no inline script or style; without JavaScript or storage
 * nothing changes.
 */
(function () {
  "use strict";

  var marker = document.getElementById("rascunho-estado");
  var store = null;
  try {
    store = window.localStorage;
  } catch (error) {
    store = null;  // storage disabled: nothing to keep
  }
  if (!marker || !store) {
    return;
  }
  var PREFIX = "smartcities:rascunho:seccao:" + marker.getAttribute("data-section") + ":";
  var FIELDS = ["title", "body", "change_note"];

  function drafts() {
    var found = [];
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        try {
          var draft = JSON.parse(store.getItem(key));
          draft.key = key;
          found.push(draft);
        } catch (error) {
          store.removeItem(key);
        }
      }
    }
    return found.sort(function (a, b) { return b.savedAt - a.savedAt; });
  }

  var form = document.querySelector("form.section-form");
  if (!form) {
    // The section page: drop the copies whose save went through.
    var revision = parseInt(marker.getAttribute("data-revision"), 10);
    var mine = marker.getAttribute("data-mine") === "true";
    drafts().forEach(function (draft) {
      if (draft.submitted && mine && draft.base < revision) {
        store.removeItem(draft.key);
      }
    });
    return;
  }

  var baseInput = form.querySelector("[name=base_revision]");
  if (!baseInput) {
    return;
  }

  function field(name) { return form.elements.namedItem(name); }

  // The ticked principles, as one comparable string of their ids.
  function principleBoxes() {
    return Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name=principles]"));
  }

  function values() {
    var result = {};
    FIELDS.forEach(function (name) {
      var input = field(name);
      result[name] = input ? input.value : "";
    });
    result.principles = principleBoxes()
      .filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; })
      .sort()
      .join(",");
    return result;
  }

  function same(a, b) {
    return FIELDS.concat(["principles"]).every(function (name) {
      return (a[name] || "") === (b[name] || "");
    });
  }

  var fromServer = values();
  var lastKept = null;

  function keyFor() { return PREFIX + baseInput.value; }

  function keep(submitted) {
    var now = values();
    if (same(now, fromServer)) {
      if (lastKept) {
        store.removeItem(keyFor());
        lastKept = null;
      }
      return;
    }
    if (!submitted && lastKept && same(now, lastKept)) {
      return;
    }
    var draft = { base: parseInt(baseInput.value, 10), savedAt: Date.now(), submitted: !!submitted };
    FIELDS.concat(["principles"]).forEach(function (name) { draft[name] = now[name]; });
    try {
      store.setItem(keyFor(), JSON.stringify(draft));
      lastKept = now;
    } catch (error) {
      // Storage full or refused: the form still works.
    }
  }

  function setField(name, text) {
    var input = field(name);
    if (!input) {
      return;
    }
    input.value = text;
    var wrapper = input.parentNode && input.parentNode.querySelector(".CodeMirror");
    if (name === "body" && wrapper && wrapper.CodeMirror) {
      wrapper.CodeMirror.setValue(text);  // the Markdown editor (EasyMDE) shows the text
    }
  }

  // A copy offered: the newest one of this section whose text differs from the form's.
  var offered = null;
  drafts().forEach(function (draft) {
    if (!offered && !same(draft, fromServer)) {
      offered = draft;
    } else if (same(draft, fromServer)) {
      store.removeItem(draft.key);  // the form already holds that text
    }
  });

  var notice = document.getElementById("rascunho-aviso");
  var done = document.getElementById("rascunho-feito");

  function finish(text) {
    notice.hidden = true;
    if (done) {
      done.textContent = text;
      done.hidden = false;
    }
  }

  if (offered && notice) {
    var when = notice.querySelector("[data-draft-when]");
    var savedAt = new Date(offered.savedAt);
    when.setAttribute("datetime", savedAt.toISOString());
    when.textContent = savedAt.toLocaleString(document.documentElement.lang || undefined);
    notice.querySelector("[data-draft-older]").hidden = !(offered.base < parseInt(baseInput.value, 10));
    notice.hidden = false;
    notice.querySelector("[data-draft-restore]").addEventListener("click", function () {
      FIELDS.forEach(function (name) { setField(name, offered[name] || ""); });
      if (typeof offered.principles === "string") {
        var ticked = offered.principles ? offered.principles.split(",") : [];
        principleBoxes().forEach(function (box) { box.checked = ticked.indexOf(box.value) >= 0; });
      }
      baseInput.value = String(offered.base);
      store.removeItem(offered.key);
      lastKept = null;
      keep(false);
      finish(done ? done.getAttribute("data-restored-text") : "");
      var body = field("body");
      var wrapper = body && body.parentNode.querySelector(".CodeMirror");
      if (wrapper && wrapper.CodeMirror) {
        wrapper.CodeMirror.focus();
      } else if (body) {
        body.focus();
      }
    });
    notice.querySelector("[data-draft-discard]").addEventListener("click", function () {
      store.removeItem(offered.key);
      finish(done ? done.getAttribute("data-discarded-text") : "");
    });
  }

  window.setInterval(function () { keep(false); }, 1000);
  form.addEventListener("input", function () { keep(false); });
  form.addEventListener("change", function () { keep(false); });
  form.addEventListener("submit", function () { keep(true); });
  window.addEventListener("pagehide", function () { keep(false); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      keep(false);
    }
  });
})();
