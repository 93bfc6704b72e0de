/*
 * The presence heartbeat (core/_presence.html) is htmx polling: this only stops it when the edit
 * form is sent. Leaving the form means no more heartbeats, so a late one cannot put the editor
 * back on the others' list after the save took them off. The edit form is the one holding the
 * base_revision field the heartbeat sends.
 *
 * Progressive enhancement, CSP-safe: without JavaScript there is no heartbeat to stop.
 */
(function () {
  "use strict";

  var heartbeat = document.querySelector("form.presence-heartbeat");
  var base = document.querySelector("form:not(.presence-heartbeat) [name=base_revision]");
  if (!heartbeat || !base || !base.form) {
    return;
  }
  base.form.addEventListener("submit", function () {
    heartbeat.remove();  // htmx stops polling an element that is gone
  });
})();
