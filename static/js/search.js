// The search page: reads ?q=, asks the Pagefind index of the page's language (loaded only
// here, from this site) and lists the results. Without this script the page offers lists to
// browse instead, in the reader's language.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const MAX = 30;

let pagefind = null; // the engine with its index parts, as a promise once asked for

function say(text) {
  status.textContent = text;
}

function show(items) {
  list.replaceChildren();
  for (const item of items) {
    const entry = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.meta.title || item.url;
    heading.append(link);
    entry.append(heading);
    if (item.meta.summary) {
      const summary = document.createElement("p");
      summary.textContent = item.meta.summary;
      entry.append(summary);
    }
    if (item.meta.collection) {
      const kind = document.createElement("p");
      kind.className = "result-kind";
      kind.textContent = item.meta.collection;
      entry.append(kind);
    }
    list.append(entry);
  }
}

// The engine, with every part of this language's index: a large site's index is made in parts,
// which parts.json lists (folders beside it), and the engine searches them together.
async function load(data) {
  const engine = await import(data.pagefind);
  await engine.options({ baseUrl: data.base });
  const partsUrl = new URL(data.parts, window.location.href);
  const response = await fetch(partsUrl);
  const parts = response.ok ? await response.json() : {};
  const language = document.documentElement.lang.toLowerCase();
  await Promise.all((parts[language] || []).map((folder) =>
    engine.mergeIndex(new URL(folder, partsUrl).pathname, { baseUrl: data.base })));
  return engine;
}

async function run(query) {
  query = query.trim();
  if (!query) {
    list.replaceChildren();
    say(status.dataset.empty);
    return;
  }
  say(status.dataset.searching);
  // loaded once, even when a second search starts before the first has loaded it
  pagefind = pagefind || load(document.querySelector("script[data-pagefind]").dataset);
  const engine = await pagefind;
  const found = await engine.search(query);
  const items = await Promise.all(found.results.slice(0, MAX).map((result) => result.data()));
  show(items);
  const count = found.results.length;
  say(count > MAX ? status.dataset.more : status.getAttribute("data-count-" + count));
}

const query = new URLSearchParams(window.location.search).get("q") || "";
input.value = query;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  window.history.replaceState(null, "", url);
  run(input.value);
});
run(query);
