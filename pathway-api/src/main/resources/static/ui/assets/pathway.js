// Pathway's pages: draws each chart from the figures the page was rendered with (its data-chart attribute), with
// Apache ECharts. Every chart has a table beside it with the same figures; nothing here fetches data.
(function () {
  'use strict';
  document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');

  var NHS_BLUE = '#005eb8';
  var LANE_COLOURS = {
    'Spells': '#005eb8', 'Ward stays': '#41b6e6', 'Out of area': '#d5281b', 'Leave': '#007f3b',
    'Clinically ready for discharge': '#ffb81c', 'Step-down': '#330072', 'Contacts': '#212b32'
  };

  function value(v, percent) {
    return v === null || v === undefined ? null : (percent ? Math.round(v * 1000) / 10 : v);
  }

  function categories(spec) {
    return {
      animation: false,
      aria: { enabled: false }, // the container's aria-label and the table beside it describe the chart
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: spec.points.map(function (p) { return p.key; }) },
      yAxis: { type: 'value', name: spec.percent ? '%' : spec.unit, nameTextStyle: { align: 'left' } },
      series: [{
        type: spec.type === 'bar' ? 'bar' : 'line',
        color: NHS_BLUE,
        label: { show: spec.points.length <= 24, position: 'top' },
        data: spec.points.map(function (p) { return value(p.value, spec.percent); })
      }]
    };
  }

  function day(s) { return new Date(s + 'T00:00:00Z').getTime(); }

  function timeline(spec) {
    var lanes = spec.lanes.filter(function (lane) {
      return spec.items.some(function (i) { return i.lane === lane; });
    });
    var end = day(spec.today) + 86400000;
    var periods = [], points = [];
    spec.items.forEach(function (i) {
      var lane = lanes.indexOf(i.lane);
      if (i.point) {
        points.push({ value: [day(i.start), lane], name: i.label, itemStyle: { color: LANE_COLOURS[i.lane] } });
      } else {
        periods.push({
          value: [lane, day(i.start), i.end ? day(i.end) + 86400000 : end, i.end ? 0 : 1],
          name: i.label + (i.end ? '' : ' (open)'),
          itemStyle: { color: LANE_COLOURS[i.lane] }
        });
      }
    });
    return {
      animation: false,
      aria: { enabled: false },
      grid: { left: 200, right: 20, top: 20, bottom: 40 },
      tooltip: { formatter: function (p) { return p.name; } },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: lanes, inverse: true },
      series: [{
        type: 'custom',
        renderItem: function (params, api) {
          var lane = api.value(0);
          var start = api.coord([api.value(1), lane]);
          var stop = api.coord([api.value(2), lane]);
          var height = api.size([0, 1])[1] * 0.5;
          return {
            type: 'rect',
            shape: { x: start[0], y: start[1] - height / 2, width: Math.max(stop[0] - start[0], 2), height: height },
            style: api.style({ opacity: api.value(3) ? 0.5 : 1 })
          };
        },
        encode: { x: [1, 2], y: 0 },
        data: periods
      }, {
        type: 'scatter', symbolSize: 10, data: points
      }]
    };
  }

  function draw(el) {
    var spec = JSON.parse(el.getAttribute('data-chart'));
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(spec.type === 'timeline' ? timeline(spec) : categories(spec));
    el.setAttribute('data-drawn', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  }

  document.querySelectorAll('.pathway-chart').forEach(function (el) {
    if (window.echarts) {
      draw(el);
    }
  });
})();
