/* "Save for offline" and the site's small helpers. Small, no dependencies.
   Search is in search.js, which only the search page loads. */
(function () {
  "use strict";

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
})();
