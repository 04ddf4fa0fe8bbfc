// On the diagnostic's page, the theme's search index waits until the visitor opens search (see the
// plugin's early.py): Material asks for it with XMLHttpRequest as soon as its bundle runs, and lunr
// then indexes it in a worker, bytes and CPU that Python's start needs more. This plain script runs
// just before the bundle and holds that one request back until the search toggle is switched on
// (by a click, the keyboard shortcut or the search field's focus); search then works as always.
(() => {
  const INDEX = "/search/search_index.json";
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const held = [];
  let released = false;

  function release() {
    if (released) return;
    released = true;
    for (const [request, body] of held.splice(0)) send.call(request, body);
  }

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.msdHeldIndex = !released && String(url).split("?")[0].endsWith(INDEX);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (this.msdHeldIndex && !released) held.push([this, body]);
    else send.call(this, body);
  };
  document.addEventListener("change", (event) => {
    if (event.target?.id === "__search" && event.target.checked) release();
  }, true);
  document.addEventListener("focusin", (event) => {
    if (event.target?.matches?.("[data-md-component='search-query']")) release();
  }, true);
})();
