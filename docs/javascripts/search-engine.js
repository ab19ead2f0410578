// The site's search engine: reads the index written by hooks/recordkit/search_index.py.
// A query fetches index.json (once), the dictionary shards of its words, their postings, and the
// results on screen; filters and their counts fetch facets.jz and the postings' attributes. None of
// it grows with the corpus but a word's postings (BENCHMARKS.md, "Search"). The results are the
// paragraphs holding every word or, when none does, the closest matches (holding the most of them).

const PREFIX_WEIGHT = 0.5;  // a completion counts half a whole word: words match whole before as prefixes
const COARSE_LEVELS = 15;  // a common word's impacts, half a byte each (search_index.COARSE_SHARE)

// `object[key]` if `object` has it as its own (a shard is a plain object: "constructor" is no term).
function own(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

// Lower case, no diacritics, punctuation as spaces: "Vis-à-vis," -> "vis a vis" (as search_index.normalise).
export function normalise(text) {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function decode(gaps) {
  const docs = new Array(gaps.length);
  let doc = 0;
  for (let i = 0; i < gaps.length; i += 1) { doc += gaps[i]; docs[i] = doc; }
  return docs;
}

// A postings file (search_index.postings_bytes): the count, the impacts' levels, the gaps as LEB128
// varints, then one byte of impact each, or half a byte (high half first) when they are 15 levels.
export function readPostings(bytes) {
  let position = 0;
  const next = () => {
    let number = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[position];
      position += 1;
      number += (byte & 0x7f) * 2 ** shift; // no bit operators: past 2^31 they would overflow
      shift += 7;
    } while (byte >= 0x80);
    return number;
  };
  const count = next();
  const levels = next();
  const docs = new Array(count);
  for (let i = 0, doc = 0; i < count; i += 1) { doc += next(); docs[i] = doc; }
  if (levels !== COARSE_LEVELS) return {docs, impacts: bytes.subarray(position, position + count), levels};
  const impacts = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    const byte = bytes[position + (i >> 1)];
    impacts[i] = i % 2 ? byte & 0x0f : byte >> 4;
  }
  return {docs, impacts, levels};
}

// A facet's counts over the whole corpus (facets.jz): {label: paragraphs}.
function corpusCounts(facets, name) {
  return Object.fromEntries(facets.labels[name].map((label, i) => [label, facets.counts[name][i]]));
}

// The paragraphs holding every word: [{doc, score, tier}], tier 0 where they hold every pair of
// consecutive words too (the words side by side), else 1. Walks the rarest word's paragraphs only.
function allWords(matches, rarest, pairs) {
  const rest = matches.filter((match) => match !== rarest);
  const found = [];
  for (const [doc, score] of rarest.scores) {
    let total = score;
    let all = true;
    for (const match of rest) {
      const other = match.scores.get(doc);
      if (other === undefined) { all = false; break; }
      total += other;
    }
    if (!all) continue;
    let together = pairs.length > 0;
    for (const pair of pairs) {
      const bonus = pair.get(doc);
      if (bonus === undefined) together = false; else total += bonus;
    }
    found.push({doc, score: total, tier: together ? 0 : 1});
  }
  return found;
}

// The paragraphs holding any of the words: [{doc, score, held}], `held` the number of the query's
// words each holds (a completion of the word being typed counts), `score` their scores and those of
// the pairs of consecutive words it holds.
function someWords(matches, pairs) {
  const found = new Map();
  for (const match of matches) {
    for (const [doc, score] of match.scores) {
      const near = found.get(doc);
      if (near) { near.held += 1; near.score += score; } else found.set(doc, {doc, score, held: 1});
    }
  }
  for (const pair of pairs) {
    for (const [doc, bonus] of pair) {
      const near = found.get(doc);
      if (near) near.score += bonus;
    }
  }
  return [...found.values()];
}

export class SearchIndex {
  static async open(base) {
    const root = new URL("search-index/", base);
    const response = await fetch(new URL("index.json", root));
    if (!response.ok) throw new Error(`search index: ${response.status}`);
    return new SearchIndex(root, await response.json());
  }

