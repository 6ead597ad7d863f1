'use strict';
// Prints the books and trades of one instrument as ExchangeBus publishes them, one JSON object a line, from the
// moment it starts. Decimals are exact strings; times are microseconds since the epoch (UTC).
//
//   node consume-market.js --key binance-spot:BTCUSDT [--books 3] [--trades 1] [--timeout 60]
//
// It stops once it has printed --books books and --trades trades (default: runs until Ctrl-C), or exits 3 when
// they do not arrive within --timeout seconds. Records are keyed exchange:symbol, so one key's records are in one
// partition, in order.
const { TOPICS, EXIT, options, connection, clients, run } = require('./lib/exchangebus');

run(async () => {
  const opts = options();
  if (!opts.key) {
    console.error('usage: node consume-market.js --key EXCHANGE:SYMBOL [--books N] [--trades N] [--timeout SECONDS]');
    return EXIT.USAGE;
  }
  const wanted = { book: Number(opts.books ?? Infinity), trade: Number(opts.trades ?? Infinity) };
  const { kafka, registry } = clients(connection(opts), 'exbus-node-example-market');
  // A group of its own, starting at the end: it reads what is published from now on and commits nothing.
  const consumer = kafka.consumer({ groupId: `exbus-node-example-${process.pid}-${Date.now()}` });
  const seen = { book: 0, trade: 0 };
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPICS.book, TOPICS.trades], fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, message }) => {
      if (message.key?.toString() !== opts.key || message.value === null) {
        return;
      }
      const kind = topic === TOPICS.book ? 'book' : 'trade';
      if (seen[kind] >= wanted[kind]) {
        return;
      }
      const record = await registry.decode(message.value);
      seen[kind]++;
      console.log(JSON.stringify({ topic, key: opts.key, ...summary(kind, record) }));
      if (seen.book >= wanted.book && seen.trade >= wanted.trade) {
        finish(EXIT.OK);
      }
    },
  });
  const timeout = setTimeout(() => finish(EXIT.NOT_FOUND), Number(opts.timeout ?? 0) * 1000 || 2 ** 31 - 1);
  const code = await finished;
  clearTimeout(timeout);
  if (code !== EXIT.OK) {
    console.error(`consume-market.js: ${seen.book} books and ${seen.trade} trades of ${opts.key} in ${opts.timeout} s`);
  }
  await consumer.disconnect();
  return code;
});

/** The fields worth a line: a book's kind, sequence and best levels; a trade's price, quantity and side. */
function summary(kind, record) {
  if (kind === 'book') {
    return {
      kind: record.kind, sequence: record.sequence, levels: record.bids.length + record.asks.length,
      bestBid: record.bids[0] ?? null, bestAsk: record.asks[0] ?? null, exchangeTime: record.exchangeTime,
    };
  }
  return {
    tradeId: record.tradeId, price: record.price, quantity: record.quantity, side: record.aggressorSide,
    exchangeTime: record.exchangeTime,
  };
}
