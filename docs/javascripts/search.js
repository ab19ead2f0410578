// The search dialog: the site's index (search-engine.js), results re-ranked by phrase, with filters
// and the state in the URL. Loaded by javascripts/record.js on the first open only.
//
// What a query costs (BENCHMARKS.md, "Search"): while the reader types, the dictionary shards and
// postings of the words so far are fetched; 60 ms after the last keystroke the search runs, a newer
// keystroke makes any search in flight stale (its results are never shown), and only the first page
// of results has its text fetched. Filter counts (facets.jz and the attributes of the rarest word's
// postings; of every word's for closest matches) are loaded only once results are on screen, and only
// when the filter panel is open: after typing pauses, or when the reader opens the panel. Results never
// wait for them. When no paragraph holds every word, the closest matches are shown, and said to be.

import {SearchIndex, normalise} from "./search-engine.js";

export {normalise};

const FILTERS = [
  ["body", "Body"], ["meeting", "Meeting"], ["year", "Year"], ["kind", "Kind of record"], ["part", "Part"],
  ["speaker", "Speaker"], ["delegation", "Delegation"], ["theme", "Theme"], ["vote", "Vote"],
];
const KEYS = ["q", ...FILTERS.map(([name]) => name)];
const PAGE = 10;        // results shown at once ("More results" adds as many)
const RERANK = PAGE;    // the index's best results re-ranked by phrase: the first page, whose texts are shown
const PHRASE_POOL = 40; // for a quoted phrase: results checked for the exact phrase
const SHOWN_VALUES = 8; // filter values shown before "Show all"
const DEBOUNCE = 60;    // ms after a keystroke before searching
const COUNTS_IDLE = 800; // ms of no typing after results before every filter's counts are loaded
const BROWSE_IDLE = 1500; // the same with nothing typed yet: a reader who opens search and types never waits on them

