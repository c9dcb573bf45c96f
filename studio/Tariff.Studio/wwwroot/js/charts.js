// Draws every <canvas data-chart="island-id"> with the Chart.js data in the JSON island of that id
// (ChartData on the server: type, labels, datasets). Colors come from the page's Bootstrap palette.
(function () {
  'use strict';
  const palette = ['--bs-primary', '--bs-success', '--bs-warning', '--bs-info', '--bs-danger', '--bs-secondary'];
  const color = i => getComputedStyle(document.documentElement).getPropertyValue(palette[i % palette.length]).trim() || '#0d6efd';

  function draw(canvas) {
    const island = document.getElementById(canvas.dataset.chart);
    if (!island || typeof Chart === 'undefined') return;
    const spec = JSON.parse(island.textContent);
    const datasets = spec.datasets.map((set, i) => ({
      label: set.label, data: set.data, borderColor: color(i), backgroundColor: color(i), borderWidth: 2, pointRadius: 0, tension: 0.2,
    }));
    canvas.chart?.destroy();
    canvas.chart = new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets },
      options: {
        animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
        plugins: { legend: { display: datasets.length > 1 } }, scales: { y: { beginAtZero: true } },
      },
    });
    canvas.dataset.drawn = 'true';
  }

  const drawAll = root => root.querySelectorAll('canvas[data-chart]').forEach(draw);
  document.addEventListener('DOMContentLoaded', () => drawAll(document));
  // Charts inside htmx fragments are drawn when they arrive.
  document.addEventListener('htmx:afterSwap', event => drawAll(event.target));
})();
