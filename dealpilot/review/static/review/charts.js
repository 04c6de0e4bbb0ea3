/* DealPilot charts: the review's radar (dimensions now vs. then) and the deal's score trend.
 * Elements carry data-chart="radar|trend" and data-src (a JSON endpoint behind the same access
 * check as the page); the data is already in the page's language. */
(function () {
  "use strict";
  if (window.DealPilotCharts) { return; }
  var script = document.currentScript;
  var ECHARTS_URL = script && script.dataset.echarts;

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
    drawn.forEach(function (d) { d.chart.resize({ width: d.width, height: d.chart.getHeight() }); d.chart.getZr().flush(); fitSvg(d.el, d.chart); });
  });
  window.addEventListener("afterprint", function () {
    drawn.forEach(function (d) { d.chart.resize({ width: "auto", height: "auto" }); d.chart.getZr().flush(); fitSvg(d.el, d.chart); });
  });

  var NOW = "#1f5fa8", THEN = "#8a949e";

  // A dimension name wider than the space beside the ring is cut off at the chart's edge (and
  // on paper): long names break onto a second line, Chinese in the middle, English at a space.
  function wrapName(name) {
    var wide = /[\u2e80-\u9fff]/.test(name);
    if (wide) {
      var half = Math.ceil(name.length / 2);
      return name.length > 5 ? name.slice(0, half) + "\n" + name.slice(half) : name;
    }
    if (name.length <= 14) { return name; }
    var cut = name.lastIndexOf(" ", 14);
    return cut > 0 ? name.slice(0, cut) + "\n" + name.slice(cut + 1) : name;
  }

  function radar(data) {
    return {
      animation: false,
      title: { text: data.scale_label || "", right: 0, top: 0, textStyle: { fontSize: 11, fontWeight: "normal", color: "#6a737d" } },
      legend: { bottom: 0, data: data.series.map(function (s) { return s.name; }) },
      tooltip: { trigger: "item" },
      radar: {
        radius: "56%", center: ["50%", "50%"], splitNumber: 4,
        indicator: data.indicators.map(function (i) { return { name: i.name, max: i.max }; }),
        axisName: { color: "#1f2328", fontSize: 12, lineHeight: 15, formatter: wrapName },
        axisNameGap: 8,
        splitArea: { areaStyle: { color: ["#fafbfc", "#f3f5f7"] } }
      },
      series: [{
        type: "radar",
        data: data.series.map(function (s) {
          var now = s.key === "now";
          return {
            name: s.name, value: s.values, symbol: now ? "circle" : "rect", symbolSize: now ? 6 : 5,
            lineStyle: { color: now ? NOW : THEN, width: now ? 2.5 : 2, type: now ? "solid" : "dashed" },
            itemStyle: { color: now ? NOW : THEN },
            areaStyle: now ? { color: "rgba(31,95,168,0.15)" } : undefined,
            label: now ? { show: true, color: NOW, fontSize: 11 } : { show: false }
          };
        })
      }]
    };
  }

  function trend(data) {
    return {
      animation: false,
      grid: { left: 34, right: 34, top: 26, bottom: 24 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, right: 0, itemWidth: 14, textStyle: { fontSize: 11 } },
      xAxis: { type: "category", data: data.dates, axisLabel: { fontSize: 10, hideOverlap: true } },
      yAxis: [
        { type: "value", min: 0, max: 100, splitNumber: 2, axisLabel: { fontSize: 10 } },
        { type: "value", minInterval: 1, splitLine: { show: false }, axisLabel: { fontSize: 10 } }
      ],
      series: [
        { name: data.names.score, type: "line", data: data.score, symbol: "circle", symbolSize: 6,
          lineStyle: { color: NOW, width: 2 }, itemStyle: { color: NOW }, label: { show: data.score.length < 8, fontSize: 10 },
          // Days a newly published playbook version re-scored the deal: a marked line, not deal movement.
          markLine: { symbol: "none", silent: true, lineStyle: { color: "#8e6c00", type: "dashed" },
            label: { formatter: data.names.playbook_changed || "", fontSize: 10 },
            data: (data.playbook_changed || []).map(function (d) { return { xAxis: d }; }) } },
        { name: data.names.flags, type: "bar", yAxisIndex: 1, data: data.flags, barMaxWidth: 10,
          itemStyle: { color: "rgba(198,40,40,0.35)", borderColor: "#c62828", borderType: "dashed" } }
      ]
    };
  }

  var BUILD = { radar: radar, trend: trend };

  function mount(el) {
    var kind = el.dataset.chart;
    var chart = null;
    function load() {
      return fetch(el.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(kind + " data: HTTP " + r.status); } return r.json(); })
        .then(function (data) {
          return window.DealPilotECharts(ECHARTS_URL).then(function (echarts) {
            if (kind === "trend" && data.dates.length === 0) {
              el.textContent = el.dataset.empty || "";
              el.dataset.drawn = "empty";
              return;
            }
            if (!chart) {
              chart = echarts.init(el, null, { renderer: el.dataset.renderer || "canvas" });
              drawn.push({ el: el, chart: chart, width: el.closest(".dp-review-grid") ? PRINT_WIDTH / 2 : PRINT_WIDTH });
              window.addEventListener("resize", function () { chart.resize(); fitSvg(el, chart); });
            }
            chart.setOption(BUILD[kind](data), true);
            fitSvg(el, chart);
            el.dataset.drawn = "1";
          });
        });
    }
    el.dealpilotRefresh = load;
    el.dealpilotChart = function () { return chart; };
    load().catch(function (err) { el.dataset.drawn = "error"; el.textContent = err.message; });
  }

  function mountAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      if (!el.dealpilotRefresh && BUILD[el.dataset.chart]) { mount(el); }
    });
  }

  window.DealPilotCharts = { mount: mount, mountAll: mountAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { mountAll(); });
  } else {
    mountAll();
  }
})();
