// Framelens: the little script the comparison page needs. Choosing a
// concept (a table row, or a marked word) highlights it in every article,
// scrolls each article to its first occurrence and opens its contexts.
// Everything works without it; this only saves scrolling.
(function () {
  "use strict";

  function choose(concept) {
    var already = document.body.dataset.focusConcept === concept;
    document.querySelectorAll("mark.is-focus").forEach(function (m) { m.classList.remove("is-focus"); });
    document.querySelectorAll(".row-pick[aria-pressed=true]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    if (already) {
      delete document.body.dataset.focusConcept;
      return;
    }
    document.body.dataset.focusConcept = concept;
    document.querySelectorAll('.row-pick[data-concept="' + concept + '"]').forEach(function (b) { b.setAttribute("aria-pressed", "true"); });
    document.querySelectorAll(".column").forEach(function (col) {
      var marks = col.querySelectorAll('mark[data-concept="' + concept + '"]');
      marks.forEach(function (m) { m.classList.add("is-focus"); });
      var body = col.querySelector(".column__body");
      if (marks.length && body && body.scrollHeight > body.clientHeight) {
        body.scrollTop = marks[0].offsetTop - body.offsetTop - 24;
      }
    });
    var ctx = document.getElementById("ctx-" + concept);
    if (ctx) { ctx.open = true; }
  }

  document.addEventListener("click", function (e) {
    var pick = e.target.closest(".row-pick, mark[data-concept]");
    if (pick) { choose(pick.dataset.concept); }
  });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.matches("mark[data-concept]")) {
      e.preventDefault();
      choose(e.target.dataset.concept);
    }
  });
})();
