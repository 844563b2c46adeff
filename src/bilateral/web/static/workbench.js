// The SPARQL workbench: run with Ctrl+Enter, show results as a table, keep a permalink.
(function () {
  "use strict";
  const form = document.getElementById("workbench");
  if (!form) { return; }
  const editor = form.querySelector("textarea");
  const results = document.getElementById("results");
  const status = document.getElementById("status");
  const permalink = document.getElementById("permalink");
  const endpoint = form.getAttribute("action");
  const base = form.dataset.baseIri;
  const entityPrefix = form.dataset.entityPrefix;
  const resource = form.dataset.resource;
  const own = (form.dataset.own || "").split(" ").filter(Boolean);

  function hrefFor(iri) {
    if (iri.startsWith(base) && iri.length > base.length) {
      return entityPrefix + iri.slice(base.length).split("/").map(encodeURIComponent).join("/");
    }
    if (own.some(function (ns) { return iri.startsWith(ns); })) {
      return resource + "?iri=" + encodeURIComponent(iri);
    }
    return /^https?:\/\//.test(iri) ? iri : null;
  }

  function queryString(extra) {
    const params = new URLSearchParams({ query: editor.value });
    Object.keys(extra || {}).forEach(function (key) { params.set(key, extra[key]); });
    return "?" + params.toString();
  }

  function updateLinks() {
    permalink.href = window.location.pathname + queryString();
    form.querySelectorAll("a[data-format]").forEach(function (link) {
      link.href = endpoint + queryString({ format: link.dataset.format });
    });
  }

  function clear() { while (results.firstChild) { results.removeChild(results.firstChild); } }

  function message(text, className) {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    results.appendChild(p);
  }

  function cell(binding) {
    const td = document.createElement("td");
    if (!binding) { return td; }
    if (binding.type === "uri") {
      const url = hrefFor(binding.value);
      const node = document.createElement(url ? "a" : "span");
      if (url) { node.href = url; }
      node.textContent = binding.value;
      td.appendChild(node);
    } else if (binding.type === "bnode") {
      td.textContent = "_:" + binding.value;
    } else {
      td.textContent = binding.value;
      const note = binding["xml:lang"] ? "@" + binding["xml:lang"] : binding.datatype;
      if (note) { td.title = note; }
    }
    return td;
  }

  function showTable(data) {
    if (Object.prototype.hasOwnProperty.call(data, "boolean")) {
      message("Answer: " + (data.boolean ? "yes (true)" : "no (false)"), "answer");
      return 0;
    }
    const vars = data.head.vars || [];
    const rows = data.results.bindings || [];
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    vars.forEach(function (name) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    });
    const body = table.createTBody();
    rows.forEach(function (row) {
      const tr = body.insertRow();
      vars.forEach(function (name) { tr.appendChild(cell(row[name])); });
    });
    results.appendChild(table);
    return rows.length;
  }

  async function run() {
    const started = performance.now();
    status.textContent = "Running…";
    updateLinks();
    window.history.replaceState(null, "", queryString());
    let response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
          "Content-Type": "application/x-www-form-urlencoded"
        },
        body: new URLSearchParams({ query: editor.value })
      });
    } catch (error) {
      status.textContent = "";
      clear();
      message("The server could not be reached: " + error, "error-message");
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    clear();
    if (!response.ok) {
      let detail = text;
      try { detail = JSON.parse(text).error.message; } catch (ignored) { /* not JSON */ }
      status.textContent = "Error " + response.status + " after " + seconds + " s";
      message(detail, "error-message");
      return;
    }
    if (type.indexOf("sparql-results+json") >= 0) {
      const count = showTable(JSON.parse(text));
      status.textContent = count + " row" + (count === 1 ? "" : "s") + " in " + seconds + " s";
    } else {
      const pre = document.createElement("pre");
      pre.className = "graph";
      pre.textContent = text;
      results.appendChild(pre);
      status.textContent = "Graph in " + seconds + " s";
    }
  }

  editor.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      run();
    }
  });
  editor.addEventListener("input", updateLinks);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  updateLinks();
  if (form.dataset.autorun) { run(); }
}());
