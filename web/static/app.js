// clausetrack: small enhancements. Every form works without this file.
//  - decision forms post in the background and update the change's status;
//  - j / k move between changes, like a mail reader.
"use strict";
(function () {
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("decide") || !window.fetch) return;
    var button = ev.submitter;
    if (!button) return;
    ev.preventDefault();
    var data = new FormData(form);
    data.set("verdict", button.value);
    fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "X-CSRF-Token": data.get("csrf") },
      body: new URLSearchParams(data),
      credentials: "same-origin"
    }).then(function (r) {
      if (!r.ok) { throw new Error("status " + r.status); }
      return r.json();
    }).then(function (log) {
      var e = log.events && log.events[0];
      var article = form.closest("article");
      if (!e || !article) { window.location.reload(); return; }
      if (e.kind === "decision") {
        var status = { accept: "accepted", reject: "rejected", flag: "flagged", reopen: "open" }[e.verdict];
        var p = article.querySelector("p.status");
        var s = article.querySelector(".status-text");
        if (p && s && status) { p.className = "status status-" + status; s.textContent = status; }
        var d = article.querySelector(".decision");
        if (d) { d.textContent = "— " + e.verdict + " by " + e.reviewer + (e.text ? ": “" + e.text + "”" : ""); }
      }
      if (e.kind === "comment" && e.text) {
        var list = article.querySelector("ul.comments");
        if (!list) {
          list = document.createElement("ul");
          list.className = "comments";
          form.parentNode.insertBefore(list, form);
        }
        var li = document.createElement("li");
        var b = document.createElement("strong");
        b.textContent = e.reviewer;
        li.appendChild(b);
        li.appendChild(document.createTextNode(": " + e.text));
        list.appendChild(li);
      }
      form.querySelector("textarea").value = "";
      article.setAttribute("data-saved", e.id);
    }).catch(function () {
      var v = document.createElement("input");
      v.type = "hidden";
      v.name = "verdict";
      v.value = button.value;
      form.appendChild(v);
      form.submit();
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var t = ev.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT") return;
    if (ev.key !== "j" && ev.key !== "k") return;
    var items = Array.prototype.slice.call(document.querySelectorAll("article.change"));
    if (!items.length) return;
    var at = items.indexOf(document.activeElement);
    var next = ev.key === "j" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
    items[next].focus();
    items[next].scrollIntoView({ block: "start" });
  });
})();
