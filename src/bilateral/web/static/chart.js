// Charts for SPARQL results, drawn as SVG in the page: bars for a column of counts, and a
// timeline (items per year) for a column of dates. No library, no network.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const DATE = /^(\d{4})(-\d\d)?(-\d\d)?/;
  const NUMBER = /^-?\d+(\.\d+)?(e-?\d+)?$/i;
  const NUMERIC_TYPES = /#(integer|decimal|double|float|int|long|short|nonNegativeInteger|positiveInteger)$/;
  const MAX_BARS = 40;

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function values(rows, name) {
    return rows.map(function (row) { return row[name]; }).filter(Boolean);
  }

  function share(list, test) {
    return list.length ? list.filter(test).length / list.length : 0;
  }

  function isDate(binding) {
    return binding.type !== "uri" && DATE.test(binding.value) &&
      !NUMBER.test(binding.value) && binding.value.length >= 4;
  }

  function isNumber(binding) {
    return binding.type !== "uri" &&
      (NUMERIC_TYPES.test(binding.datatype || "") || NUMBER.test(binding.value));
  }

  function shortName(binding) {
    if (!binding) { return ""; }
    if (binding.type !== "uri") { return binding.value; }
    const tail = binding.value.split(/[/#]/).pop();
    return tail || binding.value;
  }

  function columns(vars, rows) {
    const found = { date: null, number: null, label: null, link: null };
    vars.forEach(function (name) {
      const list = values(rows, name);
      if (!list.length) { return; }
      if (!found.date && share(list, isDate) >= 0.6) { found.date = name; return; }
      if (!found.number && share(list, isNumber) >= 0.9) { found.number = name; return; }
      if (!found.link && share(list, function (b) { return b.type === "uri"; }) >= 0.9) {
        found.link = name;
      }
      const literal = share(list, function (b) { return b.type !== "uri" && !isNumber(b); });
      if (!found.label && literal >= 0.9 && /label|name|title|topic/i.test(name)) {
        found.label = name;
      }
    });
    return found;
  }

  function figure(container, title) {
    const fig = document.createElement("figure");
    fig.className = "chart-figure";
    const caption = document.createElement("figcaption");
    caption.textContent = title;
    fig.appendChild(caption);
    container.appendChild(fig);
    return fig;
  }

  function bars(container, rows, cols, hrefFor) {
    const shown = rows.filter(function (r) { return r[cols.number]; }).slice(0, MAX_BARS);
    const width = 760, row = 22, left = 230, right = 60;
    const height = shown.length * row + 10;
    const top = Math.max.apply(null, shown.map(function (r) {
      return Number(r[cols.number].value);
    }).concat([0])) || 1;
    const fig = figure(container, "Bars: " + cols.number + " by " + (cols.label || cols.link) +
      (rows.length > shown.length ? " (first " + shown.length + " of " + rows.length + " rows)" : ""));
    const svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Bar chart of " + cols.number });
    shown.forEach(function (r, n) {
      const value = Number(r[cols.number].value);
      const name = cols.label && r[cols.label] ? r[cols.label].value : shortName(r[cols.link]);
      const y = n * row + 5;
      const w = Math.max(1, (width - left - right) * Math.max(0, value) / top);
      const url = cols.link && r[cols.link] ? hrefFor(r[cols.link].value) : null;
      const group = url ? el("a", { href: url }) : el("g");
      group.appendChild(el("text", { x: left - 8, y: y + 14, class: "bar-label",
        "text-anchor": "end" }, name.length > 34 ? name.slice(0, 33) + "…" : name));
      const rect = el("rect", { x: left, y: y + 2, width: w.toFixed(1), height: row - 6,
        class: "bar" });
      rect.appendChild(el("title", {}, name + ": " + value));
      group.appendChild(rect);
      group.appendChild(el("text", { x: left + w + 6, y: y + 14, class: "bar-value" },
        String(value)));
      svg.appendChild(group);
    });
    fig.appendChild(svg);
  }

  function timeline(container, rows, cols) {
    const counts = {};
    let undated = 0;
    rows.forEach(function (r) {
      const match = r[cols.date] ? DATE.exec(r[cols.date].value) : null;
      if (!match) { undated += 1; return; }
      counts[match[1]] = (counts[match[1]] || 0) + 1;
    });
    const years = Object.keys(counts).map(Number).sort(function (a, b) { return a - b; });
    if (!years.length) { return false; }
    const first = years[0], last = years[years.length - 1];
    const span = last - first + 1;
    const width = 760, height = 220, left = 40, bottom = 30, top = 10;
    const most = Math.max.apply(null, years.map(function (y) { return counts[y]; }));
    const slot = (width - left - 10) / span;
    const fig = figure(container, "Timeline: rows per year of " + cols.date +
      (undated ? " (" + undated + " without a date not drawn)" : ""));
    const svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Rows per year of " + cols.date });
    svg.appendChild(el("line", { x1: left, x2: width - 10, y1: height - bottom,
      y2: height - bottom, class: "axis" }));
    svg.appendChild(el("text", { x: left - 6, y: top + 10, class: "tick",
      "text-anchor": "end" }, String(most)));
    const step = Math.max(1, Math.round(span / 12));
    for (let year = first; year <= last; year += 1) {
      const x = left + (year - first) * slot;
      const n = counts[year] || 0;
      if (n) {
        const h = (height - bottom - top) * n / most;
        const rect = el("rect", { x: (x + 1).toFixed(1), y: (height - bottom - h).toFixed(1),
          width: Math.max(1, slot - 2).toFixed(1), height: h.toFixed(1), class: "bar" });
        rect.appendChild(el("title", {}, year + ": " + n + " row" + (n === 1 ? "" : "s")));
        svg.appendChild(rect);
      }
      if ((year - first) % step === 0) {
        svg.appendChild(el("text", { x: (x + slot / 2).toFixed(1), y: height - bottom + 18,
          class: "tick", "text-anchor": "middle" }, String(year)));
      }
    }
    fig.appendChild(svg);
    return true;
  }

  // Draw whatever suits the columns into ``container``; return whether anything was drawn.
  function draw(container, vars, rows, hrefFor) {
    while (container.firstChild) { container.removeChild(container.firstChild); }
    if (!rows.length) { return false; }
    const cols = columns(vars, rows);
    let drawn = false;
    if (cols.number && (cols.label || cols.link)) {
      bars(container, rows, cols, hrefFor);
      drawn = true;
    }
    if (cols.date) { drawn = timeline(container, rows, cols) || drawn; }
    return drawn;
  }

  window.BilateralChart = { draw: draw, columns: columns };
}());
