/*
 * 电子监察驾驶舱 (supervision dashboard). Plain ES2020, no build step; the page's only script (the CSP
 * allows no inline script). The staff member's token is kept in sessionStorage and sent as a bearer token
 * to /api/v1/supervision/…; the supervision service decides what it may read (supervisor: every
 * department, dept_head: their own). Every number on the page carries a data-testid.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'supervision-dashboard-token';
  var API = '/api/v1/supervision';
  var NA = '暂无数据来源';

  var KIND_NAMES = {
    CASE_PROMISE: '承诺办结',
    APPROVAL_STEP: '审批环节',
    SPECIAL_PROCEDURE: '特别程序',
    SUPPLEMENT: '补正期限',
    DEFERRED_MATERIAL: '容缺补齐',
    POST_CHECK: '事后核查',
    RECTIFICATION: '差评整改',
  };
  var ESCALATION_STATES = [
    ['OPEN', '待签收'],
    ['ACKNOWLEDGED', '已签收办理中'],
    ['RESOLVED', '已办结'],
  ];
  var ROLE_NAMES = { supervisor: '电子监察人员', dept_head: '部门负责人' };
  var UNIT_NAMES = { hours: '小时', 'working-days': '工作日', count: '件' };

  // ---- formatting (the browser test applies the same rules to the API's numbers) ----
  function num(v) {
    return v === null || v === undefined ? '—' : String(v);
  }
  function pct(v) {
    return v === null || v === undefined ? '—' : (v * 100).toFixed(2) + '%';
  }
  function metricValue(m) {
    if (!m.available) return NA;
    return m.unit === 'ratio' ? pct(m.value) : num(m.value);
  }
  function remainingText(n) {
    if (n === null || n === undefined) return '待计算';
    if (n < 0) return '逾期 ' + -n + ' 个工作日';
    if (n === 0) return '今日到期';
    return '剩余 ' + n + ' 个工作日';
  }
  function shanghaiToday() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  }
  function addDays(date, days) {
    var d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }
  function dateTime(iso) {
    if (!iso) return '—';
    return new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(iso));
  }

  // ---- DOM helpers (text only: nothing from the API is parsed as HTML) ----
  function $(id) {
    return document.getElementById(id);
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined) return;
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else if (k === 'testid') node.setAttribute('data-testid', v);
      else node.setAttribute(k, v);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }
  function table(node, headers, rows, emptyText) {
    clear(node);
    node.appendChild(
      el('thead', {}, [
        el(
          'tr',
          {},
          headers.map(function (h) {
            return el('th', { text: h.text, className: h.num ? 'num' : null });
          }),
        ),
      ]),
    );
    var body = el('tbody');
    if (rows.length === 0) {
      body.appendChild(
        el('tr', {}, [el('td', { colspan: String(headers.length), className: 'empty', text: emptyText })]),
      );
    }
    rows.forEach(function (r) {
      body.appendChild(el('tr', {}, r));
    });
    node.appendChild(body);
  }
  function setState(state) {
    document.body.setAttribute('data-state', state);
  }
  function showError(id, message) {
    var node = $(id);
    node.textContent = message || '';
    node.hidden = !message;
  }

  // ---- the token ----
  function decodeToken(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var bytes = Uint8Array.from(atob(part), function (c) {
        return c.charCodeAt(0);
      });
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return null;
    }
  }

  function ApiError(status, body) {
    this.status = status;
    this.body = body;
  }

  function api(path) {
    var token = sessionStorage.getItem(TOKEN_KEY);
    return fetch(API + path, {
      headers: { authorization: 'Bearer ' + token, accept: 'application/json' },
      cache: 'no-store',
    }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return null;
        })
        .then(function (body) {
          if (!res.ok) throw new ApiError(res.status, body);
          return body;
        });
    });
  }

  function errorMessage(e) {
    if (!(e instanceof ApiError)) return '无法连接服务器，请稍后重试。';
    if (e.status === 401) return '登录已失效或令牌无效（401），请重新登录。';
    if (e.status === 403) {
      return '无权查看电子监察数据（403）：需要电子监察人员（supervisor）或部门负责人（dept_head）角色，部门负责人只能查看本部门。';
    }
    if (e.status === 400) {
      return '查询条件无效（400）：开始日期须不晚于结束日期，统计期间不超过 366 天。';
    }
    if (e.status === 429) return '请求过于频繁（429），请稍后再试。';
    return '数据加载失败（HTTP ' + e.status + '），请稍后重试。';
  }

  // ---- charts ----
  var charts = {};
  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return charts[id];
  }
  var BASE = {
    animation: false,
    textStyle: { fontFamily: 'WenQuanYi Micro Hei, Microsoft YaHei, sans-serif' },
    // Tooltips drawn on the canvas: the HTML tooltip would need inline styles, which the CSP forbids.
    tooltip: { trigger: 'axis', renderMode: 'richText' },
  };

  // ---- rendering ----
  function tile(kind, label, value, testid, foot) {
    return el('div', { className: 'tile ' + kind }, [
      el('div', { className: 't-label', text: label }),
      el('div', { className: 't-value', text: value, testid: testid }),
      el('div', { className: 't-foot', text: foot || '' }),
    ]);
  }

  function metricByKey(stats, key) {
    return stats.metrics.find(function (m) {
      return m.key === key;
    });
  }

  function renderSummary(stats, escalationCounts) {
    var red = 0;
    var yellow = 0;
    stats.lights.forEach(function (l) {
      red += l.red;
      yellow += l.yellow;
    });
    var sat = metricByKey(stats, 'satisfactionRate');
    var onTime = metricByKey(stats, 'onTimeCompletionRate');
    var immediate = metricByKey(stats, 'immediateSameDayRate');
    var node = clear($('summary'));
    node.appendChild(tile('red', '红灯（已逾期）', String(red), 'summary-red', '在办时钟'));
    node.appendChild(tile('yellow', '黄灯（临近期限）', String(yellow), 'summary-yellow', '在办时钟'));
    node.appendChild(
      tile('red', '待签收督办', String(escalationCounts.OPEN), 'summary-escalations-open', '督办事项'),
    );
    node.appendChild(tile('green', '按时办结率', metricValue(onTime), 'summary-on-time', '期间办结件'));
    node.appendChild(
      tile('green', '即办件当日办结率', metricValue(immediate), 'summary-immediate', '期间受理的即办件'),
    );
    node.appendChild(tile('blue', '满意率', metricValue(sat), 'summary-satisfaction', '期间首次评价'));
  }

  function renderLightCounts(stats) {
    var rows = stats.lights.map(function (l) {
      return [
        el('td', { text: KIND_NAMES[l.kind] || l.kind }),
        el('td', { className: 'num', text: String(l.red), testid: 'lightcount-' + l.kind + '-red' }),
        el('td', { className: 'num', text: String(l.yellow), testid: 'lightcount-' + l.kind + '-yellow' }),
        el('td', { className: 'num', text: String(l.green), testid: 'lightcount-' + l.kind + '-green' }),
      ];
    });
    table(
      $('light-counts'),
      [
        { text: '时钟类型' },
        { text: '红灯', num: true },
        { text: '黄灯', num: true },
        { text: '绿灯', num: true },
      ],
      rows,
      '暂无在办时钟',
    );
    var kinds = stats.lights.map(function (l) {
      return KIND_NAMES[l.kind] || l.kind;
    });
    var series = function (name, key, color) {
      return {
        name: name,
        type: 'bar',
        stack: 'lights',
        barMaxWidth: 28,
        itemStyle: { color: color },
        data: stats.lights.map(function (l) {
          return l[key];
        }),
      };
    };
    chart('chart-lights').setOption(
      Object.assign({}, BASE, {
        legend: { top: 0 },
        grid: { left: 36, right: 12, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: kinds, axisLabel: { interval: 0, fontSize: 11 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          series('红灯', 'red', '#d92d20'),
          series('黄灯', 'yellow', '#e6a700'),
          series('绿灯', 'green', '#2e9e5b'),
        ],
      }),
      true,
    );
  }

  function deptLabel(names, code) {
    return names[code] ? names[code] : code;
  }

  function renderSatisfaction(stats, names) {
    var depts = stats.satisfactionByDepartment;
    table(
      $('satisfaction-table'),
      [
        { text: '部门' },
        { text: '评价数', num: true },
        { text: '满意数', num: true },
        { text: '满意率', num: true },
      ],
      depts.map(function (d) {
        return [
          el('td', { text: deptLabel(names, d.deptCode), title: d.deptCode }),
          el('td', {
            className: 'num',
            text: String(d.ratings),
            testid: 'satisfaction-' + d.deptCode + '-ratings',
          }),
          el('td', {
            className: 'num',
            text: String(d.satisfied),
            testid: 'satisfaction-' + d.deptCode + '-satisfied',
          }),
          el('td', { className: 'num', text: pct(d.value), testid: 'satisfaction-' + d.deptCode + '-value' }),
        ];
      }),
      '统计期间内暂无评价',
    );
    chart('chart-satisfaction').setOption(
      Object.assign({}, BASE, {
        grid: { left: 48, right: 16, top: 24, bottom: 40 },
        xAxis: {
          type: 'category',
          data: depts.map(function (d) {
            return deptLabel(names, d.deptCode);
          }),
          axisLabel: { interval: 0, fontSize: 11 },
        },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            name: '满意率',
            type: 'bar',
            barMaxWidth: 40,
            itemStyle: { color: '#1d4f91' },
            label: { show: true, position: 'top', formatter: '{c}%' },
            data: depts.map(function (d) {
              return d.value === null ? null : Math.round(d.value * 10000) / 100;
            }),
          },
        ],
      }),
      true,
    );
  }

  function renderLights(page, names) {
    $('lights-total').textContent = String(page.total);
    table(
      $('lights-table'),
      [
        { text: '灯' },
        { text: '办件编号' },
        { text: '时钟类型' },
        { text: '时钟' },
        { text: '责任部门' },
        { text: '到期日' },
        { text: '剩余时间' },
      ],
      page.items.map(function (c) {
        return [
          el('td', { className: 'nowrap' }, [
            el('span', { className: 'light ' + c.light, text: c.light === 'RED' ? '红灯' : '黄灯' }),
          ]),
          el('td', { className: 'mono', text: c.caseNo, testid: 'light-' + c.clockId + '-case' }),
          el('td', { className: 'nowrap', text: KIND_NAMES[c.kind] || c.kind }),
          el('td', { text: c.label }),
          el('td', { text: deptLabel(names, c.deptCode), title: c.deptCode }),
          el('td', {
            className: 'nowrap',
            text: c.effectiveDueDate || c.dueDate,
            testid: 'light-' + c.clockId + '-due',
          }),
          el('td', {
            className:
              'nowrap' + (c.remainingWorkingDays !== null && c.remainingWorkingDays < 0 ? ' overdue' : ''),
            text: remainingText(c.remainingWorkingDays),
            testid: 'light-' + c.clockId + '-remaining',
          }),
        ];
      }),
      '当前没有红灯或黄灯办件',
    );
  }

  function stateName(status) {
    var s = ESCALATION_STATES.find(function (x) {
      return x[0] === status;
    });
    return s ? s[1] : status;
  }

  function renderEscalations(page, counts, names) {
    $('escalations-total').textContent = String(page.total);
    var strip = clear($('escalation-status'));
    ESCALATION_STATES.forEach(function (s) {
      strip.appendChild(
        el('div', { className: 'chip ' + s[0] }, [
          el('span', { className: 'c-label', text: s[1] }),
          el('span', {
            className: 'c-value',
            text: String(counts[s[0]]),
            testid: 'escalations-status-' + s[0],
          }),
        ]),
      );
    });
    table(
      $('escalations-table'),
      [
        { text: '办件编号' },
        { text: '时钟类型' },
        { text: '责任部门' },
        { text: '应办结日' },
        { text: '状态' },
        { text: '督办时间' },
        { text: '签收时间' },
        { text: '办结时间' },
      ],
      page.items.map(function (x) {
        return [
          el('td', { className: 'mono', text: x.caseNo, testid: 'escalation-' + x.escalationId + '-case' }),
          el('td', { className: 'nowrap', text: KIND_NAMES[x.kind] || x.kind }),
          el('td', { text: deptLabel(names, x.deptCode), title: x.deptCode }),
          el('td', { className: 'nowrap', text: x.dueDate, testid: 'escalation-' + x.escalationId + '-due' }),
          el('td', { className: 'nowrap' }, [
            el('span', {
              className: 'badge ' + x.status,
              text: stateName(x.status),
              testid: 'escalation-' + x.escalationId + '-status',
            }),
          ]),
          el('td', { className: 'nowrap', text: dateTime(x.openedAt) }),
          el('td', { className: 'nowrap', text: dateTime(x.acknowledgedAt) }),
          el('td', { className: 'nowrap', text: dateTime(x.resolvedAt) }),
        ];
      }),
      '暂无督办事项',
    );
  }

  function statusRow(label, value, testid, na) {
    return el('div', { className: 'status-row' }, [
      el('span', { text: label }),
      el('span', { className: na ? 's-value na' : 's-value', text: value, testid: testid }),
    ]);
  }

  function renderBadReviews(stats) {
    var rect = stats.lights.find(function (l) {
      return l.kind === 'RECTIFICATION';
    }) || { green: 0, yellow: 0, red: 0 };
    var rectified = metricByKey(stats, 'badReviewRectifiedRate');
    var node = clear($('bad-review-states'));
    node.appendChild(statusRow('期间新开工单', num(rectified.denominator), 'badreview-opened'));
    node.appendChild(statusRow('整改中（期限内）', String(rect.green), 'badreview-open-green'));
    node.appendChild(statusRow('临近整改期限', String(rect.yellow), 'badreview-open-yellow'));
    node.appendChild(statusRow('超期未整改', String(rect.red), 'badreview-open-red'));
    node.appendChild(
      statusRow(
        '已整改',
        rectified.available ? num(rectified.numerator) : NA,
        'badreview-rectified',
        !rectified.available,
      ),
    );
    var revisit = metricByKey(stats, 'revisitRate');
    node.appendChild(
      statusRow(
        '已回访',
        revisit.available ? num(revisit.numerator) : NA,
        'badreview-followed-up',
        !revisit.available,
      ),
    );
    $('bad-review-note').textContent =
      '工单状态来自电子监察的差评整改时钟与整改、回访事件；工单在 /api/v1/bad-reviews 办理' +
      '（窗口、审批人员、部门负责人办理本部门工单，监察员复核申诉）。' +
      (rectified.available ? '' : '“已整改”暂无数据来源：' + (rectified.note || ''));
    chart('chart-bad-reviews').setOption(
      Object.assign({}, BASE, {
        tooltip: { trigger: 'item', renderMode: 'richText' },
        legend: { bottom: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
        series: [
          {
            name: '差评整改工单',
            type: 'pie',
            radius: ['42%', '66%'],
            center: ['50%', '44%'],
            // Empty states get no slice (and no label to overlap the others).
            label: { formatter: '{c}', fontSize: 12, fontWeight: 'bold' },
            data: [
              { name: '期限内', value: rect.green, itemStyle: { color: '#2e9e5b' } },
              { name: '临近期限', value: rect.yellow, itemStyle: { color: '#e6a700' } },
              { name: '超期', value: rect.red, itemStyle: { color: '#d92d20' } },
            ].filter(function (d) {
              return d.value > 0;
            }),
          },
        ],
      }),
      true,
    );
  }

  function renderBundles(stats) {
    var b = stats.bundles;
    var node = clear($('bundles'));
    node.appendChild(statusRow('期间申报', String(b.submitted), 'bundles-submitted'));
    node.appendChild(statusRow('全部办结', String(b.completed), 'bundles-completed'));
    node.appendChild(statusRow('部分办结', String(b.partiallyCompleted), 'bundles-partiallyCompleted'));
    node.appendChild(statusRow('办理失败', String(b.failed), 'bundles-failed'));
    node.appendChild(statusRow('已撤回', String(b.withdrawn), 'bundles-withdrawn'));
    node.appendChild(statusRow('节省时间（小时）', num(b.timeSavedHours), 'bundles-timeSavedHours'));
  }

  function metricCard(m) {
    var id = 'metric-' + m.key;
    var value = el('span', { text: metricValue(m), testid: id + '-value' });
    var unit =
      m.available && UNIT_NAMES[m.unit] ? el('span', { className: 'unit', text: UNIT_NAMES[m.unit] }) : null;
    return el('div', { className: m.available ? 'metric' : 'metric na', title: m.note || m.formula }, [
      el('div', { className: 'm-name', text: m.name }),
      el('div', { className: 'm-value' }, unit ? [value, unit] : [value]),
      el('div', { className: 'm-frac' }, [
        '分子 ',
        el('b', { text: num(m.numerator), testid: id + '-numerator' }),
        ' / 分母 ',
        el('b', { text: num(m.denominator), testid: id + '-denominator' }),
      ]),
      el('div', { className: 'm-formula', text: m.formula }),
    ]);
  }

  function renderMetrics(stats) {
    var node = clear($('metrics'));
    stats.metrics.concat([stats.promiseCompression.average, stats.bundles.timeSaved]).forEach(function (m) {
      node.appendChild(metricCard(m));
    });
  }

  function renderCompression(stats) {
    table(
      $('compression-table'),
      [
        { text: '事项' },
        { text: '实施编码' },
        { text: '承诺时限', num: true },
        { text: '法定时限', num: true },
        { text: '压缩率', num: true },
        { text: '受理件数', num: true },
      ],
      stats.promiseCompression.perItem.map(function (i) {
        var id = 'compression-' + i.itemCode;
        return [
          el('td', { text: i.itemName || '—' }),
          el('td', { className: 'mono', text: i.itemCode }),
          el('td', { className: 'num', text: num(i.promiseLimit), testid: id + '-promiseLimit' }),
          el('td', {
            className: 'num',
            text: i.legalLimit === null ? NA : num(i.legalLimit),
            testid: id + '-legalLimit',
          }),
          el('td', { className: 'num', text: i.value === null ? NA : pct(i.value), testid: id + '-value' }),
          el('td', { className: 'num', text: String(i.cases), testid: id + '-cases' }),
        ];
      }),
      '统计期间内暂无受理的承诺件',
    );
  }

  // ---- loading ----
  function period() {
    return { from: $('period-from').value, to: $('period-to').value };
  }

  function load() {
    setState('loading');
    showError('board-error', '');
    var p = period();
    var q = '?from=' + encodeURIComponent(p.from) + '&to=' + encodeURIComponent(p.to);
    var counts = ESCALATION_STATES.map(function (s) {
      return api('/escalations?pageSize=1&status=' + s[0]).then(function (r) {
        return r.total;
      });
    });
    return Promise.all(
      [api('/statistics' + q), api('/lights?pageSize=50'), api('/escalations?pageSize=20')].concat(counts),
    )
      .then(function (r) {
        var stats = r[0];
        var escalationCounts = { OPEN: r[3], ACKNOWLEDGED: r[4], RESOLVED: r[5] };
        var names = {};
        stats.satisfactionByDepartment.forEach(function (d) {
          if (d.deptName) names[d.deptCode] = d.deptName;
        });
        renderWho(stats, names);
        renderSummary(stats, escalationCounts);
        renderLightCounts(stats);
        renderSatisfaction(stats, names);
        renderLights(r[1], names);
        renderEscalations(r[2], escalationCounts, names);
        renderBadReviews(stats);
        renderBundles(stats);
        renderMetrics(stats);
        renderCompression(stats);
        $('period-text').textContent = stats.period.from + ' 至 ' + stats.period.to;
        $('generated-at').textContent = dateTime(stats.generatedAt);
        setState('ready');
      })
      .catch(function (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          signOut(errorMessage(e));
          return;
        }
        showError('board-error', errorMessage(e));
        setState('error');
      });
  }

  function renderWho(stats, names) {
    var claims = decodeToken(sessionStorage.getItem(TOKEN_KEY)) || {};
    var roles = (claims.roles || [])
      .filter(function (r) {
        return ROLE_NAMES[r];
      })
      .map(function (r) {
        return ROLE_NAMES[r];
      });
    $('who-name').textContent = claims.name || claims.sub || '工作人员';
    $('who-role').textContent = roles.join('、') + (claims.dept ? ' · ' + claims.dept : '');
    $('who').hidden = false;
    var dept = stats.filters.deptCode;
    $('scope-text').textContent =
      dept === null
        ? '监察范围：全部部门'
        : '监察范围：本部门 ' + (names[dept] ? names[dept] + '（' + dept + '）' : dept);
  }

  function showBoard() {
    $('signin').hidden = true;
    $('board').hidden = false;
    return load();
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    Object.keys(charts).forEach(function (k) {
      charts[k].dispose();
      delete charts[k];
    });
    $('board').hidden = true;
    $('who').hidden = true;
    $('signin').hidden = false;
    $('token-input').value = '';
    showError('signin-error', message || '');
    setState(message ? 'signed-out-error' : 'signed-out');
  }

  function init() {
    var to = shanghaiToday();
    $('period-to').value = to;
    $('period-from').value = addDays(to, -29);
    $('signin-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var token = $('token-input')
        .value.trim()
        .replace(/^Bearer\s+/i, '');
      if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
        showError('signin-error', '令牌格式不正确：请粘贴完整的 JWT（三段，以“.”分隔）。');
        setState('signed-out-error');
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, token);
      showError('signin-error', '');
      void showBoard();
    });
    $('period-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      void load();
    });
    $('sign-out').addEventListener('click', function () {
      signOut('');
    });
    window.addEventListener('resize', function () {
      Object.keys(charts).forEach(function (k) {
        charts[k].resize();
      });
    });
    if (sessionStorage.getItem(TOKEN_KEY)) void showBoard();
    else signOut('');
  }

  init();
})();
