// Filters the list of programs in place, without any request. The list, its count and the
// directory pages (/en/programs/for/youth/) work without this script; it only shows its form
// when it runs.
//
// - One count: the visible count (#result-count) is also the polite live region, so the words
//   seen and the words announced are the same, and each change is announced once.
// - The choices live in the address (?audiences=youth&languages=fr), written with
//   history.replaceState and read back on load, so that a filtered list can be shared. A value
//   the form does not offer (a typo, a term since removed) is ignored; nothing read from the
//   address is ever written into the page.
// - "Clear filters" shows while any filter is chosen; a choice with no result says so in words
//   and offers the same button.
(function () {
  "use strict";
  var form = document.getElementById("program-filter");
  var count = document.getElementById("result-count");
  if (!form || !count || !document.querySelectorAll) {
    return;
  }
  var cards = toArray(document.querySelectorAll(".cards > li"));
  var selects = toArray(form.querySelectorAll("select[data-filter]"));
  var clearButton = document.getElementById("filter-clear");
  var empty = document.getElementById("filter-empty");

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  function nameOf(select) {
    return select.getAttribute("data-filter");
  }

  function isFilterName(name) {
    return selects.some(function (select) {
      return nameOf(select) === name;
    });
  }

  function offers(select, value) {
    return toArray(select.options).some(function (option) {
      return option.value === value;
    });
  }

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (error) {
      return null;  // a malformed escape such as %E0%A4%A: ignore that part
    }
  }

  // The query string as [raw part, decoded name, decoded value] triples.
  function queryParts() {
    var query = window.location.search.replace(/^\?/, "");
    if (!query) {
      return [];
    }
    return query.split("&").filter(Boolean).map(function (part) {
      var equals = part.indexOf("=");
      var name = equals === -1 ? part : part.slice(0, equals);
      var value = equals === -1 ? "" : part.slice(equals + 1);
      return [part, decode(name), decode(value)];
    });
  }

  // Choose in each select the first value the address gives it that the select offers.
  function readAddress() {
    var parts = queryParts();
    selects.forEach(function (select) {
      var chosen = "";
      parts.some(function (part) {
        if (part[1] === nameOf(select) && part[2] && offers(select, part[2])) {
          chosen = part[2];
          return true;
        }
        return false;
      });
      select.value = chosen;
    });
  }

  // Keep the address's other parameters as they were; replace the filters' own.
  function writeAddress() {
    var kept = queryParts().filter(function (part) {
      return !isFilterName(part[1]);
    }).map(function (part) {
      return part[0];
    });
    selects.forEach(function (select) {
      if (select.value) {
        kept.push(encodeURIComponent(nameOf(select)) + "=" + encodeURIComponent(select.value));
      }
    });
    var search = kept.length ? "?" + kept.join("&") : "";
    if (search === window.location.search || !window.history.replaceState) {
      return;
    }
    try {
      window.history.replaceState(window.history.state, "",
                                  window.location.pathname + search + window.location.hash);
    } catch (error) {
      // some browsers refuse replaceState on pages opened from a file: the filter still works
    }
  }

  function matches(card) {
    return selects.every(function (select) {
      if (!select.value) {
        return true;
      }
      var values = card.getAttribute("data-" + nameOf(select)) || "";
      return values.split(" ").indexOf(select.value) !== -1;
    });
  }

  function show() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card);
      card.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    var active = selects.some(function (select) {
      return select.value !== "";
    });
    var text = count.getAttribute("data-count-" + shown) || String(shown);
    if (count.textContent !== text) {
      count.textContent = text;  // the live region: only a real change is announced
    }
    if (clearButton) {
      clearButton.hidden = !active;
    }
    if (empty) {
      empty.hidden = !(active && shown === 0);
    }
  }

  function clear() {
    selects.forEach(function (select) {
      select.value = "";
    });
    show();
    writeAddress();
    if (selects.length) {
      selects[0].focus();  // the button just pressed is now hidden: keep the keyboard in place
    }
  }

  readAddress();
  form.hidden = false;
  show();
  writeAddress();
  form.addEventListener("change", function () {
    show();
    writeAddress();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  toArray(document.querySelectorAll("button[data-clear-filters]")).forEach(function (button) {
    button.addEventListener("click", clear);
  });
}());
