/* Deal workspace: keep open forms' versions current after this tab's own saves, and save a
   checklist status as soon as it is picked. */
(function () {
  "use strict";
  // After a save moves the deal from version n to n+1, forms that were based on n saw every
  // change there is (the only one was ours); forms based on older versions stay stale on purpose.
  document.body.addEventListener("dp-saved", function (event) {
    var from = String(event.detail.from), to = String(event.detail.to);
    document.querySelectorAll('input[name="version"]').forEach(function (input) {
      if (input.value === from) { input.value = to; }
    });
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches(".dp-seg input[type=radio]") && target.form) {
      target.form.requestSubmit();
    }
  });
})();
