'use strict';
// What both examples share: where Kafka and the schema registry are, and clients that read and write ExchangeBus's
// records (Confluent wire format: magic byte, schema id, Avro) with exact decimals.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const { DecimalType } = require('./decimal');

const TOPICS = {
  book: 'market.book.v1',
  trades: 'market.trades.v1',
  commands: 'orders.commands.v1',
  acks: 'orders.acks.v1',
  updates: 'orders.updates.v1',
};

/** `--name value` options of the command line, as an object. */
function options(argv = process.argv.slice(2)) {
  const parsed = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`unexpected argument '${argv[i]}': options are --name value`);
    }
    parsed[argv[i].slice(2)] = argv[++i];
  }
  return parsed;
}

/**
 * Where the broker and the registry are: --bootstrap and --registry, else EXBUS_BOOTSTRAP and EXBUS_REGISTRY, else
 * the file a running `./exbus demo` or `./exbus stack` writes (~/.exbus/stack.properties, or under EXBUS_HOME).
 */
function connection(opts) {
  const home = process.env.EXBUS_HOME || path.join(os.homedir(), '.exbus');
  const stackFile = path.join(home, 'stack.properties');
  const stack = {};
  if (fs.existsSync(stackFile)) {
    for (const line of fs.readFileSync(stackFile, 'utf8').split('\n')) {
      const match = /^([^#=\s]+)\s*=\s*(.*)$/.exec(line.trim());
      if (match) {
        stack[match[1]] = match[2].replace(/\\:/g, ':');
      }
    }
  }
  const bootstrap = opts.bootstrap || process.env.EXBUS_BOOTSTRAP || stack.bootstrap;
  const registry = opts.registry || process.env.EXBUS_REGISTRY || stack.registry;
  if (!bootstrap || !registry) {
    throw new Error(`no broker or registry given: pass --bootstrap and --registry, set EXBUS_BOOTSTRAP and `
      + `EXBUS_REGISTRY, or start ./exbus demo (it writes ${stackFile})`);
  }
  return { bootstrap, registry };
}

/** The Kafka client and the registry client for `conn`. */
function clients(conn, clientId) {
  const kafka = new Kafka({ clientId, brokers: conn.bootstrap.split(','), logLevel: logLevel.WARN });
  const registry = new SchemaRegistry({ host: conn.registry },
    { [SchemaType.AVRO]: { logicalTypes: { decimal: DecimalType } } });
  return { kafka, registry };
}

/** Exit codes, as `exbus order` gives them: 0 done, 1 failed, 2 wrong usage, 3 not found in time, 4 refused. */
const EXIT = { OK: 0, FAILED: 1, USAGE: 2, NOT_FOUND: 3, REFUSED: 4 };

/** Runs `main`, turning a thrown error into a message on stderr and exit code 1. */
function run(main) {
  main().then((code) => process.exit(code), (error) => {
    console.error(`${path.basename(process.argv[1])}: ${error.message}`);
    process.exit(EXIT.FAILED);
  });
}

module.exports = { TOPICS, EXIT, options, connection, clients, run };