// '"Pact for the Future" peace' -> {phrases: ["pact for the future"], words: [...every word...]}
export function parseQuery(raw) {
  const phrases = [...raw.matchAll(/"([^"]+)"/g)].map((match) => normalise(match[1])).filter(Boolean);
  const words = normalise(raw).split(" ").filter(Boolean);
  return {phrases, words, term: raw.replace(/"/g, " ").replace(/\s+/g, " ").trim()};
}

// The index's order, refined: the paragraph's text holding the words together first, then all the
// words anywhere in the record (speakers, themes...), then the rest; 3: lacks a quoted phrase.
// Phrases are matched in the paragraph's own text, not in the index-only words after it.
export function phraseTier(data, query) {
  const chars = Number(data.meta?.chars) || data.content.length;
  const text = ` ${normalise(data.content.slice(0, chars))} `;
  if (query.phrases.some((phrase) => !text.includes(` ${phrase} `))) return 3;
  if (query.words.length > 1 && text.includes(` ${query.words.join(" ")} `)) return 0;
  const all = ` ${normalise(data.content)}`;
  if (query.words.every((word) => all.includes(` ${word}`))) return 1;
  return 2;
}

// Said above the results when no paragraph holds every word of the query (search-engine.js, `match`).
export function closestMessage(total) {
  return `No paragraph has all the words; closest matches: ${total} paragraph${total === 1 ? "" : "s"}.`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

class Search {
  constructor(dialog, base, index) {
    this.dialog = dialog;
    this.base = new URL(base, location.href);
    this.index = index;
    this.input = dialog.querySelector("#rk-search-q");
    this.status = dialog.querySelector("[data-rk-status]");
    this.list = dialog.querySelector("[data-rk-results]");
    this.filterBox = dialog.querySelector("[data-rk-filters]");
    this.selected = {};
    this.expanded = new Set();
    this.seq = 0;
    this.timer = 0;
    this.closingFromHistory = false;
    this.input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.seq += 1; // whatever runs for the previous text is stale now
      this.index.preload(this.input.value).catch(() => {});
      this.timer = setTimeout(() => this.run({push: false, typing: true}), DEBOUNCE);
    });
    this.input.addEventListener("keydown", (event) => this.inputKey(event));
    this.list.addEventListener("keydown", (event) => this.resultKey(event));
    dialog.addEventListener("close", () => {
      if (!this.closingFromHistory && this.hasState()) this.writeUrl({clear: true, push: true});
      this.closingFromHistory = false;
    });
    window.addEventListener("popstate", () => this.fromHistory());
  }

  // -- state and URL ---------------------------------------------------------
  hasState() {
    const params = new URLSearchParams(location.search);
    return KEYS.some((key) => params.has(key));
  }

  readUrl() {
    const params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    this.selected = {};
    for (const [name] of FILTERS) {
      const values = params.getAll(name);
      if (values.length) this.selected[name] = new Set(values);
    }
  }

  writeUrl({push, clear = false}) {
    const url = new URL(location.href);
    const hadState = this.hasState();
    KEYS.forEach((key) => url.searchParams.delete(key));
    if (!clear) {
      const q = this.input.value.trim();
      if (q) url.searchParams.set("q", q);
      for (const [name] of FILTERS) for (const value of this.selected[name] || []) url.searchParams.append(name, value);
    }
    url.hash = "";
    if (url.href === location.href) return;
    // The first search state gets its own history entry: Back leaves the search.
    if (push || !hadState) history.pushState({rkSearch: true}, "", url);
    else history.replaceState({rkSearch: true}, "", url);
  }

  fromHistory() {
    if (this.hasState()) {
      this.readUrl();
      if (!this.dialog.open) this.dialog.showModal();
      this.run({write: false});
    } else if (this.dialog.open) {
      this.closingFromHistory = true;
      this.dialog.close();
    }
  }

  opened(fromUrl) {
    if (fromUrl) this.readUrl();
    // Opened by the reader, who is about to type: filter counts wait for a pause (COUNTS_IDLE).
    this.run({write: !fromUrl, typing: !fromUrl});
  }

  filterArgument() {
    const filters = {};
    for (const [name, values] of Object.entries(this.selected)) if (values.size) filters[name] = [...values];
    return filters;
  }

  // -- searching -------------------------------------------------------------
  async run({push = false, write = true, typing = false, counts = true} = {}) {
    const seq = ++this.seq;
    if (write) this.writeUrl({push});
    const query = parseQuery(this.input.value);
    const filters = this.filterArgument();
    const filtered = Object.keys(filters).length > 0;
    this.dialog.setAttribute("aria-busy", "true");
    this.filterPanel();
    if (!query.term && !filtered) {
      this.renderResults([], 0, "Type to search, or choose filters.");
      if (this.filtersLoaded) this.renderFilters(this.allCounts);
      else if (!(await this.countsWhenOpen(seq, typing && BROWSE_IDLE, {}, counts))) return;
      if (seq === this.seq) this.done();
      return;
    }
    const search = await this.index.search(this.input.value, {filters});
    if (seq !== this.seq) return;
    const pool = search.results.slice(0, query.phrases.length ? PHRASE_POOL : RERANK);
    const loaded = await Promise.all(pool.map((result) => result.data()));
    if (seq !== this.seq) return;
    let ranked = loaded.map((data, index) => ({data, index, tier: query.words.length ? phraseTier(data, query) : 2}));
    if (query.phrases.length) ranked = ranked.filter((item) => item.tier < 3);
    ranked.sort((a, b) => a.tier - b.tier || a.index - b.index);
    const rest = query.phrases.length ? [] : search.results.slice(pool.length);
    this.results = {ranked: ranked.map((item) => item.data), rest, shown: 0};
    const total = ranked.length + rest.length;
    this.renderResults([], total, search.onlyCommon ? "Only very common words: add another word."
      : search.closest && total ? closestMessage(total) : undefined);
    await this.more(seq);
    if (seq !== this.seq) return;
    // Once counts have been loaded (the panel was open), every search brings its own, after its results.
    if (this.filtersLoaded && this.filterPanel().open) { if (!(await this.loadCounts(seq))) return; }
    else if (!(await this.countsWhenOpen(seq, typing && COUNTS_IDLE, null, counts))) return;
    if (seq === this.seq) this.done();
  }

  // Every filter's counts, once results are on screen: only if the panel is open (else when it is
  // opened), and while typing only once it pauses. False if a newer search took over meanwhile.
  async countsWhenOpen(seq, idle, known, counts) {
    if (!counts || !this.filterPanel().open) {
      this.renderFilters(known);
      return true;
    }
    if (idle) {
      await new Promise((resolve) => { setTimeout(resolve, idle); });
      if (seq !== this.seq) return false;
    }
    return this.loadCounts(seq);
  }

  async loadCounts(seq = this.seq) {
    if (!this.filtersLoaded) {
      this.allCounts = await this.index.allCounts();
      this.filtersLoaded = true;
      if (seq !== this.seq) return false;
    }
    const query = parseQuery(this.input.value);
    const filters = this.filterArgument();
    if (!query.term && !Object.keys(filters).length) {
      this.renderFilters(this.allCounts);
      return true;
    }
    const counted = await this.index.search(this.input.value, {filters, counts: true});
    if (seq !== this.seq) return false;
    this.renderFilters(counted.counts);
    return true;
  }

  async more(seq = this.seq) {
    const {ranked, rest} = this.results;
    const start = this.results.shown;
    const datas = [];
    for (let i = start; i < start + PAGE; i += 1) {
      if (i < ranked.length) datas.push(ranked[i]);
      else if (i - ranked.length < rest.length) datas.push(rest[i - ranked.length].data());
    }
    const shown = await Promise.all(datas);
    if (seq !== this.seq) return;
    this.results.shown = start + shown.length;
    const query = parseQuery(this.input.value);
    shown.forEach((data) => this.list.append(this.result(data, query)));
    if (start === 0) this.dialog.dataset.rkShown = this.input.value; // first results on screen (the benchmark)
    this.list.querySelector(".rk-search__more")?.remove();
    const total = ranked.length + rest.length;
    if (this.results.shown < total) {
      const item = element("li", "rk-search__more");
      const button = element("button", "md-button", "More results");
      button.type = "button";
      button.addEventListener("click", () => {
        const next = this.results.shown;
        this.more().then(() => { this.list.querySelectorAll("a")[next]?.focus(); this.done(); });
      });
      item.append(button);
      this.list.append(item);
    }
  }

  // Results are shown for what the input holds (tests and the benchmark wait for this).
  done() {
    this.dialog.removeAttribute("aria-busy");
    this.dialog.dataset.rkFilters = Object.entries(this.selected)
      .flatMap(([name, values]) => [...values].map((value) => `${name}=${value}`)).sort().join("&");
    this.dialog.dataset.rkDone = this.input.value;
  }

  // -- rendering -------------------------------------------------------------
  renderResults(items, total, message) {
    this.list.replaceChildren(...items);
    this.status.textContent = message
      ?? (total === 0 ? "No matching paragraph." : `${total} paragraph${total === 1 ? "" : "s"} found.`);
  }

  href(url) {
    return new URL(url.replace(/^\//, ""), this.base).href;
  }

  result(data, query) {
    const meta = data.meta || {};
    const item = element("li", "rk-search__result");
    const link = element("a");
    link.href = this.href(meta.url || data.url);
    const where = element("span", "rk-search__where", [meta.meeting, meta.part].filter(Boolean).join(" · "));
    // A paragraph shows its speaker and number; a vote's column its title ("Vote · In favour").
    const who = element("span", "rk-search__who",
      [meta.speaker, meta.number ? `Para. ${meta.number}` : meta.title].filter(Boolean).join(" · "));
    link.append(who, where, this.excerpt(data, query));
    item.append(link);
    return item;
  }

  // The paragraph's own text around the first match, the query's words marked (never the index-only words).
  excerpt(data, query) {
    const chars = Number(data.meta?.chars) || data.content.length;
    const words = data.content.slice(0, chars).split(/\s+/);
    const norm = words.map((word) => normalise(word));
    const wanted = new Set(query.words.filter((word) => word.length > 1 || /\d/.test(word)));
    const hit = (i) => norm[i].split(" ").some((part) => [...wanted].some((word) => part.startsWith(word)));
    // Start near the longest run of matching words: the phrase, where it is.
    let first = 0;
    let best = 0;
    for (let i = 0, run = 0; i < words.length; i += 1) {
      run = hit(i) ? run + 1 : 0;
      if (run > best) { best = run; first = i - run + 1; }
    }
    const from = Math.max(0, first - 12);
    const to = Math.min(words.length, from + 40);
    const block = element("span", "rk-search__excerpt");
    if (from > 0) block.append("… ");
    for (let i = from; i < to; i += 1) {
      block.append(hit(i) ? element("mark", "", words[i]) : words[i]);
      if (i < to - 1) block.append(" ");
    }
    if (to < words.length) block.append(" …");
    return block;
  }

  renderFilters(counts) {
    const focused = document.activeElement?.closest?.(".rk-search__filters") ? document.activeElement : null;
    const key = focused && (focused.dataset.filter ? `${focused.dataset.filter}\u0000${focused.value}` : focused.dataset.expand);
    const groups = [];
    for (const [name, label] of FILTERS) {
      const values = counts?.[name] || {};
      const selected = this.selected[name] || new Set();
      const entries = Object.entries(values).filter(([value, count]) => count > 0 || selected.has(value));
      // Counts not loaded (the panel closed): the chosen values are shown without one.
      for (const value of selected) if (!(value in values)) entries.push([value, counts ? 0 : null]);
      if (!entries.length) continue;
      entries.sort((a, b) => Number(selected.has(b[0])) - Number(selected.has(a[0])) || b[1] - a[1]
        || a[0].localeCompare(b[0], undefined, {numeric: true}));
      const group = element("fieldset", "rk-filter");
      group.append(element("legend", "rk-filter__name", label));
      const list = element("ul", "rk-filter__values");
      const all = this.expanded.has(name);
      entries.forEach(([value, count], index) => {
        if (!all && index >= SHOWN_VALUES && !selected.has(value)) return;
        const row = element("li");
        const box = element("input");
        box.type = "checkbox";
        box.id = `rk-f-${name}-${index}`;
        box.value = value;
        box.dataset.filter = name;
        box.checked = selected.has(value);
        box.addEventListener("change", () => this.toggle(name, value, box.checked));
        const text = element("label", "", count === null ? value : `${value} `);
        text.htmlFor = box.id;
        if (count !== null) text.append(element("span", "rk-filter__count", `(${count})`));
        row.append(box, text);
        list.append(row);
      });
      group.append(list);
      if (entries.length > SHOWN_VALUES) {
        const button = element("button", "rk-filter__all", all ? "Show fewer" : `Show all ${entries.length}`);
        button.type = "button";
        button.dataset.expand = name;
        button.setAttribute("aria-expanded", String(all));
        button.addEventListener("click", () => {
          if (all) this.expanded.delete(name); else this.expanded.add(name);
          this.renderFilters(counts);
        });
        group.append(button);
      }
      groups.push(group);
    }
    const box = this.filterBox;
    this.filterPanel().querySelector(".rk-search__groups").replaceChildren(...groups);
    if (key) {
      const again = [...box.querySelectorAll("input, button")].find((node) =>
        (node.dataset.filter ? `${node.dataset.filter}\u0000${node.value}` : node.dataset.expand) === key);
      again?.focus();
    }
  }

  // The filter panel (a disclosure): open on a wide screen or when filters are chosen; opening it
  // loads the counts if they are not loaded yet.
  filterPanel() {
    let details = this.filterBox.querySelector("details");
    if (!details) {
      details = element("details", "rk-search__filterbox");
      details.open = window.matchMedia("(min-width: 60em)").matches || Object.keys(this.selected).length > 0;
      const summary = element("summary", "", "Filters");
      details.append(summary, element("div", "rk-search__groups"));
      // The reader's click (or Enter, Space) on the summary; the toggle event would also fire for the
      // initial state. The panel has toggled once the click's default action ran.
      summary.addEventListener("click", () => setTimeout(() => {
        if (!details.open || this.filtersLoaded) return;
        this.dialog.setAttribute("aria-busy", "true");
        const seq = this.seq;
        this.loadCounts(seq).then((current) => { if (current && seq === this.seq) this.done(); });
      }));
      this.filterBox.append(details);
    }
    return details;
  }

  toggle(name, value, on) {
    const values = this.selected[name] || new Set();
    if (on) values.add(value); else values.delete(value);
    if (values.size) this.selected[name] = values; else delete this.selected[name];
    this.run({push: true});
  }

  // -- keyboard --------------------------------------------------------------
  links() {
    return [...this.list.querySelectorAll("a, .rk-search__more button")];
  }

  inputKey(event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.links()[0]?.focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(this.timer);
      this.run({counts: false}).then(() => this.list.querySelector("a")?.click());
    }
  }

  resultKey(event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = this.links();
    const index = links.indexOf(document.activeElement);
    if (index < 0) return;
    event.preventDefault();
    const next = index + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) this.input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  }
}

export async function start(dialog, base) {
  return new Search(dialog, base, await SearchIndex.open(new URL(base, location.href)));
}
