/* The written request and the CNIL complaint, built here, in the browser. What the person types
   fills the blanks of the document on the page (#builder → [data-document]); nothing leaves the
   browser: no form, no request, no storage. The email version is composed from the document's
   [data-email] parts. Messages come translated from the page. Without JavaScript, the document
   prints with dotted lines to fill in by hand. */
(function () {
  "use strict";

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  // Without this class, a document shows every variant of a sentence, for the reader to keep one by hand.
  document.documentElement.classList.add("js");

  // Every printable page (the letter, the complaint, the timeline) gets its print button.
  each(document.querySelectorAll("[data-action=print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var builder = document.getElementById("builder");
  if (!builder) { return; }
  var doc = document.getElementById(builder.getAttribute("data-document"));
  builder.hidden = false;

  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre"];

  // The letter is in French whatever the page's language: « 1er juillet 2026 ». A date is typed day first
  // (05/02/2022, as letters print it) or as an ISO date; anything else leaves the blank empty.
  function frenchDate(text) {
    var value = (text || "").trim();
    var parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
    var year, month, day;
    if (parts) {
      year = Number(parts[1]); month = Number(parts[2]); day = Number(parts[3]);
    } else {
      parts = /^(\d{1,2})[\/.\- ](\d{1,2})[\/.\- ](\d{2}|\d{4})$/.exec(value);
      if (!parts) { return ""; }
      day = Number(parts[1]); month = Number(parts[2]); year = Number(parts[3]);
      if (year < 100) { year += 2000; }
    }
    var check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) { return ""; }
    return (day === 1 ? "1er" : String(day)) + " " + MONTHS[month - 1] + " " + year;
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function todayDayFirst() {
    var now = new Date();
    return pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
  }

  function message(key, count) {
    return (builder.getAttribute("data-" + key) || "").replace("__N__", String(count));
  }

  // Each blank, with what it shows while empty (a dotted line, or a date we already know).
  var slots = [];
  each(doc.querySelectorAll("[data-slot]"), function (slot) { slots.push({ node: slot, empty: slot.innerHTML }); });

  function fill(name, value) {
    slots.forEach(function (slot) {
      if (slot.node.getAttribute("data-slot") !== name) { return; }
      if (value) {
        slot.node.textContent = value;
        slot.node.classList.add("is-filled");
      } else {
        slot.node.innerHTML = slot.empty;
        slot.node.classList.toggle("is-filled", slot.node.hasAttribute("data-known"));
      }
    });
  }

  function visible(element) {
    return !element.closest("[hidden]");
  }

  // The words of a part of the document, blanks still to fill shown as « … ».
  function textOf(node) {
    var out = "";
    each(node.childNodes, function (child) {
      if (child.nodeType === 3) { out += child.data.replace(/\s+/g, " "); return; }
      if (child.nodeType !== 1 || child.hidden || child.classList.contains("visually-hidden")) { return; }
      if (child.tagName === "BR") { out += "\n"; return; }
      if (child.classList.contains("variant--either") && child.previousElementSibling &&
          child.previousElementSibling.classList.contains("variant--either")) { out += " / "; }
      if (child.hasAttribute("data-slot")) {
        out += child.classList.contains("is-filled") ? child.textContent.trim() : "…";
        return;
      }
      out += textOf(child);
    });
    return out;
  }

  var emailSubject = document.getElementById("email-subject");
  var emailText = document.getElementById("email-text");

  // Parts that only make sense once a blank is filled (« reçue le … » without a delivery date).
  function needs() {
    each(doc.querySelectorAll("[data-needs]"), function (part) {
      var slot = doc.querySelector("[data-slot=" + part.getAttribute("data-needs") + "]");
      part.hidden = !slot || !slot.classList.contains("is-filled");
    });
  }

  function compose() {
    needs();
    var subject = doc.querySelector("[data-subject]");
    if (emailSubject && subject) { emailSubject.value = textOf(subject).trim(); }
    if (!emailText) { return; }
    var text = "";
    var previous = null;
    each(doc.querySelectorAll("[data-email]"), function (part) {
      if (!visible(part)) { return; }
      var line = textOf(part).replace(/ *\n */g, "\n").trim();
      if (part.tagName === "LI") { line = "– " + line; }
      if (previous) { text += previous === "LI" && part.tagName === "LI" ? "\n" : "\n\n"; }
      text += line;
      previous = part.tagName;
    });
    emailText.value = text;
  }

  function valueOf(input) {
    var value = input.value.trim();
    return input.getAttribute("data-format") === "date" ? frenchDate(value) : value;
  }

  each(builder.querySelectorAll("[data-fills]"), function (input) {
    if (input.getAttribute("data-default") === "today" && !input.value) { input.value = todayDayFirst(); }
    var update = function () { fill(input.getAttribute("data-fills"), valueOf(input)); compose(); };
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    if (input.value) { fill(input.getAttribute("data-fills"), valueOf(input)); }
  });

  // Radios that choose a variant: the document's [data-when-<group>] parts show for their values.
  // A group left unchosen (« représentant » or « représentante ») shows every variant, with a slash.
  function toggle(group) {
    var checked = builder.querySelector("input[data-toggles=" + group + "]:checked");
    var open = !checked && builder.querySelector("input[data-toggles=" + group + "][data-open]");
    each(doc.querySelectorAll("[data-when-" + group + "]"), function (part) {
      var values = part.getAttribute("data-when-" + group).split(" ");
      part.hidden = !open && (!checked || values.indexOf(checked.value) === -1);
      part.classList.toggle("variant--either", Boolean(open));
    });
  }
  var groups = {};
  each(builder.querySelectorAll("[data-toggles]"), function (radio) {
    var group = radio.getAttribute("data-toggles");
    groups[group] = true;
    radio.addEventListener("change", function () { toggle(group); compose(); });
  });
  Object.keys(groups).forEach(toggle);

  // The social security number's key, checked as it is typed (static/js/nir.js).
  var nir = builder.querySelector("[data-nir]");
  if (nir && window.ATemps) {
    var result = document.getElementById(nir.id + "-result");
    nir.addEventListener("input", function () {
      var problem = window.ATemps.nirProblem(nir.value);
      var length = window.ATemps.compact(nir.value).length;
      result.textContent = problem === "empty" ? "" : message(problem ? "nir-" + problem : "nir-ok", length);
      result.className = "check-result check-result--" + (problem === "empty" ? "empty" : problem ? "bad" : "ok");
      nir.setAttribute("aria-invalid", problem && problem !== "empty" ? "true" : "false");
    });
  }

  var status = document.getElementById("copy-status");
  each(builder.querySelectorAll("[data-action=copy]"), function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var said = function (ok) { status.textContent = message(ok ? "copied" : "copy-failed"); };
      var byHand = function () {
        field.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
        said(ok);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(function () { said(true); }, byHand);
      } else {
        byHand();
      }
    });
  });

  compose();
})();
