// Date fields (optout/dates_field.py): as one types, say in words how the date is read, day first.
// Without JavaScript the server says it with every answer; this only says it sooner.
(function () {
  const lang = (document.documentElement.lang || "fr").startsWith("fr") ? "fr-FR" : "en-GB";
  const words = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

  function read(text) {
    const value = text.trim();
    let match = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    let year, month, day;
    if (match) {
      [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    } else {
      match = value.match(/^(\d{1,2})[\/.\- ](\d{1,2})[\/.\- ](\d{2}|\d{4})$/);
      if (!match) return null;
      [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
      if (year < 100) year += 2000;
    }
    const date = new Date(Date.UTC(year, month - 1, day, 12));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    return date;
  }

  document.querySelectorAll("[data-date-echo]").forEach((echo) => {
    const field = document.getElementById(echo.dataset.dateEcho);
    if (!field) return;
    const template = echo.dataset.template || "%(day)s";
    field.addEventListener("input", () => {
      const date = read(field.value);
      let said = date ? words.format(date) : "";
      if (date && lang === "fr-FR" && date.getUTCDate() === 1) said = said.replace(/ 1 /, " 1er ");
      echo.textContent = date ? template.replace("%(day)s", said) : "";
    });
  });
})();
