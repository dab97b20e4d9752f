/* Search in the reader's language and "save for offline". Small, no dependencies.
   Nothing is downloaded for search until the reader searches. */
(function () {
  "use strict";

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* ---------- search ---------- */
  var form = document.getElementById("asm-search");
  if (form) {
    var input = form.querySelector("input");
    var results = document.getElementById("asm-search-results");
    var index = null;
    var loading = null;

    var load = function () {
      if (!loading) {
        loading = fetch(form.getAttribute("data-index"))
          .then(function (r) { return r.json(); })
          .then(function (data) {
            data.pages.forEach(function (page) {
              page.s.forEach(function (s) { s.push(fold(s[0] + " " + s[2])); });
              page.ft = fold(page.t);
            });
            index = data;
          });
      }
      return loading;
    };

    var snippet = function (text, term) {
      var at = fold(text).indexOf(term);
      var start = Math.max(0, at - 60);
      return (start > 0 ? "… " : "") + text.slice(start, start + 180) + " …";
    };

    var render = function (query) {
      var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; });
      results.textContent = "";
      if (!terms.length) return;
      var hits = [];
      index.pages.forEach(function (page) {
        page.s.forEach(function (s) {
          var score = 0;
          for (var i = 0; i < terms.length; i++) {
            var inSection = s[3].indexOf(terms[i]) >= 0;
            if (!inSection && page.ft.indexOf(terms[i]) < 0) return;
            score += (page.ft.indexOf(terms[i]) >= 0 ? 5 : 0) + (fold(s[0]).indexOf(terms[i]) >= 0 ? 3 : 0) +
              (inSection ? 1 : 0);
          }
          hits.push({ page: page, section: s, score: score - page.f * 2 });
        });
      });
      hits.sort(function (a, b) { return b.score - a.score; });
      var base = form.getAttribute("data-root");
      var status = document.getElementById("asm-search-status");
      status.textContent = hits.length ? form.getAttribute("data-count").replace("#", hits.length)
                                       : form.getAttribute("data-none");
      hits.slice(0, 30).forEach(function (hit) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = base + hit.page.u + (hit.section[1] ? "#" + hit.section[1] : "");
        a.textContent = hit.page.t + (hit.section[0] ? " › " + hit.section[0] : "");
        li.appendChild(a);
        if (hit.page.f) {
          var mark = document.createElement("span");
          mark.className = "asm-search__fallback";
          mark.lang = "en";
          mark.textContent = " (" + form.getAttribute("data-fallback") + ")";
          li.appendChild(mark);
        }
        var p = document.createElement("p");
        p.textContent = snippet(hit.section[2], fold(terms[0]));
        li.appendChild(p);
        results.appendChild(li);
      });
    };

    var run = function () { load().then(function () { render(input.value); }); };
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    var query = new URLSearchParams(location.search).get("q");
    if (query) { input.value = query; run(); }
  }

  /* ---------- save for offline ---------- */
  var box = document.getElementById("asm-offline");
  if (box && "serviceWorker" in navigator && window.caches) {
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    var say = function (key, values) {
      var text = box.getAttribute("data-" + key);
      Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
      status.textContent = text;
    };
    button.hidden = false;
    /* saved = some cache of this language holds its offline.json, which the worker writes last */
    var list = new URL(box.getAttribute("data-list"), location.href).href;
    caches.keys().then(function (names) {
      var mine = names.filter(function (n) { return n.indexOf(box.getAttribute("data-cache")) === 0; });
      return Promise.all(mine.map(function (n) { return caches.open(n).then(function (c) { return c.match(list); }); }));
    }).then(function (found) {
      if (!found.some(Boolean)) return;
      say("saved"); button.hidden = true;
      /* an update that was cut off part-way, or a new worker's, carries on now */
      var resume = function () {
        if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: "resume" });
      };
      resume();
      navigator.serviceWorker.addEventListener("controllerchange", resume);
    });
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.serviceWorker.register(box.getAttribute("data-sw"), { scope: box.getAttribute("data-scope") })
        .then(function (registration) {
          var worker = registration.active || registration.waiting || registration.installing;
          var send = function (w) {
            var channel = new MessageChannel();
            channel.port1.onmessage = function (event) {
              var data = event.data;
              if (data.type === "progress") say("saving", { done: data.done, total: data.total });
              if (data.type === "saved") { say("saved"); button.hidden = true; }
              if (data.type === "failed") { say("failed"); button.disabled = false; }
            };
            w.postMessage({ type: "save" }, [channel.port2]);
          };
          if (worker.state === "activated") return send(worker);
          worker.addEventListener("statechange", function () { if (worker.state === "activated") send(worker); });
        })
        .catch(function () { say("failed"); button.disabled = false; });
    });
  }

  /* the site's one 404 page, served for every missing address: readers of another language go
     to the 404 page in their language */
  var notFound = document.getElementById("asm-404");
  if (notFound) {
    var base = notFound.getAttribute("data-base");
    var rest = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length) : "";
    var code = rest.split("/")[0];
    var codes = notFound.getAttribute("data-codes").split(" ");
    if (code && codes.indexOf(code) >= 0 && rest !== code + "/404.html") location.replace(base + code + "/404.html");
  }

  /* "suggest a better wording": add the section's text to the issue form when the link is tapped */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-suggest]");
    if (!link || link.href.indexOf("&current=") >= 0) return;
    var text = [], node = link.parentNode.nextElementSibling;
    while (node && node.tagName !== "H2") { text.push(node.textContent); node = node.nextElementSibling; }
    link.href += "&current=" + encodeURIComponent(text.join("\n").replace(/\s+\n/g, "\n").slice(0, 1500));
  });

  /* share: the phone's own share sheet where it has one; otherwise the link stays a plain WhatsApp link */
  var share = document.querySelector(".asm-share a");
  if (share && navigator.share) {
    share.textContent = share.getAttribute("data-share");
    share.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.share({ title: share.getAttribute("data-title"), url: location.href }).catch(function () {});
    });
  }
})();
