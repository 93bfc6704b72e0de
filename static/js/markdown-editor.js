/*
 * Markdown editor for section text: EasyMDE (static/vendor/easymde) on top of
 * every <textarea class="markdown-editor">.
 *
 * Progressive enhancement: without JavaScript, or if EasyMDE failed to load,
 * the plain textarea stays and is submitted as it is. With it, the textarea is
 * kept in sync (forceSync), so the form posts exactly what the editor shows.
 *
 * The preview is rendered by the server (the form's data-preview-url, asked through htmx), the
 * same sanitised HTML the section page shows; nothing is rendered in the browser.
 *
 * Works under the portal's CSP: no inline scripts or style attributes; every
 * element is built with DOM calls and styled by classes in portal.css.
 */
(function () {
  "use strict";

  /* The words come from the pt-PT catalogue (locale/pt_PT/LC_MESSAGES/djangojs.po) through
     Django's JavaScript catalogue (the javascript-catalog view, loaded before this file);
     without it, the English source strings are shown. */
  function gettext(text) {
    return window.gettext ? window.gettext(text) : text;
  }

  function texts() {
    return {
      heading: gettext("Heading"),
      bold: gettext("Bold"),
      italic: gettext("Italic"),
      list: gettext("List"),
      orderedList: gettext("Numbered list"),
      link: gettext("Link"),
      table: gettext("Table"),
      quote: gettext("Quote"),
      preview: gettext("Preview"),
      sideBySide: gettext("Side by side"),
      guide: gettext("Markdown help"),
      toolbar: gettext("Formatting"),
      previewRegion: gettext("Preview"),
      loading: gettext("Loading the preview…"),
      previewError: gettext("The preview could not be loaded. Try again in a moment; your text is not lost."),
      helpIntro: gettext("The text is written in Markdown. Type:"),
      helpRows: [
        [gettext("# Heading\n## Subheading"), gettext("heading and subheading (the number of # gives the level)")],
        [gettext("**bold**"), gettext("bold")],
        [gettext("*italic*"), gettext("italic")],
        [gettext("- item\n- item"), gettext("list, one item per line")],
        [gettext("1. item\n2. item"), gettext("numbered list")],
        [gettext("[text](https://example.org)"), gettext("link")],
        [gettext("> quoted text"), gettext("quote")],
        ["| A | B |\n| --- | --- |\n| 1 | 2 |", gettext("table: columns separated by |, with a line of hyphens under the header")]
      ],
      helpParagraphs: gettext("Leave a blank line between paragraphs."),
      helpKeyboard: gettext("Keyboard: Tab leaves the editor and Shift+Tab goes back; in the formatting toolbar, the ← and → arrows move between buttons. In the text: Ctrl+B bold, Ctrl+I italic, Ctrl+K link, Ctrl+P preview, F9 side by side; Ctrl+] and Ctrl+[ increase and decrease the indent (of a sub-list, for instance). On a Mac, use ⌘ instead of Ctrl.")
    };
  }

  /* Buttons whose "active" class EasyMDE toggles: exposed as aria-pressed. */
  var TOGGLE_BUTTONS = ["heading", "bold", "italic", "unordered-list", "ordered-list", "quote", "preview", "side-by-side"];

  var PREVIEW_DELAY_MS = 300;


  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  /* ---------- server-side preview ---------- */

  function makePreviewRender(form, t) {
    var url = form.getAttribute("data-preview-url");
    var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
    var states = new WeakMap();

    function decorate(preview) {
      if (preview.hasAttribute("data-decorated")) {
        return;
      }
      preview.setAttribute("data-decorated", "");
      preview.setAttribute("role", "region");
      preview.setAttribute("aria-label", t.previewRegion);
      // A scrolling region must be reachable by keyboard (WCAG 2.1.1).
      preview.tabIndex = 0;
    }

    function showError(preview, state) {
      state.shown = undefined;
      var p = document.createElement("p");
      p.className = "markdown-editor-error";
      p.textContent = t.previewError;
      preview.replaceChildren(p);
      preview.removeAttribute("aria-busy");
    }

    /* Through htmx (static/vendor/htmx): the server answers with the sanitised HTML fragment
       (strategy/section_edit.html#markdown-preview), swapped into the preview. A newer text
       waits for the request in flight and only the last one is sent (htmx's queue «last»). */
    function listen(preview, state) {
      preview.addEventListener("htmx:afterRequest", function (event) {
        if (event.detail.elt !== preview) {
          return;
        }
        if (event.detail.successful) {
          state.shown = state.requested;
          preview.removeAttribute("aria-busy");
        } else {
          showError(preview, state);
        }
      });
    }

    function request(preview, state, text) {
      if (!state.listening) {
        listen(preview, state);
        state.listening = true;
      }
      state.requested = text;
      var headers = {};
      if (tokenInput) {
        headers["X-CSRFToken"] = tokenInput.value;
      }
      window.htmx.ajax("POST", url, {
        source: preview,
        target: preview,
        swap: "innerHTML",
        values: { body: text },
        headers: headers
      });
    }

    /* EasyMDE calls this when the preview opens and, side by side, on every
       editor update. What it returns (if not null) becomes preview.innerHTML. */
    return function previewRender(plainText, preview) {
      decorate(preview);
      var state = states.get(preview);
      if (!state) {
        state = {};
        states.set(preview, state);
      }
      clearTimeout(state.timer);
      if (plainText === state.shown) {
        preview.removeAttribute("aria-busy");
        return null;
      }
      preview.setAttribute("aria-busy", "true");
      state.timer = setTimeout(function () {
        request(preview, state, plainText);
      }, PREVIEW_DELAY_MS);
      if (state.shown !== undefined && preview.classList.contains("editor-preview-active-side")) {
        return null;  // while typing side by side, keep the last preview until the new one arrives
      }
      state.shown = undefined;
      return '<p class="markdown-editor-loading">' + escapeHtml(t.loading) + "</p>";
    };
  }

  /* ---------- in-page Markdown help (instead of EasyMDE's external guide) ---------- */

  function buildHelp(id, t) {
    var details = document.createElement("details");
    details.className = "markdown-help";
    details.id = id;
    var summary = document.createElement("summary");
    summary.textContent = t.guide;
    details.appendChild(summary);

    var intro = document.createElement("p");
    intro.textContent = t.helpIntro;
    details.appendChild(intro);

    var list = document.createElement("dl");
    t.helpRows.forEach(function (row) {
      var dt = document.createElement("dt");
      var code = document.createElement("code");
      code.textContent = row[0];
      dt.appendChild(code);
      var dd = document.createElement("dd");
      dd.textContent = row[1];
      list.appendChild(dt);
      list.appendChild(dd);
    });
    details.appendChild(list);

    [t.helpParagraphs, t.helpKeyboard].forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      details.appendChild(p);
    });
    return details;
  }

  /* ---------- toolbar: names, roles, keyboard (WAI-ARIA toolbar pattern) ---------- */

  function enhanceToolbar(easyMDE, t) {
    var toolbar = easyMDE.toolbar_div;
    if (!toolbar) {
      return;
    }
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", t.toolbar);
    toolbar.setAttribute("aria-controls", easyMDE.codemirror.getWrapperElement().id);

    Array.prototype.forEach.call(toolbar.querySelectorAll("i.separator"), function (separator) {
      separator.setAttribute("aria-hidden", "true");
    });

    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    buttons.forEach(function (button, index) {
      button.type = "button";
      // EasyMDE sets the title (with the shortcut); make sure the name is there too.
      if (!button.getAttribute("aria-label") && button.title) {
        button.setAttribute("aria-label", button.title.replace(/\s*\(.*\)$/, ""));
      }
      Array.prototype.forEach.call(button.querySelectorAll("i"), function (icon) {
        icon.setAttribute("aria-hidden", "true");
      });
      // EasyMDE gives every button tabindex=-1: make one of them a tab stop
      // (roving tabindex), the arrow keys move between them.
      button.tabIndex = index === 0 ? 0 : -1;
    });

    toolbar.addEventListener("focusin", function (event) {
      var current = event.target.closest("button");
      if (!current) {
        return;
      }
      buttons.forEach(function (button) {
        button.tabIndex = button === current ? 0 : -1;
      });
    });

    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      if (index < 0 || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var next;
      switch (event.key) {
        case "ArrowRight": next = (index + 1) % buttons.length; break;
        case "ArrowLeft": next = (index - 1 + buttons.length) % buttons.length; break;
        case "Home": next = 0; break;
        case "End": next = buttons.length - 1; break;
        default: return;
      }
      event.preventDefault();
      buttons[next].focus();
    });

    // Expose EasyMDE's visual states: "active" → aria-pressed, "disabled-for-preview" → aria-disabled.
    function syncState() {
      TOGGLE_BUTTONS.forEach(function (name) {
        var button = easyMDE.toolbarElements[name];
        if (button) {
          button.setAttribute("aria-pressed", button.classList.contains("active") ? "true" : "false");
        }
      });
      var disabled = toolbar.classList.contains("disabled-for-preview");
      buttons.forEach(function (button) {
        if (button.classList.contains("no-disable")) {
          return;
        }
        if (disabled) {
          button.setAttribute("aria-disabled", "true");
        } else {
          button.removeAttribute("aria-disabled");
        }
      });
    }
    syncState();
    new MutationObserver(syncState).observe(toolbar, {
      attributes: true,
      attributeFilter: ["class"],
      subtree: true
    });
  }

  /* ---------- one editor ---------- */

  function enhance(textarea, index) {
    if (textarea.hasAttribute("data-markdown-editor")) {
      return;
    }
    textarea.setAttribute("data-markdown-editor", "");
    var t = texts();
    var form = textarea.form;
    var canPreview = !!(form && form.getAttribute("data-preview-url") && window.htmx);
    var baseId = textarea.id || "markdown-editor-" + index;
    var helpId = baseId + "_ajuda";

    function openHelp() {
      var help = document.getElementById(helpId);
      if (!help) {
        return;
      }
      help.open = true;
      var summary = help.querySelector("summary");
      summary.focus();
      help.scrollIntoView({ block: "nearest" });
    }

    var toolbar = [
      { name: "heading", action: EasyMDE.toggleHeadingSmaller, className: "fa fa-header", title: t.heading },
      { name: "bold", action: EasyMDE.toggleBold, className: "fa fa-bold", title: t.bold },
      { name: "italic", action: EasyMDE.toggleItalic, className: "fa fa-italic", title: t.italic },
      { name: "unordered-list", action: EasyMDE.toggleUnorderedList, className: "fa fa-list-ul", title: t.list },
      { name: "ordered-list", action: EasyMDE.toggleOrderedList, className: "fa fa-list-ol", title: t.orderedList },
      { name: "link", action: EasyMDE.drawLink, className: "fa fa-link", title: t.link },
      { name: "table", action: EasyMDE.drawTable, className: "fa fa-table", title: t.table },
      { name: "quote", action: EasyMDE.toggleBlockquote, className: "fa fa-quote-left", title: t.quote }
    ];
    if (canPreview) {
      toolbar.push(
        "|",
        { name: "preview", action: EasyMDE.togglePreview, className: "fa fa-eye", title: t.preview, noDisable: true },
        { name: "side-by-side", action: EasyMDE.toggleSideBySide, className: "fa fa-columns", title: t.sideBySide, noDisable: true, noMobile: true }
      );
    }
    toolbar.push(
      "|",
      { name: "guide", action: openHelp, className: "fa fa-question-circle", title: t.guide, noDisable: true }
    );

    var options = {
      element: textarea,
      autoDownloadFontAwesome: false,
      spellChecker: false,
      nativeSpellcheck: true,
      status: ["lines", "words"],
      forceSync: true,
      inputStyle: "contenteditable",
      minHeight: "20rem",
      tabSize: 4,
      indentWithTabs: false,
      unorderedListStyle: "-",
      sideBySideFullscreen: false,
      // F11 stays the browser's own full screen: the editor's has no way out on the toolbar.
      shortcuts: { toggleFullScreen: null },
      toolbar: toolbar
    };
    if (canPreview) {
      options.previewRender = makePreviewRender(form, t);
      options.previewClass = ["editor-preview", "prose"];
    } else {
      options.previewRender = function () { return ""; };
    }

    var easyMDE;
    try {
      easyMDE = new EasyMDE(options);
    } catch (error) {
      // Keep the plain textarea working.
      if (window.console) {
        console.error("markdown-editor:", error);
      }
      return;
    }

    var cm = easyMDE.codemirror;

    // Tab and Shift+Tab move the focus out of the editor (WCAG 2.1.2, no keyboard trap);
    // Ctrl+] / Ctrl+[ still indent and outdent.
    var extraKeys = Object.assign({}, cm.getOption("extraKeys"), { "Tab": false, "Shift-Tab": false });
    cm.setOption("extraKeys", extraKeys);

    // CodeMirror's contenteditable input reads text that arrives without a key
    // press (an "insertText" input event: dictation, some input methods, browser
    // automation) from the DOM 80 ms later; a key pressed before then redraws
    // the line and loses it ("Visão" became "Viso"). Read it at once instead.
    var display = cm.display && cm.display.input;
    if (display && typeof display.updateFromDOM === "function") {
      cm.getInputField().addEventListener("input", function (event) {
        if (event.inputType === "insertText" && !event.isComposing && !display.composing) {
          display.updateFromDOM();
        }
      });
    }

    var wrapper = cm.getWrapperElement();
    wrapper.id = baseId + "_editor";
    var container = wrapper.closest(".EasyMDEContainer");
    if (container) {
      // role=application would switch screen readers out of browse mode for the
      // toolbar and the preview too; the text field below is a textbox.
      container.removeAttribute("role");
    }

    // Name, description and state of the editable field.
    var input = cm.getInputField();
    var label = textarea.id ? document.querySelector('label[for="' + textarea.id + '"]') : null;
    if (label) {
      if (!label.id) {
        label.id = textarea.id + "_label";
      }
      input.setAttribute("aria-labelledby", label.id);
      // The label points at the hidden textarea: send clicks to the editor.
      label.addEventListener("click", function (event) {
        event.preventDefault();
        cm.focus();
      });
    } else if (textarea.getAttribute("aria-label")) {
      input.setAttribute("aria-label", textarea.getAttribute("aria-label"));
    }
    input.setAttribute("role", "textbox");
    input.setAttribute("aria-multiline", "true");
    ["aria-describedby", "aria-invalid", "aria-required"].forEach(function (name) {
      if (textarea.hasAttribute(name)) {
        input.setAttribute(name, textarea.getAttribute(name));
      }
    });

    enhanceToolbar(easyMDE, t);

    var help = buildHelp(helpId, t);
    (container || wrapper).insertAdjacentElement("afterend", help);
    if (easyMDE.toolbarElements.guide) {
      easyMDE.toolbarElements.guide.setAttribute("aria-controls", helpId);
    }

    // Links to the textarea (the error summary's "#id_body") focus the editor.
    if (textarea.id) {
      document.addEventListener("click", function (event) {
        var link = event.target.closest('a[href="#' + textarea.id + '"]');
        if (link) {
          event.preventDefault();
          wrapper.scrollIntoView({ block: "center" });
          cm.focus();
        }
      });
      if (window.location.hash === "#" + textarea.id) {
        cm.focus();
      }
    }
  }

  function init() {
    if (typeof window.EasyMDE !== "function") {
      return;  // the library did not load: the plain textarea keeps working
    }
    Array.prototype.forEach.call(document.querySelectorAll("textarea.markdown-editor"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
