/* phantom-mesh-perf reports index: per-model trend charts of P99 and peak req/s with uPlot, from
   the page's JSON data block; run names reach the page only as text (uPlot's legend uses
   textContent). Fetches nothing. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("index-data").textContent);
  var COLORS = { p99: "#e16f24", peak: "#0969da", target: "#2da44e" };
  document.querySelectorAll(".plot").forEach(function (node) {
    var model = data.models[node.getAttribute("data-model")];
    var kind = node.getAttribute("data-kind");
    if (!model || model.runs.length === 0) {
      return;
    }
    var x = model.runs.map(function (r, i) {
      return i;
    });
    var y = model.runs.map(function (r) {
      return r[kind];
    });
    var target = kind === "p99" ? model.p99_target : model.peak_target;
    var color = COLORS[kind];
    var chart = new uPlot(
      {
        width: Math.max(300, Math.min(560, node.parentNode.getBoundingClientRect().width - 8)),
        height: 180,
        scales: { x: { time: false }, y: { range: function (u, min, max) {
          return [0, Math.max(max || 0, target || 0) * 1.1 || 1];
        } } },
        axes: [
          { values: function (u, splits) {
            return splits.map(function (i) {
              var r = model.runs[Math.round(i)];
              return r && Math.round(i) === i ? r.short_date : "";
            });
          } },
          { size: 56 }
        ],
        series: [
          { label: "run", value: function (u, i) {
            var r = i === null ? null : model.runs[Math.round(i)];
            return r ? r.folder + " · " + r.verdict : "–";
          } },
          { label: kind === "p99" ? "P99 ms" : "peak req/s", stroke: color, width: 2,
            points: { show: true, size: 7, fill: color } }
        ],
        hooks: { draw: [function (u) {
          if (target === null || target === undefined) {
            return;
          }
          var yy = Math.round(u.valToPos(target, "y", true));
          u.ctx.save();
          u.ctx.strokeStyle = COLORS.target;
          u.ctx.setLineDash([5, 4]);
          u.ctx.beginPath();
          u.ctx.moveTo(u.bbox.left, yy);
          u.ctx.lineTo(u.bbox.left + u.bbox.width, yy);
          u.ctx.stroke();
          u.ctx.restore();
        }] }
      },
      [x, y],
      node
    );
    node.setAttribute("data-colors", color);
    node.setAttribute("data-points", String(chart.data[0].length));
  });
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
})();
