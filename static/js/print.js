// "Imprimer" buttons: shown only when JavaScript runs; without it, the page says to use the browser's own command.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