  constructor(root, meta) {
    this.root = root;
    this.meta = meta;
    this.records = meta.records;
    this.stopwords = new Set(meta.stopwords);
    this.shardNumbers = new Map(meta.shards.map((key, number) => [key, number]));
    this.files = new Map();
    this.last = null; // the last search matched: {key, matched}
  }

  // A file of the index, inflated (they are written gzip-compressed), then read by `read`; fetched once.
  file(path, read) {
    if (!this.files.has(path)) {
      const loading = fetch(new URL(path, this.root)).then(async (response) => {
        if (!response.ok) throw new Error(`search index: ${path}: ${response.status}`);
        const inflated = new Blob([await response.arrayBuffer()]).stream().pipeThrough(new DecompressionStream("gzip"));
        return read(new Uint8Array(await new Response(inflated).arrayBuffer()));
      });
      loading.catch(() => this.files.delete(path)); // a failed fetch is tried again next time
      this.files.set(path, loading);
    }
    return this.files.get(path);
  }

  json(path) {
    return this.file(path, (bytes) => JSON.parse(new TextDecoder().decode(bytes)));
  }

  postingsFile(path) {
    return this.file(path, readPostings);
  }

  // -- the dictionary -------------------------------------------------------------
  shardOf(term) {
    for (let length = term.length; length >= 0; length -= 1) {
      const number = this.shardNumbers.get(term.slice(0, length));
      if (number !== undefined) return number;
    }
    return -1;
  }

  shard(term) {
    const number = this.shardOf(term);
    return number < 0 ? Promise.resolve({}) : this.json(`t/${number}.jz`);
  }

  async entry(term) {
    return own(await this.shard(term), term);
  }

