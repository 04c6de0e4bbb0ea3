// The pipeline board: drag a card onto another stage's column to move the deal there.
// The move is an ordinary htmx POST of the card's own form (same version check as the deal page);
// the server answers with the card, which this script then places in the column of its stage.
(function () {
  "use strict";
  var dragged = null;

  function columnOf(stage) {
    return document.querySelector('.pl-column[data-stage="' + stage + '"] .pl-cards');
  }

  function place(card) {
    var column = card && columnOf(card.dataset.stage);
    if (column && card.parentElement !== column) {
      column.insertBefore(card, column.firstChild);
    }
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".pl-card");
    if (!card) { return; }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest && event.target.closest(".pl-column")) {
      event.preventDefault();
    }
  });

  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".pl-column");
    if (!dragged || !column) { return; }
    event.preventDefault();
    var card = dragged;
    dragged = null;
    if (column.dataset.stage === card.dataset.stage) { return; }
    var form = card.querySelector("form.pl-move");
    form.querySelector('select[name="stage"]').value = column.dataset.stage;
    column.querySelector(".pl-cards").insertBefore(card, column.querySelector(".pl-cards").firstChild);
    window.htmx.trigger(form, "submit");
  });

  // A refused move (409 stale, 400, 422) still answers with the card: show it, it says why.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 409 || status === 400 || status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var card = target && target.id ? document.getElementById(target.id) : null;
    if (card && card.classList.contains("pl-card")) { place(card); }
  });
})();
