// Filters the list of programs in place, without any request: the static list and the
// directory pages work without this script; it only shows its form when it runs.
(function () {
  "use strict";
  var form = document.getElementById("program-filter");
  if (!form) {
    return;
  }
  var cards = Array.prototype.slice.call(document.querySelectorAll(".cards > li"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var status = document.getElementById("filter-status");
  var count = document.getElementById("result-count");

  function matches(card) {
    return selects.every(function (select) {
      if (!select.value) {
        return true;
      }
      var values = (card.getAttribute("data-" + select.getAttribute("data-filter")) || "");
      return values.split(" ").indexOf(select.value) !== -1;
    });
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card);
      card.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    var text = status.getAttribute("data-count-" + shown) || String(shown);
    status.textContent = text;
    if (count) {
      count.textContent = text;
    }
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
}());
