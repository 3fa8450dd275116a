/* « Vérifier mes numéros »: checks run here, in the browser. Nothing is sent:
   no form, no request, no storage. Messages come translated from the page. */
(function () {
  "use strict";

  var root = document.getElementById("checker");
  if (!root) { return; }
  root.hidden = false;

  function message(key, count) {
    var text = root.getAttribute("data-" + key) || "";
    return text.replace("__N__", String(count));
  }

  var compact = window.ATemps.compact;  // static/js/nir.js

  // The NIR rule itself is in static/js/nir.js, shared with the letter builder.
  function checkNir(raw) {
    var problem = window.ATemps.nirProblem(raw);
    if (problem === "empty") { return { state: "empty", text: message("empty") }; }
    if (problem) { return { state: "bad", text: message("nir-" + problem, compact(raw).length) }; }
    return { state: "ok", text: message("nir-ok") };
  }

  function checkCode(raw) {
    var value = compact(raw);
    if (!value) { return { state: "empty", text: message("empty") }; }
    if (!/^[0-9A-Z]+$/.test(value)) { return { state: "bad", text: message("code-format") }; }
    if (value.length !== 12) { return { state: "bad", text: message("code-length", value.length) }; }
    return { state: "ok", text: message("code-ok") };
  }

  function checkSerial(raw, type) {
    var value = compact(raw);
    if (!value) { return { state: "empty", text: message("empty") }; }
    if (!/^[0-9]+$/.test(value)) { return { state: "bad", text: message("serial-format") }; }
    if (type === "photo" && value.length !== 11) {
      return { state: "bad", text: message("serial-length-photo", value.length) };
    }
    if (type === "nophoto" && value.length !== 8 && value.length !== 13) {
      return { state: "bad", text: message("serial-length-nophoto", value.length) };
    }
    return { state: "ok", text: message("serial-ok") };
  }

  function show(input, result) {
    var output = document.getElementById(input.id + "-result");
    output.textContent = result.text;
    output.className = "check-result check-result--" + result.state;
    input.setAttribute("aria-invalid", result.state === "bad" ? "true" : "false");
  }

  var nir = document.getElementById("check-nir");
  var code = document.getElementById("check-code");
  var serial = document.getElementById("check-serial");

  function cardType() {
    var checked = root.querySelector("input[name=card-type]:checked");
    return checked ? checked.value : "photo";
  }

  nir.addEventListener("input", function () { show(nir, checkNir(nir.value)); });
  code.addEventListener("input", function () { show(code, checkCode(code.value)); });
  serial.addEventListener("input", function () { show(serial, checkSerial(serial.value, cardType())); });
  Array.prototype.forEach.call(root.querySelectorAll("input[name=card-type]"), function (radio) {
    radio.addEventListener("change", function () { show(serial, checkSerial(serial.value, cardType())); });
  });
})();
