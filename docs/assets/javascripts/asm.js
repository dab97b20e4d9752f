/* "Save for offline" and the site's small helpers. Small, no dependencies.
   Search is in search.js, which only the search page loads. */
(function () {
  "use strict";

  /* ---------- save for offline ---------- */
  /* Pages first, then the printable handouts if the reader wants them; a saved copy can be removed.
     What is saved is read from the copy itself: its offline.json, which the worker writes last. */
  var box = document.getElementById("asm-offline");
  if (box && "serviceWorker" in navigator && window.caches) {
    var pagesButton = box.querySelector("[data-save=pages]");
    var handoutsButton = box.querySelector("[data-save=handouts]");
    var removeButton = box.querySelector("[data-remove]");
    var status = box.querySelector("[role=status]");
    var scope = new URL(box.getAttribute("data-scope"), location.href).href;
    var say = function (key, values) {
      var text = box.getAttribute("data-" + key);
      Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
      status.textContent = text;
    };
    /* chosen: the parts the copy holds (null: nothing saved); parts: the parts the list has */
    var show = function (chosen, parts) {
      var has = function (part) { return chosen && chosen.indexOf(part) >= 0; };
      pagesButton.hidden = Boolean(chosen);
      handoutsButton.hidden = !chosen || has("handouts") || !parts || parts.indexOf("handouts") < 0;
      removeButton.hidden = !chosen;
      [pagesButton, handoutsButton, removeButton].forEach(function (b) { b.disabled = false; });
    };
    var list = new URL(box.getAttribute("data-list"), location.href).href;
    var savedCopy = function () {
      return caches.keys().then(function (names) {
        var mine = names.filter(function (n) { return n.indexOf(box.getAttribute("data-cache")) === 0; });
        return Promise.all(mine.map(function (n) { return caches.open(n).then(function (c) { return c.match(list); }); }));
      }).then(function (found) {
        var marker = found.filter(Boolean)[0];
        return marker ? marker.json() : null;
      });
    };
    var ask = function (worker, message, done) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        var data = event.data;
        if (data.type === "progress") say("saving", { done: data.done, total: data.total });
        if (data.type === "saved") {
          say(data.chosen.indexOf("handouts") >= 0 ? "saved-handouts" : "saved");
          show(data.chosen, data.parts);
        }
        if (data.type === "failed" && data.kind !== "removed") {
          say(["missing", "corrupt", "full"].indexOf(data.kind) >= 0 ? "failed-" + data.kind : "failed");
          savedCopy().then(function (copy) { show(copy && (copy.chosen || ["pages"]), copy && copy.parts); });
        }
        if (data.type === "removed") {
          navigator.serviceWorker.getRegistration(scope).then(function (r) { return r && r.unregister(); })
            .then(function () { say("removed"); show(null); });
        }
        if (done) done(data);
      };
      worker.postMessage(message, [channel.port2]);
    };
    var whenActive = function (registration, then) {
      var worker = registration.active || registration.waiting || registration.installing;
      if (worker.state === "activated") return then(worker);
      worker.addEventListener("statechange", function () { if (worker.state === "activated") then(worker); });
    };
    var failed = function () { say("failed"); savedCopy().then(function (c) { show(c && (c.chosen || ["pages"]), c && c.parts); }); };
    var save = function (parts) {
      [pagesButton, handoutsButton, removeButton].forEach(function (b) { b.disabled = true; });
      navigator.serviceWorker.register(box.getAttribute("data-sw"), { scope: box.getAttribute("data-scope") })
        .then(function (registration) { whenActive(registration, function (w) { ask(w, { type: "save", parts: parts }); }); })
        .catch(failed);
    };
    pagesButton.addEventListener("click", function () { save(["pages"]); });
    handoutsButton.addEventListener("click", function () { save(["pages", "handouts"]); });
    removeButton.addEventListener("click", function () {
      removeButton.disabled = true;
      navigator.serviceWorker.getRegistration(scope).then(function (registration) {
        if (registration && registration.active) return ask(registration.active, { type: "remove" });
        return caches.keys().then(function (names) {       // no worker to ask: the page deletes the copy
          return Promise.all(names.filter(function (n) { return n.indexOf(box.getAttribute("data-cache")) === 0; })
            .map(function (n) { return caches.delete(n); }));
        }).then(function () { say("removed"); show(null); });
      }).catch(failed);
    });
    savedCopy().then(function (copy) {
      if (!copy) { show(null); return; }
      var chosen = copy.chosen || ["pages"];
      say(chosen.indexOf("handouts") >= 0 ? "saved-handouts" : "saved");
      show(chosen, copy.parts);
      /* an update that was cut off part-way, or a new worker's, carries on now */
      var resume = function () {
        if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: "resume" });
      };
      resume();
      navigator.serviceWorker.addEventListener("controllerchange", resume);
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