  // The commonest words beginning with `word` (not `word` itself), as [term, entry], all from the
  // word's own shard: it lists them when they are spread over several shards (search_index.py).
  async completions(word) {
    const shard = await this.shard(word);
    const listed = own(own(shard, this.meta.completionsKey) || {}, word);
    if (listed) return listed;
    const found = Object.entries(shard).filter(([term]) =>
      term !== word && term.startsWith(word) && !term.includes(" ") && term !== this.meta.completionsKey);
    found.sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1));
    return found.slice(0, this.meta.completions);
  }

  async postings(entry) {
    if (entry.length > 2) return {docs: decode(entry[1]), impacts: entry[2], levels: this.meta.impactLevels};
    return this.postingsFile(`p/${entry[1]}.pz`);
  }

  attrs(entry) {
    return entry.length > 2 ? Promise.resolve(entry[3]) : this.json(`p/${entry[1]}.a.jz`);
  }

  idf(df) {
    return Math.log(1 + (this.records - df + 0.5) / (df + 0.5));
  }

  // -- the query ----------------------------------------------------------------------
  // The words of `text`, stop words out. Its last word is also completed ("peace" finds
  // "peacebuilding"), unless the text ends with a space or punctuation or that word is a stop word.
  // The same text always gives the same results, typed or opened from a shared link.
  parse(text) {
    const all = normalise(text).split(" ").filter(Boolean);
    const words = all.filter((word) => !this.stopwords.has(word));
    const completing = words.length > 0 && words.at(-1) === all.at(-1) && /[\p{L}\p{N}]$/u.test(text);
    return {words, completing, onlyCommon: all.length > 0 && words.length === 0};
  }

  // Fetch what a search of `text` will need (called on each keystroke, before the search runs).
  preload(text) {
    const {words} = this.parse(text);
    return Promise.all(words.map((word) => this.entry(word).then((entry) => entry && this.postings(entry))));
  }

  // For each word: the paragraphs holding it (or, for the word being typed, a completion of it),
  // with its best score there.
  async wordMatches(word, completing) {
    const alternatives = [];
    const exact = await this.entry(word);
    if (exact) alternatives.push({entry: exact, weight: 1});
    if (completing && word.length >= 2) {
      for (const [, entry] of await this.completions(word)) alternatives.push({entry, weight: PREFIX_WEIGHT});
    }
    const scores = new Map();
    await Promise.all(alternatives.map(async ({entry, weight}) => {
      const {docs, impacts, levels} = await this.postings(entry);
      const idf = this.idf(entry[0]) * weight / levels;
      for (let i = 0; i < docs.length; i += 1) {
        const score = idf * impacts[i];
        if (!(scores.get(docs[i]) >= score)) scores.set(docs[i], score);
      }
    }));
    return {scores, alternatives};
  }

  async pairScores(words) {
    const found = await Promise.all(words.slice(1).map(async (word, i) => {
      const entry = await this.entry(`${words[i]} ${word}`);
      if (!entry) return new Map();
      const {docs, impacts, levels} = await this.postings(entry);
      const idf = this.idf(entry[0]) / levels;
      return new Map(docs.map((doc, j) => [doc, idf * impacts[j]]));
    }));
    return found;
  }

  // Results for `text` within `filters` ({facet: [label...]}), best first; with `counts`, every
  // facet's counts over them, as if that facet's own choice were not made (so choices add up).
  // `closest`: no paragraph (within the filters) holds every word, and the results are the
  // paragraphs holding the most of them (see `match`).
  // The dialog asks for the counts after showing the results: the same search is matched once.
  async search(text, {filters = {}, counts = false} = {}) {
    const key = JSON.stringify([text, filters]);
    if (this.last?.key !== key) {
      const matched = this.match(text, filters);
      matched.catch(() => { if (this.last?.matched === matched) this.last = null; }); // tried again next time
      this.last = {key, matched};
    }
    const {results, onlyCommon, closest, source, allowed, browsing} = await this.last.matched;
    const out = {total: results.length, results, onlyCommon, closest};
    if (counts && source) out.counts = await this.count(source, allowed, await this.facets(), browsing);
    return out;
  }

  // The paragraphs matching `text` within `filters`, best first, and what counting them needs.
  // Every word must be in a paragraph; when no paragraph (within the filters) holds them all, the
  // results are the closest matches: every paragraph holding some of the words, those holding the
  // most first, then by score. Either way only the postings of the query's own words are read.
  async match(text, filters) {
    const query = this.parse(text);
    const chosen = Object.entries(filters).filter(([, labels]) => labels.length);
    if (!query.words.length && !chosen.length) return {results: [], onlyCommon: query.onlyCommon, closest: false};
    const allowed = await this.allowed(chosen, chosen.length ? await this.facets() : null);
    const inFilters = ({doc}) => allowed.every(([, docs]) => docs.has(doc));
    let ranked;
    let closest = false;
    let source; // a set holding every result, and its attributes (for the counts)
    if (query.words.length) {
      const matches = await Promise.all(query.words.map((word, i) =>
        this.wordMatches(word, query.completing && i === query.words.length - 1)));
      const pairs = await this.pairScores(query.words);
      const rarest = matches.reduce((a, b) => (b.scores.size < a.scores.size ? b : a));
      const base = allWords(matches, rarest, pairs);
      ranked = base.filter(inFilters);
      ranked.sort((a, b) => a.tier - b.tier || b.score - a.score || a.doc - b.doc);
      source = {docs: base.map(({doc}) => doc), attrs: () => this.wordAttrs([rarest])};
      if (!ranked.length && matches.length > 1) {
        const near = someWords(matches, pairs);
        const nearest = near.filter(inFilters);
        if (nearest.length) {
          ranked = nearest.sort((a, b) => b.held - a.held || b.score - a.score || a.doc - b.doc);
          closest = true;
          // A closest match holds any of the words: the attributes of every word's postings.
          source = {docs: near.map(({doc}) => doc), attrs: () => this.wordAttrs(matches)};
        }
      }
    } else {
      const sets = allowed.map(([, docs]) => docs);
      const smallest = sets.reduce((a, b) => (b.size < a.size ? b : a));
      ranked = [...smallest].filter((doc) => sets.every((docs) => docs.has(doc))).sort((a, b) => a - b)
        .map((doc) => ({doc, score: 0, tier: 1}));
      source = {docs: null, attrs: async () => this.valueAttrs(chosen, await this.facets())};
    }
    const results = ranked.map(({doc}) => ({doc, data: () => this.shown(doc)}));
    return {results, onlyCommon: false, closest, source, allowed, browsing: !query.words.length};
  }

  // -- facets -----------------------------------------------------------------------
  facets() {
    return this.json("facets.jz").then((facets) => {
      if (!facets.indexOf) {
        facets.indexOf = Object.fromEntries(facets.names.map((name) =>
          [name, new Map(facets.labels[name].map((label, i) => [label, i]))]));
      }
      return facets;
    });
  }

  // A facet value's file: {d: its paragraphs (gaps), a: their facet values}; null for an unknown label.
  valueFile(facets, name, label) {
    const value = facets.indexOf[name]?.get(label);
    return value === undefined ? Promise.resolve(null) : this.json(`v/${name}/${value}.jz`);
  }

  // For each chosen facet, the paragraphs having any of its chosen values: [[name, Set], ...].
  async allowed(chosen, facets) {
    return Promise.all(chosen.map(async ([name, labels]) => {
      const docs = new Set();
      await Promise.all(labels.map(async (label) => {
        const file = await this.valueFile(facets, name, label);
        if (file) for (const doc of decode(file.d)) docs.add(doc);
      }));
      return [name, docs];
    }));
  }

  // doc -> its attributes row, for the postings of the words' alternatives (for the rarest word
  // alone when every result holds every word: every result is in its postings).
  async wordAttrs(matches) {
    const rows = new Map();
    await Promise.all(matches.flatMap((match) => match.alternatives).map(async ({entry}) => {
      const [{docs}, attrs] = await Promise.all([this.postings(entry), this.attrs(entry)]);
      docs.forEach((doc, i) => rows.set(doc, [attrs, i]));
    }));
    return rows;
  }

  async valueAttrs(chosen, facets) {
    const rows = new Map();
    await Promise.all(chosen.flatMap(([name, labels]) => labels.map(async (label) => {
      const file = await this.valueFile(facets, name, label);
      if (file) decode(file.d).forEach((doc, i) => rows.set(doc, [file.a, i]));
    })));
    return rows;
  }

  // Each facet's counts: over the matching paragraphs that meet every other facet's choice.
  // Browsing (no words), a facet nothing else narrows counts the whole corpus (facets.jz).
  async count(source, allowed, facets, browsing) {
    const rows = await source.attrs();
    const docs = source.docs || [...rows.keys()];
    const counts = {};
    for (const name of facets.names) {
      const others = allowed.filter(([other]) => other !== name);
      if (browsing && !others.length) {
        counts[name] = corpusCounts(facets, name);
        continue;
      }
      const tally = new Map();
      for (const doc of docs) {
        if (!others.every(([, set]) => set.has(doc))) continue;
        const row = rows.get(doc);
        if (!row) continue;
        const value = row[0][name][row[1]];
        for (const v of (Array.isArray(value) ? value : [value])) if (v >= 0) tally.set(v, (tally.get(v) || 0) + 1);
      }
      counts[name] = Object.fromEntries([...tally].map(([v, n]) => [facets.labels[name][v], n]));
    }
    return counts;
  }

  // Every facet's counts over the whole corpus.
  async allCounts() {
    const facets = await this.facets();
    return Object.fromEntries(facets.names.map((name) => [name, corpusCounts(facets, name)]));
  }

  // What a result shows: {url, content, meta}; content is the paragraph's text (its first meta.chars
  // characters, all that is shown) and the words it is also found by (speakers, themes...).
  async shown(doc) {
    const data = await this.json(`d/${Math.floor(doc / this.meta.docsPerFolder)}/${doc}.jz`);
    return {url: data.url, content: data.also ? `${data.text} ${data.also}` : data.text,
      meta: {...data, chars: data.text.length}};
  }
}
