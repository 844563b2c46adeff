// The SPARQL workbench: a highlighted editor, Ctrl+Enter to run, results as a paged table or
// a chart, downloads and a permalink, and the named queries with their parameter forms.
(function () {
  "use strict";
  const form = document.getElementById("workbench");
  if (!form) { return; }
  const editor = form.querySelector("textarea");
  const highlighted = document.getElementById("highlight");
  const results = document.getElementById("results");
  const chart = document.getElementById("chart");
  const views = document.getElementById("views");
  const showTable = document.getElementById("show-table");
  const showChart = document.getElementById("show-chart");
  const pager = document.getElementById("pager");
  const pageInfo = document.getElementById("page-info");
  const status = document.getElementById("status");
  const permalink = document.getElementById("permalink");
  const namedForm = document.getElementById("named-form");
  const endpoint = form.getAttribute("action");
  const base = form.dataset.baseIri;
  const entityPrefix = form.dataset.entityPrefix;
  const resource = form.dataset.resource;
  const own = (form.dataset.own || "").split(" ").filter(Boolean);
  const named = JSON.parse((document.getElementById("named-queries") || {}).textContent || "[]");
  const prefixes = JSON.parse((document.getElementById("prefixes") || {}).textContent || "{}");
  const PAGE = 100;
  const state = { data: null, page: 0, named: null, namedText: null, view: "table" };

  // --- syntax highlighting ------------------------------------------------------------------
  const KEYWORDS = new Set(("select distinct reduced construct describe ask where from named " +
    "prefix base optional union minus filter bind values graph service order by asc desc " +
    "limit offset group having as not exists in a true false undef count sum min max avg " +
    "sample group_concat separator str lang langmatches datatype bound iri uri bnode rand " +
    "abs ceil floor round concat strlen ucase lcase encode_for_uri contains strstarts " +
    "strends strbefore strafter year month day hours minutes seconds timezone tz now uuid " +
    "struuid md5 sha1 sha256 sha384 sha512 coalesce if strlang strdt sameterm isiri isuri " +
    "isblank isliteral isnumeric regex substr replace lateral").split(" "));
  const TOKEN = new RegExp([
    "(#[^\\n]*)",                                   // 1 comment
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')",
    "(<[^<>\"{}|^`\\\\\\s]*>)",                     // 3 IRI
    "([?$][A-Za-z_][\\w]*)",                        // 4 variable
    "([A-Za-z][\\w.-]*)?:([A-Za-z_][\\w.-]*)?",     // 5, 6 prefixed name
    "([A-Za-z_]+)",                                 // 7 word
    "(\\d+(?:\\.\\d+)?)"                            // 8 number
  ].join("|"), "g");

  function span(className, text) {
    const node = document.createElement("span");
    node.className = className;
    node.textContent = text;
    return node;
  }

  function highlight() {
    const text = editor.value;
    const out = document.createDocumentFragment();
    let last = 0;
    TOKEN.lastIndex = 0;
    let match;
    while ((match = TOKEN.exec(text)) !== null) {
      if (match[0] === "") { TOKEN.lastIndex += 1; continue; }
      out.appendChild(document.createTextNode(text.slice(last, match.index)));
      let kind = null;
      if (match[1]) { kind = "tok-comment"; }
      else if (match[2]) { kind = "tok-string"; }
      else if (match[3]) { kind = "tok-iri"; }
      else if (match[4]) { kind = "tok-var"; }
      else if (match[0].indexOf(":") >= 0) { kind = "tok-pname"; }
      else if (match[7] && KEYWORDS.has(match[7].toLowerCase())) { kind = "tok-keyword"; }
      else if (match[8]) { kind = "tok-number"; }
      out.appendChild(kind ? span(kind, match[0]) : document.createTextNode(match[0]));
      last = match.index + match[0].length;
    }
    out.appendChild(document.createTextNode(text.slice(last) + "\n"));
    highlighted.textContent = "";
    highlighted.appendChild(out);
    syncScroll();
  }

  function syncScroll() {
    highlighted.parentNode.scrollTop = editor.scrollTop;
    highlighted.parentNode.scrollLeft = editor.scrollLeft;
  }

  // --- links --------------------------------------------------------------------------------
  function hrefFor(iri) {
    if (iri.startsWith(base) && iri.length > base.length) {
      return entityPrefix + iri.slice(base.length).split("/").map(encodeURIComponent).join("/");
    }
    if (own.some(function (ns) { return iri.startsWith(ns); })) {
      return resource + "?iri=" + encodeURIComponent(iri);
    }
    return /^https?:\/\//.test(iri) ? iri : null;
  }

  // A prefixed name (bl:Visit) or a path under the entity base (state/RUS), else the IRI.
  function compact(iri) {
    const names = Object.keys(prefixes);
    for (let n = 0; n < names.length; n += 1) {
      const ns = prefixes[names[n]];
      if (iri.startsWith(ns) && iri.length > ns.length) { return names[n] + ":" + iri.slice(ns.length); }
    }
    return iri.startsWith(base) && iri.length > base.length ? iri.slice(base.length) : iri;
  }

  function usingNamed() { return state.named && editor.value === state.namedText; }

  function namedParams() {
    const params = new URLSearchParams();
    namedForm.querySelectorAll("input").forEach(function (input) {
      if (input.value.trim()) { params.set(input.name, input.value.trim()); }
    });
    return params;
  }

  function queryString(extra) {
    const params = new URLSearchParams({ query: editor.value });
    Object.keys(extra || {}).forEach(function (key) { params.set(key, extra[key]); });
    return "?" + params.toString();
  }

  function updateLinks() {
    if (usingNamed()) {
      const params = namedParams();
      permalink.href = state.named.url + "?" + params.toString();
      form.querySelectorAll("a[data-format]").forEach(function (link) {
        const copy = new URLSearchParams(params);
        copy.set("format", link.dataset.format === "turtle" ? "json" : link.dataset.format);
        link.href = state.named.url + "?" + copy.toString();
      });
      return;
    }
    permalink.href = window.location.pathname + queryString();
    form.querySelectorAll("a[data-format]").forEach(function (link) {
      link.href = endpoint + queryString({ format: link.dataset.format });
    });
  }

  // --- named queries ------------------------------------------------------------------------
  function loadNamed(name) {
    const query = named.find(function (q) { return q.name === name; });
    if (!query) { return; }
    state.named = query;
    state.namedText = query.text;
    editor.value = query.text;
    namedForm.textContent = "";
    const title = document.createElement("p");
    title.className = "named-title";
    title.appendChild(span("badge", "named query"));
    title.appendChild(document.createTextNode(" " + query.title + ": " + query.description));
    namedForm.appendChild(title);
    query.params.forEach(function (param) {
      const label = document.createElement("label");
      label.textContent = param.label;
      const input = document.createElement("input");
      input.name = param.name;
      input.value = param.default || "";
      input.placeholder = param.optional ? "optional" : param.type;
      input.addEventListener("input", updateLinks);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); run(); }
      });
      label.appendChild(input);
      namedForm.appendChild(label);
    });
    namedForm.hidden = false;
    highlight();
    updateLinks();
    const first = namedForm.querySelector("input");
    (first || editor).focus();
  }

  // --- results ------------------------------------------------------------------------------
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function message(text, className) {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    results.appendChild(p);
  }

  function cell(binding, label) {
    const td = document.createElement("td");
    if (!binding) { return td; }
    if (binding.type === "uri") {
      const url = hrefFor(binding.value);
      const node = document.createElement(url ? "a" : "span");
      if (url) { node.href = url; }
      node.textContent = label && label.value ? label.value : compact(binding.value);
      node.title = binding.value;
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

  function showPage() {
    clear(results);
    const data = state.data;
    const all = data.head.vars || [];
    // A column ?x with a sibling ?xLabel shows as one column: the IRI, named by the label.
    const labelled = all.filter(function (v) { return all.indexOf(v + "Label") >= 0; });
    const vars = all.filter(function (v) {
      return !(v.endsWith("Label") && labelled.indexOf(v.slice(0, -5)) >= 0);
    });
    const rows = data.results.bindings || [];
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    vars.forEach(function (name) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    });
    const body = table.createTBody();
    rows.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (row) {
      const tr = body.insertRow();
      vars.forEach(function (name) { tr.appendChild(cell(row[name], row[name + "Label"])); });
    });
    results.appendChild(table);
    pager.hidden = pages < 2 || state.view !== "table";
    pageInfo.textContent = "Rows " + (state.page * PAGE + 1) + "–" +
      Math.min(rows.length, (state.page + 1) * PAGE) + " of " + rows.length;
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
  }

  function setView(view) {
    state.view = view;
    showTable.setAttribute("aria-selected", String(view === "table"));
    showChart.setAttribute("aria-selected", String(view === "chart"));
    results.hidden = view !== "table";
    chart.hidden = view !== "chart";
    if (state.data && state.data.results) { showPage(); }
  }

  function showSolutions(data) {
    state.data = data;
    state.page = 0;
    const drawn = window.BilateralChart ?
      window.BilateralChart.draw(chart, data.head.vars || [], data.results.bindings || [], hrefFor) :
      false;
    views.hidden = false;
    showChart.disabled = !drawn;
    showChart.title = drawn ? "" : "No column of dates or numbers to chart";
    setView(state.view === "chart" && drawn ? "chart" : "table");
    return (data.results.bindings || []).length;
  }

  async function run() {
    const started = performance.now();
    status.textContent = "Running…";
    updateLinks();
    let request;
    if (usingNamed()) {
      const params = namedParams();
      params.set("format", "json");
      window.history.replaceState(null, "", "?named=" + encodeURIComponent(state.named.name));
      request = fetch(state.named.url + "?" + params.toString(),
                      { headers: { "Accept": "application/sparql-results+json" } });
    } else {
      window.history.replaceState(null, "", queryString());
      request = fetch(endpoint, {
        method: "POST",
        headers: {
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
          "Content-Type": "application/x-www-form-urlencoded"
        },
        body: new URLSearchParams({ query: editor.value })
      });
    }
    let response;
    try {
      response = await request;
    } catch (error) {
      status.textContent = "";
      clear(results);
      message("The server could not be reached: " + error, "error-message");
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    clear(results);
    clear(chart);
    views.hidden = true;
    pager.hidden = true;
    results.hidden = false;
    chart.hidden = true;
    state.data = null;
    if (!response.ok) {
      let detail = text;
      try { detail = JSON.parse(text).error.message; } catch (ignored) { /* not JSON */ }
      status.textContent = "Error " + response.status + " after " + seconds + " s";
      message(detail, "error-message");
      return;
    }
    if (type.indexOf("json") >= 0) {
      const data = JSON.parse(text);
      if (Object.prototype.hasOwnProperty.call(data, "boolean")) {
        message("Answer: " + (data.boolean ? "yes (true)" : "no (false)"), "answer");
        status.textContent = "Answered in " + seconds + " s";
        return;
      }
      const count = showSolutions(data);
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
  editor.addEventListener("input", function () {
    highlight();
    namedForm.hidden = !usingNamed();
    updateLinks();
  });
  editor.addEventListener("scroll", syncScroll);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  showTable.addEventListener("click", function () { setView("table"); });
  showChart.addEventListener("click", function () { setView("chart"); });
  document.getElementById("prev").addEventListener("click", function () {
    state.page -= 1; showPage();
  });
  document.getElementById("next").addEventListener("click", function () {
    state.page += 1; showPage();
  });
  document.querySelectorAll("#named-list button[data-name]").forEach(function (button) {
    button.addEventListener("click", function () { loadNamed(button.dataset.name); });
  });
  const wanted = new URLSearchParams(window.location.search).get("named");
  if (wanted) { loadNamed(wanted); }
  highlight();
  updateLinks();
  if (form.dataset.autorun) { run(); }
}());
