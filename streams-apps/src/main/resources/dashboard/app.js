// ExchangeBus dashboard: reads the live feed (/dashboard/events, Server-Sent Events) and draws plain tables and a
// depth chart per book. Prices and quantities arrive as exact decimal strings and are shown as they are; they are
// parsed to Number only to draw the chart. No library, no build step, nothing fetched from anywhere else.
'use strict';

(function () {
  const LEVELS_SHOWN = 10;
  const RETRY_MS = 5000;

  const model = {
    recent: 50,
    books: new Map(),      // exchange:symbol -> BookUpdate (a snapshot of the top N)
    bbo: new Map(),        // instrumentId -> ConsolidatedQuote
    positions: new Map(),  // exchange:account:instrumentId -> PositionState
    balances: new Map(),   // exchange:account:asset -> BalanceUpdate
    trades: new Map(),     // exchange:symbol -> [Trade], oldest first
    acks: [],              // OrderAck, oldest first
    updates: [],           // OrderUpdate, oldest first
    alerts: [],            // ReconciliationAlert, oldest first
  };
  let selected = decodeURIComponent(location.hash.slice(1));
  let renderQueued = false;

  // ---- the feed ----

  function connect() {
    setConnection('connecting', 'connecting');
    const source = new EventSource('/dashboard/events');
    source.addEventListener('snapshot', (event) => {
      reset();
      take(JSON.parse(event.data));
      setConnection('connected', 'connected');
    });
    source.addEventListener('changes', (event) => take(JSON.parse(event.data)));
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (503: too many dashboards) or the server went away for good: try again later ourselves.
        setConnection('disconnected', 'disconnected; retrying');
        source.close();
        setTimeout(connect, RETRY_MS);
      } else {
        setConnection('connecting', 'reconnecting');
      }
    };
  }

  function reset() {
    ['books', 'bbo', 'positions', 'balances', 'trades'].forEach((name) => model[name].clear());
    model.acks = [];
    model.updates = [];
    model.alerts = [];
  }

  function take(message) {
    model.recent = message.recent;
    message.items.forEach(apply);
    document.getElementById('last-update').textContent = 'updated ' + new Date().toLocaleTimeString();
    scheduleRender();
  }

  function apply(item) {
    const value = item.value;
    switch (item.type) {
      case 'book': setOrDelete(model.books, item.key, value); break;
      case 'bbo': setOrDelete(model.bbo, item.key, value); break;
      case 'position': setOrDelete(model.positions, item.key, value); break;
      case 'balance': setOrDelete(model.balances, item.key, value); break;
      case 'trade': {
        const list = model.trades.get(item.key) || [];
        keepRecent(list, value);
        model.trades.set(item.key, list);
        break;
      }
      case 'ack': keepRecent(model.acks, value); break;
      case 'order-update': keepRecent(model.updates, value); break;
      case 'alert': keepRecent(model.alerts, value); break;
      default: break; // a kind this page does not know yet
    }
  }

  function setOrDelete(map, key, value) {
    if (value === null) {
      map.delete(key);
    } else {
      map.set(key, value);
    }
  }

  function keepRecent(list, value) {
    list.push(value);
    while (list.length > model.recent) {
      list.shift();
    }
  }

  function setConnection(state, text) {
    const el = document.getElementById('connection');
    el.dataset.state = state;
    el.textContent = text;
  }

  // ---- rendering ----

  function scheduleRender() {
    if (!renderQueued) {
      renderQueued = true;
      setTimeout(() => {
        renderQueued = false;
        render();
      }, 0);
    }
  }

  function render() {
    renderInstruments();
    renderBbo();
    renderBooks();
    renderTrades();
    renderOrders();
    renderAccounts();
  }

  function instruments() {
    const ids = new Set(model.bbo.keys());
    model.books.forEach((book) => ids.add(book.instrumentId));
    model.trades.forEach((list) => list.forEach((trade) => ids.add(trade.instrumentId)));
    return Array.from(ids).sort();
  }

  function renderInstruments() {
    const ids = instruments();
    const select = document.getElementById('instrument');
    if (select.dataset.ids !== ids.join('\n')) {
      select.dataset.ids = ids.join('\n');
      select.replaceChildren(...ids.map((id) => el('option', { value: id }, id)));
      select.dataset.empty = String(ids.length === 0);
    }
    if (!ids.includes(selected)) {
      selected = ids.length ? ids[0] : '';
    }
    select.value = selected;
    document.getElementById('market-instrument').textContent = selected;
  }

  function renderBbo() {
    const table = document.getElementById('bbo');
    table.dataset.instrument = selected;
    const quote = model.bbo.get(selected);
    const rows = [];
    if (quote) {
      quote.venues.forEach((venue) => rows.push(bboRow({ 'data-venue': venue.exchange }, venue.exchange,
        venue.bidQuantity, venue.bidPrice, venue.askPrice, venue.askQuantity, venue.sequence)));
      rows.push(bboRow({ 'data-consolidated': 'true' },
        'consolidated (' + (quote.bestBidExchange || '-') + ' / ' + (quote.bestAskExchange || '-') + ')',
        quote.bestBidQuantity, quote.bestBidPrice, quote.bestAskPrice, quote.bestAskQuantity, ''));
    } else {
      // No consolidated quote yet: each venue's best from its book.
      booksOf(selected).forEach(([key, book]) => {
        const bid = book.bids[0] || {};
        const ask = book.asks[0] || {};
        rows.push(bboRow({ 'data-venue': book.exchange }, book.exchange, bid.quantity, bid.price, ask.price,
          ask.quantity, book.sequence));
      });
    }
    fill(table, rows);
  }

  function bboRow(attrs, venue, bidQuantity, bid, ask, askQuantity, sequence) {
    return el('tr', attrs,
      el('td', {}, venue),
      el('td', { class: 'num', 'data-field': 'bid-quantity' }, bidQuantity),
      el('td', { class: 'num bid', 'data-field': 'bid' }, bid),
      el('td', { class: 'num ask', 'data-field': 'ask' }, ask),
      el('td', { class: 'num', 'data-field': 'ask-quantity' }, askQuantity),
      el('td', { class: 'num' }, sequence));
  }

  function booksOf(instrumentId) {
    return Array.from(model.books.entries())
      .filter(([, book]) => book.instrumentId === instrumentId)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  function renderBooks() {
    const container = document.getElementById('books');
    const books = booksOf(selected);
    const wanted = new Set(books.map(([key]) => key));
    container.querySelectorAll('.book').forEach((node) => {
      if (!wanted.has(node.dataset.book)) {
        node.remove();
      }
    });
    container.querySelector('.empty').hidden = books.length > 0;
    books.forEach(([key, book]) => {
      let node = container.querySelector('.book[data-book="' + CSS.escape(key) + '"]');
      if (!node) {
        node = bookNode(key, book);
        container.appendChild(node);
      }
      updateBook(node, book);
    });
  }

  function bookNode(key, book) {
    return el('div', { class: 'book', 'data-book': key },
      el('h4', {}, book.exchange + ' ' + book.symbol + ' ',
        el('span', { class: 'muted' }, 'seq ', el('span', { 'data-field': 'sequence' }))),
      el('div', { class: 'best' },
        el('span', {}, 'bid ', el('span', { class: 'bid', 'data-field': 'best-bid' }), ' × ',
          el('span', { 'data-field': 'best-bid-quantity' })),
        el('span', {}, 'ask ', el('span', { class: 'ask', 'data-field': 'best-ask' }), ' × ',
          el('span', { 'data-field': 'best-ask-quantity' }))),
      el('canvas', { width: '480', height: '180', 'data-chart': 'depth',
        'aria-label': 'cumulative depth of ' + key }),
      el('table', { class: 'levels' },
        el('thead', {}, el('tr', {}, el('th', { class: 'num' }, 'bid size'), el('th', { class: 'num' }, 'bid'),
          el('th', { class: 'num' }, 'ask'), el('th', { class: 'num' }, 'ask size'))),
        el('tbody')));
  }

  function updateBook(node, book) {
    const bid = book.bids[0] || {};
    const ask = book.asks[0] || {};
    setField(node, 'sequence', book.sequence);
    setField(node, 'best-bid', bid.price);
    setField(node, 'best-bid-quantity', bid.quantity);
    setField(node, 'best-ask', ask.price);
    setField(node, 'best-ask-quantity', ask.quantity);
    const rows = [];
    for (let i = 0; i < Math.min(LEVELS_SHOWN, Math.max(book.bids.length, book.asks.length)); i++) {
      const b = book.bids[i] || {};
      const a = book.asks[i] || {};
      rows.push(el('tr', { 'data-level': String(i) },
        el('td', { class: 'num' }, b.quantity), el('td', { class: 'num bid' }, b.price),
        el('td', { class: 'num ask' }, a.price), el('td', { class: 'num' }, a.quantity)));
    }
    fill(node.querySelector('table.levels'), rows);
    drawDepth(node.querySelector('canvas'), book);
  }

  function setField(node, field, text) {
    node.querySelector('[data-field="' + field + '"]').textContent = text === undefined || text === null
      ? '-' : String(text);
  }

  /** Cumulative quantity per level, best first: [{price (Number), label (the exact string), depth}]. */
  function cumulative(levels) {
    let depth = 0;
    return levels.map((level) => {
      depth += Number(level.quantity);
      return { price: Number(level.price), label: level.price, depth: depth };
    });
  }

  function drawDepth(canvas, book) {
    const ctx = canvas.getContext('2d');
    const w = canvas.width;
    const h = canvas.height;
    const pad = { left: 6, right: 6, top: 8, bottom: 20 };
    ctx.clearRect(0, 0, w, h);
    const bids = cumulative(book.bids);
    const asks = cumulative(book.asks);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#5f6670';
    if (bids.length === 0 && asks.length === 0) {
      ctx.fillText('empty book', w / 2 - 30, h / 2);
      return;
    }
    const all = bids.concat(asks);
    let low = Math.min(...all.map((l) => l.price));
    let high = Math.max(...all.map((l) => l.price));
    // A margin on both sides, so that the depth of the furthest level shows as a step and not as an edge.
    const margin = low === high ? 1 : (high - low) * 0.06;
    low -= margin;
    high += margin;
    const maxDepth = Math.max(bids.length ? bids[bids.length - 1].depth : 0,
      asks.length ? asks[asks.length - 1].depth : 0) || 1;
    const x = (price) => pad.left + (price - low) / (high - low) * (w - pad.left - pad.right);
    const y = (depth) => h - pad.bottom - depth / maxDepth * (h - pad.top - pad.bottom);
    const base = y(0);
    side(ctx, bids, x, y, base, x(low), '#137333', 'rgba(19, 115, 51, 0.25)');
    side(ctx, asks, x, y, base, x(high), '#b3261e', 'rgba(179, 38, 30, 0.25)');
    ctx.strokeStyle = '#d0d4da';
    ctx.beginPath();
    ctx.moveTo(pad.left, base + 0.5);
    ctx.lineTo(w - pad.right, base + 0.5);
    ctx.stroke();
    ctx.fillStyle = '#5f6670';
    const lowLabel = bids.length ? bids[bids.length - 1].label : asks[0].label;
    const highLabel = asks.length ? asks[asks.length - 1].label : bids[0].label;
    ctx.textAlign = 'left';
    ctx.fillText(lowLabel, pad.left, h - 5);
    ctx.textAlign = 'right';
    ctx.fillText(highLabel, w - pad.right, h - 5);
    ctx.textAlign = 'center';
    if (bids.length && asks.length) {
      ctx.fillText(bids[0].label + ' | ' + asks[0].label, w / 2, h - 5);
    }
  }

  /** One side as a step area from its best level outwards to {@code edge}. */
  function side(ctx, levels, x, y, base, edge, stroke, fillColour) {
    if (levels.length === 0) {
      return;
    }
    ctx.beginPath();
    ctx.moveTo(x(levels[0].price), base);
    levels.forEach((level, i) => {
      ctx.lineTo(x(level.price), y(level.depth));
      const next = i + 1 < levels.length ? x(levels[i + 1].price) : edge;
      ctx.lineTo(next, y(level.depth));
    });
    ctx.lineTo(edge, base);
    ctx.closePath();
    ctx.fillStyle = fillColour;
    ctx.fill();
    ctx.strokeStyle = stroke;
    ctx.stroke();
  }

  function renderTrades() {
    const trades = [];
    model.trades.forEach((list) => list.forEach((trade) => {
      if (trade.instrumentId === selected) {
        trades.push(trade);
      }
    }));
    trades.sort((a, b) => (time(b) < time(a) ? -1 : time(b) > time(a) ? 1 : 0));
    fill(document.getElementById('trades'), trades.slice(0, model.recent).map((t) =>
      el('tr', { 'data-trade-id': t.tradeId, 'data-exchange': t.exchange },
        el('td', {}, shortTime(time(t))), el('td', {}, t.exchange), el('td', {}, t.tradeId),
        el('td', { 'data-side': t.aggressorSide || '' }, t.aggressorSide || '-'),
        el('td', { class: 'num', 'data-field': 'price' }, t.price),
        el('td', { class: 'num', 'data-field': 'quantity' }, t.quantity))));
  }

  function renderOrders() {
    fill(document.getElementById('acks'), newestFirst(model.acks).map((a) =>
      el('tr', { 'data-client-order-id': a.clientOrderId || '', 'data-status': a.status,
        'data-command-id': a.commandId },
        el('td', {}, shortTime(a.ackTime)), el('td', {}, a.exchange + ':' + a.account),
        el('td', { 'data-field': 'client-order-id' }, a.clientOrderId),
        el('td', {}, a.exchangeOrderId), el('td', { 'data-field': 'status' }, a.status),
        el('td', {}, a.error ? (a.error.kind || '') + ' ' + (a.error.code || '') + ' ' + (a.error.message || '') : ''))));
    fill(document.getElementById('order-updates'), newestFirst(model.updates).map((u) =>
      el('tr', { 'data-client-order-id': u.clientOrderId || '', 'data-status': u.status,
        'data-exchange-order-id': u.exchangeOrderId },
        el('td', {}, shortTime(time(u))), el('td', {}, u.exchange + ':' + u.account), el('td', {}, u.instrumentId),
        el('td', { 'data-field': 'client-order-id' }, u.clientOrderId),
        el('td', { 'data-side': u.side }, u.side), el('td', {}, u.orderType),
        el('td', { 'data-field': 'status' }, u.status), el('td', { class: 'num' }, u.price),
        el('td', { class: 'num' }, u.quantity), el('td', { class: 'num' }, u.filledQuantity),
        el('td', { class: 'num' }, u.averagePrice))));
  }

  function renderAccounts() {
    fill(document.getElementById('positions'), sortedValues(model.positions).map(([key, p]) =>
      el('tr', { 'data-position': key },
        el('td', {}, p.exchange + ':' + p.account), el('td', {}, p.instrumentId),
        el('td', { class: 'num', 'data-field': 'quantity' }, p.quantity),
        el('td', { class: 'num' }, p.averageEntryPrice),
        el('td', { class: 'num', 'data-field': 'reported-quantity' }, p.reportedQuantity),
        el('td', { 'data-field': 'reconciliation', 'data-reconciliation': p.reconciliation }, p.reconciliation),
        el('td', { class: 'num' }, p.realizedPnl), el('td', { class: 'num' }, p.fillCount),
        el('td', {}, shortTime(p.updateTime)))));
    fill(document.getElementById('balances'), sortedValues(model.balances).map(([key, b]) =>
      el('tr', { 'data-balance': key },
        el('td', {}, b.exchange + ':' + b.account), el('td', {}, b.asset),
        el('td', { class: 'num' }, b.free), el('td', { class: 'num' }, b.locked),
        el('td', { class: 'num', 'data-field': 'total' }, b.total), el('td', {}, shortTime(time(b))))));
    fill(document.getElementById('alerts'), newestFirst(model.alerts).map((a) =>
      el('tr', { 'data-resolved': String(a.resolved) },
        el('td', {}, shortTime(a.alertTime)), el('td', {}, a.exchange + ':' + a.account),
        el('td', {}, a.instrumentId), el('td', { class: 'num' }, a.derivedQuantity),
        el('td', { class: 'num' }, a.reportedQuantity), el('td', { class: 'num' }, a.difference),
        el('td', { 'data-reconciliation': a.resolved ? 'AGREED' : 'ALERTED' }, a.resolved ? 'resolved' : 'alert'))));
  }

  // ---- helpers ----

  /** The event's time: the exchange's when it gave one, else when it was received (ISO-8601 strings). */
  function time(event) {
    return event.exchangeTime || event.receiveTime || '';
  }

  function shortTime(iso) {
    return iso ? iso.replace('T', ' ').replace('Z', '') : '';
  }

  function newestFirst(list) {
    return list.slice().reverse();
  }

  function sortedValues(map) {
    return Array.from(map.entries()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  function fill(table, rows) {
    table.tBodies[0].replaceChildren(...rows);
  }

  /** An element with attributes and children (strings become text: nothing from the feed is parsed as HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.forEach((child) => {
      if (child === undefined || child === null) {
        return;
      }
      node.append(child instanceof Node ? child : String(child));
    });
    return node;
  }

  document.getElementById('instrument').addEventListener('change', (event) => {
    selected = event.target.value;
    history.replaceState(null, '', '#' + encodeURIComponent(selected));
    render();
  });
  connect();
}());
