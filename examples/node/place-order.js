'use strict';
// Places an order through ExchangeBus: writes an OrderCommand to orders.commands.v1 (keyed exchange:account, the
// schema fetched from the registry by subject) and waits for oms-service's ack on orders.acks.v1.
//
//   node place-order.js --exchange binance-spot --account spot --symbol BTCUSDT --instrument BTC-USDT \
//       --side BUY --type MARKET --quantity 0.001 [--price 60000.5] [--client-order-id ID] [--timeout 30]
//
// Prints the ack as one JSON line. Exit codes as `exbus order`: 0 ACCEPTED, 4 REJECTED or EXPIRED (the reason is in
// the ack), 3 no ack within --timeout seconds, 1 failure (broker or registry unreachable), 2 wrong usage.
const crypto = require('node:crypto');
const { Partitioners } = require('kafkajs');
const { TOPICS, EXIT, options, connection, clients, run } = require('./lib/exchangebus');

const REQUIRED = ['exchange', 'account', 'symbol', 'instrument', 'side', 'type', 'quantity'];

run(async () => {
  const opts = options();
  const missing = REQUIRED.filter((name) => !opts[name]);
  if (missing.length > 0) {
    console.error(`place-order.js: missing ${missing.map((m) => '--' + m).join(', ')}`);
    return EXIT.USAGE;
  }
  const { kafka, registry } = clients(connection(opts), 'exbus-node-example-orders');
  const commandId = crypto.randomUUID();
  const nowMicros = Date.now() * 1000;
  const command = {
    commandId,
    exchange: opts.exchange,
    account: opts.account,
    createdAt: nowMicros,
    expiresAt: nowMicros + 10_000_000, // never sent after 10 s: it is acked EXPIRED instead
    action: {
      'io.exchangebus.events.PlaceOrder': {
        clientOrderId: opts['client-order-id'] || `node-${commandId.slice(0, 8)}`,
        symbol: opts.symbol,
        instrumentId: opts.instrument,
        side: opts.side.toUpperCase(),
        orderType: opts.type.toUpperCase(),
        timeInForce: null,
        quantity: opts.quantity, // exact decimal strings, never numbers
        price: opts.price ?? null,
        stopPrice: null,
        reduceOnly: false,
        goodTillTime: null,
      },
    },
  };
  // The subject exists before our first write: the stack registers every topic's schema when it starts.
  const schemaId = await registry.getLatestSchemaId(`${TOPICS.commands}-value`);
  const value = await registry.encode(schemaId, command);

  // Where the ack topic ends now: our ack comes after. Read committed only (the default), as oms-service writes
  // acks in transactions.
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(TOPICS.acks);
  await admin.disconnect();

  const consumer = kafka.consumer({ groupId: `exbus-node-example-${process.pid}-${Date.now()}` });
  let settle;
  const acked = new Promise((resolve) => { settle = resolve; });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPICS.acks], fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      if (message.value === null) {
        return;
      }
      const ack = await registry.decode(message.value);
      if (ack.commandId === commandId) {
        settle(ack);
      }
    },
  });
  for (const { partition, offset } of ends) {
    consumer.seek({ topic: TOPICS.acks, partition, offset });
  }

  // The Java client's partitioner (murmur2 of the key), so this account's commands share a partition, and so an
  // order, with those that exbus order or a Java strategy writes.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic: TOPICS.commands,
    acks: -1,
    messages: [{ key: `${opts.exchange}:${opts.account}`, value }],
  });
  await producer.disconnect();

  const seconds = Number(opts.timeout ?? 30);
  const timer = setTimeout(() => settle(null), seconds * 1000);
  const ack = await acked;
  clearTimeout(timer);
  await consumer.disconnect();
  if (ack === null) {
    console.error(`place-order.js: no ack for command ${commandId} within ${seconds} s`);
    return EXIT.NOT_FOUND;
  }
  console.log(JSON.stringify({ topic: TOPICS.acks, ...ack }));
  return ack.status === 'ACCEPTED' ? EXIT.OK : EXIT.REFUSED;
});
