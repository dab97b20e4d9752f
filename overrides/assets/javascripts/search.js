/* Search in the reader's language, loaded by the search page only. Nothing is downloaded until the
   reader searches; then the first tier (titles and headings), per query word the chunks of its
   three-letter runs and the postings of the words in all of them, and the text of the results on screen (asm_academy/web/search_tiers.py writes them and says why). */
(function () {
  "use strict";

  var form = document.getElementById("asm-search");
  if (!form) return;
  var input = form.querySelector("input");
  var results = document.getElementById("asm-search-results");
  var folder = new URL(".", new URL(form.getAttribute("data-index"), location.href)).href;
  var files = {};
  var tier = null;
  var shown = 0;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function get(name) {
    if (!files[name]) {
      files[name] = fetch(folder + name).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  /* the same FNV-1a sum as search_tiers.bucket */
  function bucket(key, count) {
    var value = 2166136261;
    Array.from(key).forEach(function (c) { value = Math.imul(value ^ c.codePointAt(0), 16777619) >>> 0; });
    return value % count;
  }

  function loadTier() {
    return get("index.json").then(function (data) {
      if (!tier) {
        var sections = [];
        data.pages.forEach(function (p) {
          var page = { t: p[0], u: p[1], f: p[2], ft: fold(p[0]) };
          p[3].forEach(function (s) { sections.push({ page: page, h: s[0], id: s[1], fh: fold(s[0]), n: sections.length }); });
        });
        tier = { chunks: data.chunks, postings: data.postings, text: data.text, sections: sections };
      }
      return tier;
    });
  }

  /* the file of a sorted list of first numbers that holds `number` */
  function fileOf(starts, number) {
    var file = 0;
    while (file + 1 < starts.length && starts[file + 1] <= number) file++;
    return file;
  }

  /* the sections of the words (numbers, or all words) that hold `term` */
  function postingsOf(term, numbers) {
    var files = {};
    if (numbers) numbers.forEach(function (n) { files[fileOf(tier.postings, n)] = true; });
    else tier.postings.forEach(function (_, file) { files[file] = true; });
    return Promise.all(Object.keys(files).map(function (file) { return get("p/" + file + ".json"); })).then(function (parts) {
      var found = {};
      parts.forEach(function (part) {
        part.forEach(function (entry) {
          if (entry[0].indexOf(term) >= 0) entry[1].forEach(function (n) { found[n] = true; });
        });
      });
      return found;
    });
  }

  /* the sections whose heading or body holds `term`: only the words listed under each of its
     three-letter runs can hold it; a two-letter term reads every word */
  function sectionsWith(term) {
    var letters = Array.from(term);
    if (letters.length < 3) return postingsOf(term, null);
    /* the first, middle and last runs: enough to leave few words, at most three chunks to fetch */
    var keys = {};
    [0, Math.floor((letters.length - 3) / 2), letters.length - 3].forEach(function (i) {
      keys[letters.slice(i, i + 3).join("")] = true;
    });
    keys = Object.keys(keys);
    return Promise.all(keys.map(function (key) { return get("w/" + bucket(key, tier.chunks) + ".json"); })).then(function (chunks) {
      var counts = {};
      chunks.forEach(function (chunk, k) {
        var number = 0;
        (chunk[keys[k]] || []).forEach(function (gap) { number += gap; counts[number] = (counts[number] || 0) + 1; });
      });
      var numbers = Object.keys(counts).filter(function (n) { return counts[n] === keys.length; }).map(Number);
      return numbers.length ? postingsOf(term, numbers) : {};
    });
  }

  function textOf(n) {
    var file = fileOf(tier.text, n);
    return get("t/" + file + ".json").then(function (texts) { return texts[n - tier.text[file]]; });
  }

  var snippet = function (text, term) {
    var at = fold(text).indexOf(term);
    var start = Math.max(0, at - 60);
    return (start > 0 ? "… " : "") + text.slice(start, start + 180) + " …";
  };

  /* the text of a result is fetched when it comes on screen */
  var fill = function (p) { textOf(+p.getAttribute("data-n")).then(function (text) { p.textContent = snippet(text, p.getAttribute("data-term")); }); };
  var watcher = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { watcher.unobserve(entry.target); fill(entry.target); }
    });
  }, { rootMargin: "200px" }) : null;

  var render = function (found, terms) {
    results.textContent = "";
    if (watcher) watcher.disconnect();
    if (!terms.length) return;
    var hits = [];
    tier.sections.forEach(function (s) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inSection = !!found[i][s.n];
        var inTitle = s.page.ft.indexOf(terms[i]) >= 0;
        if (!inSection && !inTitle) return;
        score += (inTitle ? 5 : 0) + (s.fh.indexOf(terms[i]) >= 0 ? 3 : 0) + (inSection ? 1 : 0);
      }
      hits.push({ section: s, score: score - s.page.f * 2 });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    var base = form.getAttribute("data-root");
    var status = document.getElementById("asm-search-status");
    status.textContent = hits.length ? form.getAttribute("data-count").replace("#", hits.length)
                                     : form.getAttribute("data-none");
    hits.slice(0, 30).forEach(function (hit, index) {
      var s = hit.section;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + s.page.u + (s.id ? "#" + s.id : "");
      a.textContent = s.page.t + (s.h ? " › " + s.h : "");
      li.appendChild(a);
      if (s.page.f) {
        var mark = document.createElement("span");
        mark.className = "asm-search__fallback";
        mark.lang = "en";
        mark.textContent = " (" + form.getAttribute("data-fallback") + ")";
        li.appendChild(mark);
      }
      var p = document.createElement("p");
      p.setAttribute("data-n", s.n);
      p.setAttribute("data-term", fold(terms[0]));
      li.appendChild(p);
      results.appendChild(li);
      /* the first results are on the first screen: filled at once (an observer may not report an
         empty paragraph on a page the service worker served); the rest when they come on screen */
      if (watcher && index >= 3) watcher.observe(p); else fill(p);
    });
  };

  var run = function () {
    var query = input.value, mine = ++shown;
    /* the address bar shows search/?q=…, a link the reader can share */
    history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; });
    loadTier()
      .then(function () { return Promise.all(terms.map(sectionsWith)); })
      .then(function (found) { if (mine === shown) render(found, terms); });
  };
  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  var query = new URLSearchParams(location.search).get("q");
  if (query) { input.value = query; run(); }
})();
