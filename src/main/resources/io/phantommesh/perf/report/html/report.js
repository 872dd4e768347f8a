/* phantom-mesh-perf report page: draws the charts from the page's JSON data block with uPlot and
   makes the tables sortable. Reads only the page itself; fetches nothing. Every text from the
   result document reaches the page through the template (escaped) or through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var COLORS = {
    responses: "#0969da",
    started: "#8250df",
    errors: "#cf222e",
    users: "#1a7f37",
    p50: "#0550ae",
    p99: "#e16f24",
    target: "#2da44e",
    critical: "#cf222e",
    rss: "#0969da",
    cpu: "#bf3989",
    trend: "#6e7781",
    distribution: "#0969da"
  };
  var PHASE_FILL = {
    peak: "rgba(207,34,46,0.08)",
    shoulder: "rgba(191,135,0,0.10)",
    low: "rgba(9,105,218,0.07)"
  };
  var timeCharts = [];
  var allCharts = [];
  var syncing = false;

  function widthOf(node) {
    return Math.max(320, Math.floor(node.getBoundingClientRect().width) - 4);
  }

  function nulls(a) {
    return a.map(function (v) {
      return v === undefined ? null : v;
    });
  }

  function hline(u, value, color, dash) {
    if (value === null || value === undefined) {
      return;
    }
    var y = Math.round(u.valToPos(value, "y", true));
    var ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.restore();
  }

  function vband(u, from, to, fill) {
    var x0 = u.valToPos(from, "x", true);
    var x1 = u.valToPos(to, "x", true);
    var left = Math.max(u.bbox.left, Math.min(x0, x1));
    var right = Math.min(u.bbox.left + u.bbox.width, Math.max(x0, x1));
    if (right <= left) {
      return;
    }
    u.ctx.save();
    u.ctx.fillStyle = fill;
    u.ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
    u.ctx.restore();
  }

  function vline(u, at, color) {
    var x = Math.round(u.valToPos(at, "x", true));
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) {
      return;
    }
    u.ctx.save();
    u.ctx.strokeStyle = color;
    u.ctx.lineWidth = 2 * devicePixelRatio;
    u.ctx.beginPath();
    u.ctx.moveTo(x, u.bbox.top);
    u.ctx.lineTo(x, u.bbox.top + u.bbox.height);
    u.ctx.stroke();
    u.ctx.restore();
  }

  function spikeDecor(u) {
    var s = data.spike;
    if (!s || s.start === null || s.end === null) {
      return;
    }
    vband(u, s.start, s.end + 1, "rgba(225,111,36,0.12)");
    if (s.recovered_at !== null && s.recovered_at !== undefined) {
      vline(u, s.recovered_at, COLORS.target);
    }
  }

  /** Keeps every time chart on the x range the reader zoomed to in any one of them. */
  function syncZoom(u, key) {
    if (key !== "x" || syncing) {
      return;
    }
    syncing = true;
    var min = u.scales.x.min;
    var max = u.scales.x.max;
    timeCharts.forEach(function (other) {
      if (other !== u) {
        other.setScale("x", { min: min, max: max });
      }
    });
    syncing = false;
  }

  function mark(node, chart, colors) {
    node.setAttribute("data-colors", colors.join(" "));
    node.setAttribute("data-points", String(chart.data[0].length));
  }

  function timeChart(id, series, opts) {
    var node = document.getElementById(id);
    if (!node) {
      return null;
    }
    var t = data.timeline;
    var columns = [t.x];
    var uSeries = [{ label: "time (UTC)" }];
    var colors = [];
    series.forEach(function (s) {
      columns.push(nulls(t[s.key]));
      colors.push(s.color);
      uSeries.push({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        spanGaps: false,
        value: function (u, v) {
          return v === null || v === undefined ? "–" : v.toLocaleString("en-US") + (s.unit || "");
        }
      });
    });
    var chart = new uPlot(
      {
        width: widthOf(node),
        height: opts.height || 220,
        tzDate: function (ts) {
          return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC");
        },
        cursor: { sync: { key: "time", setSeries: false }, drag: { x: true, y: false } },
        scales: { x: { time: true }, y: { range: opts.range } },
        axes: [{}, { label: opts.yLabel, size: 60 }],
        series: uSeries,
        hooks: { draw: [opts.draw || spikeDecor], setScale: [syncZoom] }
      },
      columns,
      node
    );
    mark(node, chart, colors);
    timeCharts.push(chart);
    allCharts.push([chart, node]);
    return chart;
  }

  function latencyRange(u, min, max) {
    var slo = data.slo || {};
    var top = Math.max(max || 0, slo.p99_critical || 0, slo.p99_target || 0);
    return [0, top > 0 ? top * 1.08 : 1];
  }

  function drawLatency(u) {
    var slo = data.slo || {};
    spikeDecor(u);
    hline(u, slo.p99_target, COLORS.target, [6, 4]);
    hline(u, slo.p99_critical, COLORS.critical, [6, 4]);
    hline(u, slo.p50_target, COLORS.target, [2, 3]);
  }

  function distributionChart() {
    var node = document.getElementById("chart-distribution");
    var d = data.distribution;
    if (!node || !d || d.percentile.length === 0) {
      return;
    }
    var x = d.percentile.map(function (p) {
      return 1 / (1 - p / 100);
    });
    function label(v) {
      var p = 100 * (1 - 1 / v);
      if (p <= 0) {
        return "0%";
      }
      return (Math.round(p * 10000) / 10000).toString() + "%";
    }
    var chart = new uPlot(
      {
        width: widthOf(node),
        height: 260,
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: false, distr: 3, log: 10, range: function (u, min, max) {
          return [1, Math.pow(10, Math.max(1, Math.ceil(Math.log10(max || 10) - 1e-9)))];
        } }, y: { range: function (u, min, max) {
          return [0, (max || 1) * 1.05];
        } } },
        axes: [
          {
            label: "percentile (log scale towards the tail)",
            // One tick per added nine: 0 %, 90 %, 99 %, 99.9 %…
            splits: function (u, axisIdx, min, max) {
              var out = [];
              for (var v = 1; v <= max * 1.0001; v *= 10) {
                out.push(v);
              }
              return out;
            },
            values: function (u, splits) {
              return splits.map(label);
            }
          },
          { label: "response time (ms)", size: 60 }
        ],
        series: [
          { label: "percentile", value: function (u, v) {
            return v === null || v === undefined ? "–" : label(v);
          } },
          { label: "response time", stroke: COLORS.distribution, width: 2, value: function (u, v) {
            return v === null || v === undefined ? "–" : v + " ms";
          } }
        ]
      },
      [x, d.value],
      node
    );
    mark(node, chart, [COLORS.distribution]);
    allCharts.push([chart, node]);
  }

  function soakChart() {
    var node = document.getElementById("chart-soak");
    var s = data.soak;
    if (!node || !s || s.simulated_seconds.length === 0) {
      return;
    }
    var hours = s.simulated_seconds.map(function (v) {
      return v / 3600;
    });
    var mib = s.rss_bytes.map(function (v) {
      return Math.round((v / 1048576) * 10) / 10;
    });
    var trend = hours.map(function () {
      return null;
    });
    var tr = s.trend;
    if (tr && tr.to_simulated_seconds > tr.from_simulated_seconds) {
      var slope = (tr.to_bytes - tr.from_bytes) / (tr.to_simulated_seconds - tr.from_simulated_seconds);
      trend = s.simulated_seconds.map(function (v) {
        return Math.round(((tr.from_bytes + slope * (v - tr.from_simulated_seconds)) / 1048576) * 10) / 10;
      });
    }
    var chart = new uPlot(
      {
        width: widthOf(node),
        height: 260,
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: false }, pct: { range: [0, 100] } },
        axes: [
          { label: "simulated time (h)" },
          { label: "resident memory (MiB)", size: 70 },
          { label: "CPU (% of all cores)", side: 1, scale: "pct", grid: { show: false }, size: 60 }
        ],
        series: [
          { label: "simulated h", value: function (u, v) {
            return v === null || v === undefined ? "–" : v.toFixed(2) + " h";
          } },
          { label: "memory (MiB)", stroke: COLORS.rss, width: 2 },
          { label: "CPU %", stroke: COLORS.cpu, width: 1.5, scale: "pct" },
          { label: "growth trend (the verdict's fit)", stroke: COLORS.trend, width: 1.5, dash: [8, 4] }
        ],
        hooks: {
          drawClear: [function (u) {
            (s.phases || []).forEach(function (p) {
              vband(u, p.from_simulated_seconds / 3600, p.to_simulated_seconds / 3600,
                PHASE_FILL[p.phase] || "rgba(110,119,129,0.06)");
            });
          }],
          draw: [function (u) {
            if (s.cpu_limit_percent !== null && s.cpu_limit_percent !== undefined) {
              var y = Math.round(u.valToPos(s.cpu_limit_percent, "pct", true));
              u.ctx.save();
              u.ctx.strokeStyle = COLORS.critical;
              u.ctx.setLineDash([6, 4]);
              u.ctx.beginPath();
              u.ctx.moveTo(u.bbox.left, y);
              u.ctx.lineTo(u.bbox.left + u.bbox.width, y);
              u.ctx.stroke();
              u.ctx.restore();
            }
          }]
        }
      },
      [hours, mib, nulls(s.cpu_percent), trend],
      node
    );
    mark(node, chart, [COLORS.rss, COLORS.cpu]);
    allCharts.push([chart, node]);
  }

  function sortable(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent;
          var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent;
          var nx = parseFloat(x);
          var ny = parseFloat(y);
          var c = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) {
          body.appendChild(r);
        });
      });
    });
  }

  if (data.timeline.x.length > 0) {
    timeChart(
      "chart-rates",
      [
        { key: "responses", label: "responses/s", color: COLORS.responses },
        { key: "started", label: "requests started/s", color: COLORS.started },
        { key: "errors", label: "errors/s", color: COLORS.errors }
      ],
      { yLabel: "per second" }
    );
    timeChart("chart-users", [{ key: "users", label: "active users", color: COLORS.users }], {
      yLabel: "users",
      height: 160
    });
    timeChart(
      "chart-latency",
      [
        { key: "p50", label: "P50", color: COLORS.p50, unit: " ms" },
        { key: "p99", label: "P99", color: COLORS.p99, unit: " ms" }
      ],
      { yLabel: "ms", range: latencyRange, draw: drawLatency }
    );
  }
  distributionChart();
  soakChart();
  document.querySelectorAll("table.sortable").forEach(sortable);
  var reset = document.getElementById("zoom-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      var x = data.timeline.x;
      if (x.length > 0) {
        timeCharts[0].setScale("x", { min: x[0], max: x[x.length - 1] });
      }
    });
  }
  window.addEventListener("resize", function () {
    allCharts.forEach(function (pair) {
      pair[0].setSize({ width: widthOf(pair[1]), height: pair[0].height });
    });
  });
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
})();
