/* The team's average qualification by dimension over the last 12 weeks: an ECharts line chart.
 * The element carries data-src (the JSON endpoint, behind the same access check as the page)
 * and data-echarts (the vendored library, loaded on first use); the data is in the page's language. */
(function () {
  "use strict";

  function loadECharts(url) {
    if (window.echarts) { return Promise.resolve(window.echarts); }
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url;
      s.onload = function () { resolve(window.echarts); };
      s.onerror = function () { reject(new Error("ECharts could not be loaded from " + url)); };
      document.head.appendChild(s);
    });
  }

  function option(data, dealsLabel) {
    var lines = data.series.map(function (s, n) {
      var overall = s.id === "score";
      return {
        name: s.name, type: "line", data: s.values, connectNulls: false, symbolSize: overall ? 7 : 5,
        lineStyle: { width: overall ? 3 : 1.5 }, z: overall ? 3 : 2
      };
    });
    lines.push({ name: dealsLabel, type: "bar", yAxisIndex: 1, data: data.deals, barMaxWidth: 12,
                 itemStyle: { color: "rgba(138,148,158,0.25)" }, z: 1 });
    return {
      animation: false,
      grid: { left: 36, right: 44, top: 56, bottom: 28 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll", textStyle: { fontSize: 11 } },
      xAxis: { type: "category", data: data.weeks.map(function (d) { return d.slice(5); }), axisLabel: { fontSize: 10 } },
      yAxis: [
        { type: "value", min: 0, max: 100, interval: 25, axisLabel: { fontSize: 10 } },
        { type: "value", minInterval: 1, splitLine: { show: false }, axisLabel: { fontSize: 10 } }
      ],
      series: lines
    };
  }

  function mount(el) {
    fetch(el.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error("score history: HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        if (!data.deals.some(function (n) { return n > 0; })) {
          el.textContent = el.dataset.empty || "";
          el.dataset.drawn = "empty";
          return;
        }
        return loadECharts(el.dataset.echarts).then(function (echarts) {
          var chart = echarts.init(el, null, { renderer: "svg" });
          chart.setOption(option(data, el.dataset.dealsLabel || ""));
          window.addEventListener("resize", function () { chart.resize(); });
          el.dataset.drawn = "1";
        });
      })
      .catch(function (err) { el.dataset.drawn = "error"; el.textContent = err.message; });
  }

  function start() { document.querySelectorAll(".hm-chart[data-src]").forEach(mount); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
