/* Forecast charts: the weekly waterfall and the win model's reliability diagram. Each element
 * carries data-src, a JSON endpoint behind the same access check as its page. */
(function () {
  "use strict";
  function draw(el) {
    fetch(el.dataset.src, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (d) {
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      if (d.labels) {
        chart.setOption({
          title: { text: d.title, textStyle: { fontSize: 14 } }, tooltip: { trigger: "axis" },
          xAxis: { type: "category", data: d.labels }, yAxis: { type: "value" },
          series: [
            { type: "bar", stack: "w", data: d.base, itemStyle: { color: "transparent" }, tooltip: { show: false } },
            { name: d.names.up, type: "bar", stack: "w", data: d.up, itemStyle: { color: "#2e7d32" } },
            { name: d.names.down, type: "bar", stack: "w", data: d.down, itemStyle: { color: "#c62828" } }
          ]
        });
      } else if (d.points) {
        chart.setOption({
          title: { text: d.title, textStyle: { fontSize: 14 } }, tooltip: {},
          xAxis: { type: "value", min: 0, max: 1, name: d.x }, yAxis: { type: "value", min: 0, max: 1, name: d.y },
          series: [
            { type: "line", data: [[0, 0], [1, 1]], lineStyle: { type: "dashed", color: "#999" }, symbol: "none" },
            { type: "scatter", data: d.points, symbolSize: function (v) { return 6 + Math.sqrt(v[2]); } }
          ]
        });
      }
    });
  }
  function start() {
    if (!window.echarts) { return; }
    document.querySelectorAll(".fc-chart[data-src]").forEach(draw);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
