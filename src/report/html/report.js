(function () {
  "use strict";
  var cases = Array.prototype.slice.call(document.querySelectorAll("details.case"));
  var failedOnly = document.getElementById("f-failed");
  var folder = document.getElementById("f-folder");
  var text = document.getElementById("f-text");
  var count = document.getElementById("f-count");

  function visible(c, needle) {
    var verdict = c.getAttribute("data-verdict");
    if (failedOnly.checked && verdict !== "failed" && verdict !== "error") {
      return false;
    }
    if (folder.value !== "" &&
        c.getAttribute("data-folders").split(" ").indexOf(folder.value) < 0) {
      return false;
    }
    var summary = c.querySelector("summary");
    return needle === "" || summary.textContent.toLowerCase().indexOf(needle) >= 0;
  }

  function apply() {
    var needle = text.value.trim().toLowerCase();
    var shown = 0;
    cases.forEach(function (c) {
      var ok = visible(c, needle);
      c.hidden = !ok;
      if (ok) {
        shown += 1;
      }
    });
    count.textContent = "showing " + shown + " of " + cases.length + " requests";
  }

  failedOnly.addEventListener("change", apply);
  folder.addEventListener("change", apply);
  text.addEventListener("input", apply);
  document.getElementById("filters").addEventListener("submit", function (e) {
    e.preventDefault();
  });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-folder]"), function (b) {
    b.addEventListener("click", function () {
      folder.value = b.getAttribute("data-folder");
      apply();
      document.getElementById("cases").scrollIntoView();
    });
  });
  apply();
})();
