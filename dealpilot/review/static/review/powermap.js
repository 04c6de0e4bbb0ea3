/* DealPilot power map: stakeholders as an org chart (ECharts graph over reporting lines).
 * Colour = attitude (always with an icon and a word), size = influence, border = our access,
 * diamond = an unreached decider or fund approver, dashed blue arrows = paths of introduction.
 * Click a person to load the workspace's edit form (htmx) into the panel; after any save on the
 * page ("dp-saved") the map, the intro-path suggestions and the trend chart fetch fresh data. */
(function () {
  "use strict";
  if (window.DealPilotPowerMap) { return; }

  var script = document.currentScript;
  var ECHARTS_URL = script && script.dataset.echarts;

  // One copy of ECharts per page, loaded on first use (the map and the charts share it).
  window.DealPilotECharts = window.DealPilotECharts || (function () {
    var pending = null;
    return function (url) {
      if (window.echarts) { return Promise.resolve(window.echarts); }
      if (!pending) {
        pending = new Promise(function (resolve, reject) {
          var s = document.createElement("script");
          s.src = url;
          s.onload = function () { resolve(window.echarts); };
          s.onerror = function () { reject(new Error("ECharts could not be loaded from " + url)); };
          document.head.appendChild(s);
        });
      }
      return pending;
    };
  })();

  // An SVG chart carries a viewBox so print can scale it to the A4 page without redrawing.
  function fitSvg(el, chart) {
    var svg = el.querySelector("svg");
    if (svg && chart) {
      svg.setAttribute("viewBox", "0 0 " + chart.getWidth() + " " + chart.getHeight());
      svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    }
  }

  // Printing redraws each chart at the width of an A4 page (186 mm ≈ 700 CSS px), so labels
  // print at their real size instead of a screen-wide drawing shrunk onto paper.
  var PRINT_WIDTH = 700;
  var drawn = [];
  window.addEventListener("beforeprint", function () {
    drawn.forEach(function (d) { d.chart.resize({ width: d.width, height: d.chart.getHeight() }); d.redraw(); d.chart.getZr().flush(); fitSvg(d.el, d.chart); });
  });
  window.addEventListener("afterprint", function () {
    drawn.forEach(function (d) { d.chart.resize({ width: "auto", height: "auto" }); d.redraw(); d.chart.getZr().flush(); fitSvg(d.el, d.chart); });
  });

  function hatch() {
    // "Unknown" attitude is hatched, not a colour: a small repeating diagonal-line tile.
    var c = document.createElement("canvas");
    c.width = 8; c.height = 8;
    var g = c.getContext("2d");
    g.fillStyle = "#ffffff"; g.fillRect(0, 0, 8, 8);
    g.strokeStyle = "#9e9e9e"; g.lineWidth = 1.5;
    g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.moveTo(-2, 2); g.lineTo(2, -2); g.moveTo(6, 10); g.lineTo(10, 6); g.stroke();
    return { image: c, repeat: "repeat" };
  }

  // Tooltips are HTML: every piece of user text is escaped. Labels are ECharts rich text, where
  // braces would open a style: they are swapped for look-alikes.
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function rich(text) { return String(text).replace(/[{]/g, "\uFF5B").replace(/[}]/g, "\uFF5D"); }

  function labelFor(n, words, compact) {
    if (compact) {  // a phone: name and attitude; the rest is in the tooltip a tap opens
      return "{n|" + rich(n.name) + "}\n{a|" + n.attitude_icon + " " + n.attitude_label + "}";
    }
    var contact = n.days_since_contact === null ? words.never : n.days_since_contact + " " + (n.days_since_contact === 1 ? words.day : words.days);
    var lines = ["{n|" + rich(n.name) + "}"];
    if (n.title) { lines.push("{t|" + rich(n.title) + "}"); }
    if (n.roles.length) { lines.push("{r|" + rich(n.roles.join(" · ")) + "}"); }
    lines.push("{a|" + n.attitude_icon + " " + n.attitude_label + " · " + n.access_label + "}");
    lines.push("{d|" + contact + "}");
    return lines.join("\n");
  }

  var EDGE_STYLE = {
    reports_to: { type: "solid", color: "#8a949e", width: 1.5, curveness: 0 },
    knows: { type: "dotted", color: "#8a949e", width: 1.5, curveness: 0.25 },
    works_closely: { type: "dotted", color: "#5c6670", width: 2.5, curveness: 0.25 },
    intro: { type: "dashed", color: "#1f5fa8", width: 3.5, curveness: 0.35 }
  };

  // Below this width the map draws compact labels and narrow margins (a phone held upright).
  var COMPACT = 520;

  function margins(width) {
    return width < COMPACT ? { top: 36, bottom: 66, left: 40, right: 40 } : { top: 40, bottom: 110, left: 80, right: 80 };
  }

  // ECharts fits the people's x/y into the drawing box with separate horizontal and vertical
  // scales but sizes the symbols by the horizontal one only: circles come out as ovals. The
  // symbol's height is corrected by the ratio of the two scales.
  // People all on one row (or in one column) give ECharts a box of zero height (or width), which
  // it stretches without limit. Two invisible corner points one unit beyond keep the box real.
  function anchors(data) {
    var xs = data.nodes.map(function (n) { return n.x; }), ys = data.nodes.map(function (n) { return n.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    if (x1 > x0 && y1 > y0) { return []; }
    var padX = x1 > x0 ? 0 : 1, padY = y1 > y0 ? 0 : 1;
    return [{ x: x0 - padX, y: y0 - padY }, { x: x1 + padX, y: y1 + padY }];
  }

  function squash(points, width, height) {
    var xs = points.map(function (n) { return n.x; }), ys = points.map(function (n) { return n.y; });
    var dx = Math.max.apply(null, xs) - Math.min.apply(null, xs), dy = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    var m = margins(width);
    if (!dx || !dy) { return 1; }
    var sx = (width - m.left - m.right) / dx, sy = (height - m.top - m.bottom) / dy;
    return sx > 0 && sy > 0 ? sx / sy : 1;
  }

  function option(data, width, height) {
    var pattern = hatch();
    var words = data.words;
    var compact = width < COMPACT;
    var corners = data.nodes.length ? anchors(data) : [];
    var ratio = squash(data.nodes.concat(corners), width, height);
    var nodes = data.nodes.map(function (n) {
      var size = (n.unreached_target ? n.size * 1.15 : n.size) * (compact ? 0.75 : 1);
      return {
        id: n.id, name: n.name, x: n.x, y: n.y, value: n.influence,
        symbol: n.unreached_target ? "diamond" : "circle",
        symbolSize: [size, size * ratio],
        edit_url: n.edit_url,
        itemStyle: {
          color: n.attitude === "unknown" ? pattern : n.colour,
          borderColor: "#1f2328", borderType: n.border, borderWidth: n.border_width
        },
        label: { show: true, position: "bottom", formatter: labelFor(n, words, compact) },
        tooltip: { formatter: esc(n.name) + (n.title ? " · " + esc(n.title) : "") + "<br>" + n.attitude_icon + " " +
          esc(n.attitude_label) + " · " + esc(n.access_label) + (n.roles.length ? "<br>" + esc(n.roles.join(" · ")) : "") }
      };
    });
    var edges = data.edges.map(function (e) {
      var st = EDGE_STYLE[e.kind] || EDGE_STYLE.knows;
      return {
        source: e.source, target: e.target, kind: e.kind,
        symbol: e.kind === "intro" ? ["none", "arrow"] : ["none", "none"], symbolSize: 10,
        lineStyle: { type: st.type, color: st.color, width: st.width, curveness: st.curveness, opacity: 1 },
        label: e.kind === "intro" ? { show: true, formatter: words.intro, color: "#1f5fa8", fontSize: 11 } : { show: false }
      };
    });
    return {
      animation: false,
      tooltip: { trigger: "item" },
      series: [{
        type: "graph", layout: "none", roam: false, draggable: false,
        top: margins(width).top, bottom: margins(width).bottom, left: margins(width).left, right: margins(width).right,
        data: nodes.concat(corners.map(function (c, i) {
          return { id: "__corner" + i, name: "", x: c.x, y: c.y, symbolSize: 0, silent: true, label: { show: false }, tooltip: { show: false } };
        })), links: edges, edgeSymbol: ["none", "none"],
        label: {
          rich: {
            n: { fontSize: 13, fontWeight: "bold", color: "#1f2328", lineHeight: 17 },
            t: { fontSize: 11, color: "#444c56", lineHeight: 15 },
            r: { fontSize: 11, color: "#1f5fa8", lineHeight: 15 },
            a: { fontSize: 11, color: "#1f2328", lineHeight: 15 },
            d: { fontSize: 10, color: "#6a737d", lineHeight: 14 }
          }
        },
        emphasis: { focus: "adjacency", lineStyle: { width: 4 } }
      }]
    };
  }

  function heightFor(data, width) {
    var levels = {};
    data.nodes.forEach(function (n) { levels[n.y] = true; });
    var depth = Object.keys(levels).length || 1;
    return width < COMPACT ? Math.max(220, depth * 110 + 80) : Math.max(280, depth * 150 + 140);
  }

  function renderPaths(box, data) {
    if (!box) { return; }
    box.textContent = "";
    data.paths.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = p.message;
      if (!p.via.length) { li.className = "dp-muted"; }
      box.appendChild(li);
    });
    box.hidden = data.paths.length === 0;
    // With nobody left to be introduced to, the heading would stand over an empty list.
    var title = box.previousElementSibling;
    if (title && title.hasAttribute("data-intro-title")) { title.hidden = box.hidden; }
  }

  function mount(el) {
    var renderer = el.dataset.renderer || "canvas";
    var editable = el.dataset.editable === "1";
    var section = el.closest("[data-powermap-section]") || document;
    var panel = section.querySelector("[data-powermap-panel]");
    var pathsBox = section.querySelector("[data-intro-paths]");
    var chart = null;
    var shown = null;

    // Drawn for the chart's current size: the symbols' correction and the labels depend on it.
    function redraw() {
      if (chart && shown) { chart.setOption(option(shown, chart.getWidth(), chart.getHeight()), true); }
    }

    function load() {
      return fetch(el.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error("power map data: HTTP " + r.status); } return r.json(); })
        .then(function (data) {
          return window.DealPilotECharts(ECHARTS_URL).then(function (echarts) {
            if (!data.nodes.length) {
              el.classList.add("dp-chart-empty");
              el.textContent = el.dataset.empty || "";
              el.dataset.drawn = "empty";
              renderPaths(pathsBox, data);
              return;
            }
            el.style.height = heightFor(data, el.clientWidth) + "px";
            if (!chart) {
              chart = echarts.init(el, null, { renderer: renderer });
              drawn.push({ el: el, chart: chart, width: PRINT_WIDTH, redraw: redraw });
              chart.on("click", function (p) {
                if (editable && p.dataType === "node" && p.data.edit_url && window.htmx && panel) {
                  window.htmx.ajax("GET", p.data.edit_url, { target: panel, swap: "innerHTML" }).then(function () {
                    // Remember the form's element: once a save or cancel replaces it, the panel closes.
                    var first = panel.firstElementChild;
                    panel.dataset.formId = first && first.id ? first.id : "";
                  });
                }
              });
              window.addEventListener("resize", function () { chart.resize(); redraw(); fitSvg(el, chart); });
            }
            chart.resize();
            shown = data;
            redraw();
            fitSvg(el, chart);
            el.dataset.drawn = String(data.nodes.length);
            renderPaths(pathsBox, data);
          });
        });
    }

    el.dealpilotRefresh = load;
    el.dealpilotChart = function () { return chart; };
    load().catch(function (err) { el.dataset.drawn = "error"; el.textContent = err.message; });
  }

  function mountAll(root) {
    (root || document).querySelectorAll("[data-powermap]").forEach(function (el) {
      if (!el.dealpilotRefresh) { mount(el); }
    });
  }

  // After a save anywhere on the page the workspace triggers "dp-saved": the map, the suggestions
  // and the trend fetch fresh data.
  document.addEventListener("dp-saved", function () {
    document.querySelectorAll("[data-powermap], [data-chart]").forEach(function (el) {
      if (el.dealpilotRefresh) { el.dealpilotRefresh(); }
    });
  });
  // The panel holds the edit form; once saved or cancelled something else replaced it: close it.
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("[data-powermap-panel]").forEach(function (panel) {
      var formId = panel.dataset.formId;
      if (formId && panel.children.length && !document.getElementById(formId)) {
        panel.textContent = "";
        panel.dataset.formId = "";
      }
    });
  });
  document.addEventListener("htmx:load", function (evt) { mountAll(evt.target); });

  window.DealPilotPowerMap = { mount: mount, mountAll: mountAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { mountAll(); });
  } else {
    mountAll();
  }
})();
