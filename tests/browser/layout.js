/* Layout check run in each built page by tests/browser/test_site.py. Opens every fold first
   (hidden code cells, solutions, dropdowns), then reports:
   - page: the page is wider than the window (document.documentElement.scrollWidth > viewport);
   - spill: the article's content is wider than its column (runs under a sidebar);
   - clipped: a box that hides its overflow while its content is wider than it (text cut off);
   - noScrollbar: a box that scrolls sideways but draws no scrollbar;
   - squeezed: a table cell holding prose (24 characters or more) less than 8 em wide. */
async () => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  for (const b of document.querySelectorAll("button.toggle-button.toggle-button-hidden")) b.click();
  for (const el of document.querySelectorAll(".toggle-hidden")) el.classList.remove("toggle-hidden");
  await new Promise(resolve => setTimeout(resolve, 250));
  const vw = document.documentElement.clientWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + [...el.classList].slice(0, 3).join(".") : "");
  const text = el => (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
  const ignored = el => el.closest("mjx-assistive-mml, .visually-hidden, .sr-only, .skip-link, .headerlink") ||
    el.getBoundingClientRect().width <= 2;
  // What a box that hides its overflow really cuts off: an element or a run of text that shows
  // (not a screen-reader copy such as MathJax's assistive MathML) outside the box's content edges.
  const cutOff = box => {
    const r = box.getBoundingClientRect();
    const left = r.left + box.clientLeft, right = left + box.clientWidth;
    const outside = rect => rect.width > 0 && (rect.right > right + 1 || rect.left < left - 1);
    const scrolled = el => {  // inside a box of its own that scrolls (within this one)
      for (let a = el.parentElement; a && a !== box; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === "auto" || o === "scroll") return true;
      }
      return false;
    };
    for (const el of box.querySelectorAll("*")) {
      if (!ignored(el) && outside(el.getBoundingClientRect()) && !scrolled(el)) return `${name(el)} reaches ${Math.round(el.getBoundingClientRect().right)} px, the box ends at ${Math.round(right)} px`;
    }
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || ignored(node.parentElement) || scrolled(node)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (outside(rect)) return `text "${node.textContent.trim().slice(0, 30)}" reaches ${Math.round(rect.right)} px, the box ends at ${Math.round(right)} px`;
      }
    }
    return "";
  };
  const article = document.querySelector(".bd-article") || document.querySelector("main") || document.body;
  const result = {vw, sw: document.documentElement.scrollWidth, page: [], spill: [], clipped: [],
                  noScrollbar: [], squeezed: []};
  if (result.sw > vw) {  // name what reaches past the window (in the article: the sidebars slide in from off-screen)
    for (const el of article.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && r.width > 0 && !ignored(el)) result.page.push(`${name(el)} reaches ${Math.round(r.right)} px`);
    }
    result.page = result.page.slice(-5);
  }
  if (article.scrollWidth > article.clientWidth + 1) {
    result.spill.push(`${name(article)} content ${article.scrollWidth} px in a ${article.clientWidth} px column`);
  }
  for (const el of article.querySelectorAll("*")) {
    if (ignored(el)) continue;
    const style = getComputedStyle(el);
    const overflows = el.scrollWidth > el.clientWidth + 1;
    if (overflows && (style.overflowX === "hidden" || style.overflowX === "clip")) {
      const cut = cutOff(el);
      if (cut) result.clipped.push(`${name(el)} "${text(el)}": ${cut}`);
    }
    if (overflows && (style.overflowX === "auto" || style.overflowX === "scroll")) {
      const bar = el.offsetHeight - el.clientHeight - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
      if (bar <= 0) result.noScrollbar.push(`${name(el)} "${text(el)}": scrolls ${el.scrollWidth} px in ${el.clientWidth} px without a scrollbar`);
    }
  }
  for (const cell of article.querySelectorAll("td, th")) {
    const words = (cell.textContent || "").trim();
    if (words.length < 24 || ignored(cell)) continue;
    const style = getComputedStyle(cell);
    const width = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (width < 8 * parseFloat(style.fontSize)) result.squeezed.push(`${name(cell)} "${text(cell)}": ${Math.round(width)} px wide`);
  }
  return result;
};
