// The review's Print button: a listener here, not an onclick attribute, because the
// Content-Security-Policy allows no inline script.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
