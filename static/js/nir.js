/* The social security number (NIR) rule, shared by « Vérifier mes numéros » and the letter builder.
   13 characters and a 2-digit key = 97 - (the 13 characters mod 97), where Corsica's 2A counts as 19
   and 2B as 18. Runs in the browser only: nothing is sent, nothing is stored. */
(function () {
  "use strict";

  function compact(value) {
    return value.replace(/[\s.\-\u00a0]/g, "").toUpperCase();
  }

  // "" when the number is well formed and its key right; else "empty", "length", "format" or "key".
  function nirProblem(raw) {
    var value = compact(raw);
    if (!value) { return "empty"; }
    if (value.length !== 15) { return "length"; }
    if (!/^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$/.test(value)) { return "format"; }
    var body = value.slice(0, 13).replace("2A", "19").replace("2B", "18");
    return 97 - (Number(body) % 97) === Number(value.slice(13)) ? "" : "key";
  }

  window.ATemps = window.ATemps || {};
  window.ATemps.compact = compact;
  window.ATemps.nirProblem = nirProblem;
})();
