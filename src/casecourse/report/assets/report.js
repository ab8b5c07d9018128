// casecourse report: hover shows a fact's source sentence; click pins it and finds it in the text.
(function () {
  "use strict";
  var facts = JSON.parse(document.getElementById("facts").textContent);
  var tip = document.getElementById("tip");
  var detail = document.getElementById("detail");
  var textPanel = document.getElementById("text");
  var KIND = {exposure: "Drug", condition: "Diagnosis", finding: "Finding", lab: "Lab", event: "Event",
              assessment: "Assessment"};
  function esc(s) {
    return String(s || "").replace(/[&<>"]/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[c];
    });
  }
  function target(el) { return el && el.closest ? el.closest("[data-fact]") : null; }
  function card(id) {
    var f = facts[id];
    if (!f) { return null; }
    var meta = [f.assertion && f.assertion !== "present" ? f.assertion : "", f.rule ? "rule: " + f.rule : ""];
    return "<div class=\"kind\">" + esc(KIND[f.kind] || f.kind) + "</div>" +
      "<div class=\"label\">" + esc(f.label) + "</div>" +
      (f.when ? "<div class=\"when\">" + esc(f.when) + "</div>" : "") +
      (f.detail ? "<div class=\"muted\">" + esc(f.detail) + "</div>" : "") +
      (f.sentence ? "<div class=\"sentence\">" + f.sentence + "</div>" : "") +
      "<div class=\"muted\">" + esc(meta.filter(Boolean).join(" · ")) + "</div>";
  }
  function select(id) {
    var html = card(id);
    if (!html) { return; }
    detail.innerHTML = html;
    detail.setAttribute("data-selected", id);
    var parent = id.split("#")[0];
    document.querySelectorAll(".selected, mark.active").forEach(function (el) {
      el.classList.remove("selected"); el.classList.remove("active");
    });
    document.querySelectorAll("svg [data-fact]").forEach(function (el) {
      if (el.getAttribute("data-fact") === id) { el.classList.add("selected"); }
    });
    var first = null;
    textPanel.querySelectorAll("mark[data-fact]").forEach(function (m) {
      var f = m.getAttribute("data-fact");
      if (f === id || f === parent) { m.classList.add("active"); first = first || m; }
    });
    if (first) {
      textPanel.scrollTop = first.offsetTop - textPanel.offsetTop - textPanel.clientHeight / 3;
    }
  }
  document.addEventListener("mouseover", function (e) {
    var el = target(e.target);
    var html = el && card(el.getAttribute("data-fact"));
    if (!html) { tip.hidden = true; return; }
    tip.innerHTML = html;
    tip.hidden = false;
  });
  document.addEventListener("mousemove", function (e) {
    if (tip.hidden) { return; }
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth - 8) { x = e.clientX - tip.offsetWidth - 14; }
    if (y + tip.offsetHeight > window.innerHeight - 8) { y = e.clientY - tip.offsetHeight - 14; }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  });
  document.addEventListener("click", function (e) {
    var el = target(e.target);
    if (el) { select(el.getAttribute("data-fact")); }
  });
})();
