/**
 * The page's own script (ES2017, no dependencies but uPlot): draws every chart spec found in
 * #cb-charts, with dash patterns and labelled markers so series and marks are told apart
 * without colour, and redraws at the new width when the window is resized.
 */
export const CLIENT_SCRIPT = `
(function () {
  var specs = JSON.parse(document.getElementById('cb-charts').textContent);
  var STROKES = ['#2f5d9a', '#b5541c', '#2e7d4f', '#7a3e9d', '#555'];
  var DASHES = [[], [8, 4], [2, 3], [12, 3, 2, 3], [4, 4]];
  var charts = [];
  // Only powers of ten get a label on the log axis; the minor ticks stay quiet.
  function oneIn(v) {
    if (v == null || !(v > 0)) return '';
    var exponent = Math.round(Math.log10(v));
    if (Math.abs(Math.log10(v) - exponent) > 1e-9) return '';
    return exponent === 0 ? 'all' : '1 in ' + (v >= 1e6 ? v / 1e6 + 'M' : v >= 1000 ? v / 1000 + 'k' : v);
  }
  // Sizes on a log axis: powers of ten only, short (100k, 1M, 10G), so the axis's last label fits the frame.
  function decade(v) {
    if (v == null || !(v > 0)) return '';
    var exponent = Math.round(Math.log10(v));
    if (Math.abs(Math.log10(v) - exponent) > 1e-9) return '';
    var units = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
    for (var k = 0; k < units.length; k++) if (v >= units[k][0]) return Math.round(v / units[k][0]) + units[k][1];
    return String(Math.round(v));
  }
  // Room around a scatter's outermost points, so they and their labels are not cut by the frame.
  // Zero to a tenth above the largest value.
  function fromZero(u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; }
  function padded(u, min, max) { var pad = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1; return [min - pad, max + pad]; }
  function marksPlugin(spec) {
    return { hooks: { draw: [function (u) {
      var ctx = u.ctx, ratio = window.devicePixelRatio || 1;
      ctx.save();
      ctx.font = (11 * ratio) + 'px sans-serif';
      ctx.fillStyle = '#333';
      ctx.textBaseline = 'alphabetic';
      // A label starts right of its mark or point, or ends left of it in the plot's right part, so
      // it stays inside the frame (the canvas would otherwise keep the alignment uPlot last used
      // for its axis labels, and every label would end at its mark).
      function label(text, x, y, gap) {
        var flip = x > u.bbox.left + u.bbox.width * 0.75;
        ctx.textAlign = flip ? 'right' : 'left';
        ctx.fillText(text, x + (flip ? -gap : gap) * ratio, y);
      }
      // Where a point's label goes: above it, or where no label drawn before lies (two cells
      // with nearly the same figures drew their names over each other).
      var placed = [];
      function freeY(text, x, y) {
        var width = ctx.measureText(text).width, height = 12 * ratio;
        var flip = x > u.bbox.left + u.bbox.width * 0.75;
        var left = flip ? x - 6 * ratio - width : x + 6 * ratio;
        var offsets = [-6, 16, -20, 30, -34, 44];
        for (var k = 0; k < offsets.length; k++) {
          var top = y + offsets[k] * ratio - height;
          var clear = placed.every(function (r) { return left + width < r.left || r.left + r.width < left || top + height < r.top || r.top + r.height < top; });
          if (clear || k === offsets.length - 1) { placed.push({ left: left, top: top, width: width, height: height }); return top + height; }
        }
      }
      (spec.marks || []).forEach(function (m, i) {
        var x = u.valToPos(m.x, 'x', true);
        ctx.strokeStyle = '#333'; ctx.setLineDash([4 * ratio, 4 * ratio]); ctx.lineWidth = ratio;
        ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
        label(m.label, x, u.bbox.top + (12 + (i % 4) * 12) * ratio, 3);
      });
      if (spec.pointLabels) {
        var xs = u.data[0], ys = u.data[1];
        spec.pointLabels.forEach(function (text, i) {
          if (ys[i] == null) return;
          var x = u.valToPos(xs[i], 'x', true);
          label(text, x, freeY(text, x, u.valToPos(ys[i], 'y', true)), 6);
        });
      }
      ctx.restore();
    }] } };
  }
  function widthOf(el) { return Math.max(260, Math.min(el.clientWidth - 16, 1180)); }
  specs.forEach(function (spec) {
    var el = document.getElementById(spec.id);
    var series = [{ label: spec.xLabel }].concat(spec.series.map(function (s, i) {
      var one = { label: s.label, stroke: STROKES[i % STROKES.length], width: 2, dash: DASHES[i % DASHES.length], spanGaps: false };
      if (spec.scatter) { one.paths = function () { return null; }; one.points = { show: true, size: 9, fill: STROKES[i % STROKES.length] }; }
      return one;
    }));
    var opts = {
      width: widthOf(el), height: 260,
      scales: spec.scatter
        ? { x: { time: false, range: padded }, y: { range: padded } }
        : { x: { time: false, distr: spec.xLog ? 3 : 1 }, y: spec.yFromZero ? { range: fromZero } : { distr: spec.yLog ? 3 : 1 } },
      axes: [
        spec.xTicks === 'whole'
          ? { label: spec.xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], values: function (u, vals) { return vals.map(function (v) { return String(v); }); } }
          : { label: spec.xLabel, values: spec.xTicks === 'one-in' ? function (u, vals) { return vals.map(oneIn); } : spec.xTicks === 'decades' ? function (u, vals) { return vals.map(decade); } : undefined },
        { label: spec.yLabel, size: 60 }
      ],
      series: series,
      plugins: [marksPlugin(spec)]
    };
    var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    charts.push({ el: el, plot: new uPlot(opts, data, el) });
  });
  var pending;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () { charts.forEach(function (c) { c.plot.setSize({ width: widthOf(c.el), height: 260 }); }); }, 100);
  });
})();
`
