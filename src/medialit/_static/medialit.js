/* The kit's page behaviour (loaded on every page by medialit.sphinxext).
 *
 * Tables: a cell that holds prose (24 characters or more) is marked "medialit-prose", which
 * medialit.css keeps at least a few words wide, so that a wide table scrolls inside its box
 * instead of squeezing its text column to a few letters on a phone. A table that sits in no
 * scrolling box is wrapped in one, which keyboard users can focus and scroll when it overflows
 * (the theme does the same for its own scroll boxes).
 */
(function () {
  "use strict";

  function scrollsSideways(el) {
    const overflow = getComputedStyle(el).overflowX;
    return overflow === "auto" || overflow === "scroll";
  }

  function boxOf(table, article) {
    for (let el = table.parentElement; el && el !== article; el = el.parentElement) {
      if (scrollsSideways(el)) return el;
    }
    return null;
  }

  function prepareTables() {
    const article = document.querySelector(".bd-article") || document.querySelector("main");
    if (!article) return;
    for (const table of article.querySelectorAll("table")) {
      for (const cell of table.querySelectorAll("td, th")) {
        if (cell.textContent.trim().length >= 24) cell.classList.add("medialit-prose");
      }
      let box = boxOf(table, article);
      if (!box) {
        box = document.createElement("div");
        box.className = "medialit-scroll";
        table.parentNode.insertBefore(box, table);
        box.appendChild(table);
      }
      if (box.classList.contains("medialit-scroll") && box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;  // the theme does this for its own scroll boxes
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepareTables);
  } else {
    prepareTables();
  }
})();
