'use strict';
const test = require('node:test');
const assert = require('node:assert');
const avro = require('avsc');
const { DecimalType, toBytes, fromBytes } = require('../lib/decimal');

const schema = {
  type: 'record', name: 'Level', fields: [
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 18 } },
    { name: 'stop', type: ['null', { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 18 }], default: null },
  ],
};
const type = avro.Type.forSchema(schema, { logicalTypes: { decimal: DecimalType } });

test('a decimal goes through Avro and back exactly, sign and fraction kept', () => {
  for (const text of ['0.1', '0.3', '-0.00000001', '67321.45', '0', '99999999999999999999.999999999999999999',
    '-99999999999999999999.999999999999999999', '0.000000000000000001']) {
    const back = type.fromBuffer(type.toBuffer({ price: text, stop: null }));
    assert.strictEqual(back.price, text);
  }
});

test('the bytes are what Java writes: unscaled big-endian two\'s complement at scale 18', () => {
  // new BigDecimal("1.5").setScale(18).unscaledValue().toByteArray() is 0x14d1120d7b160000 (1.5e18).
  const bytes = type.toBuffer({ price: '1.5', stop: null });
  assert.strictEqual(bytes.toString('hex'), '10' + '14d1120d7b160000' + '00');
  assert.strictEqual(toBytes(-1n).toString('hex'), 'ff');
  assert.strictEqual(toBytes(128n).toString('hex'), '0080');
  assert.strictEqual(fromBytes(Buffer.from('ff7f', 'hex')), -129n);
});

test('a nullable decimal takes null or a decimal', () => {
  assert.strictEqual(type.fromBuffer(type.toBuffer({ price: '1', stop: '2.25' })).stop, '2.25');
  assert.strictEqual(type.fromBuffer(type.toBuffer({ price: '1', stop: null })).stop, null);
});

test('too many decimal places or digits is refused, never rounded', () => {
  assert.throws(() => type.toBuffer({ price: '0.0000000000000000001', stop: null }), /19 decimal places; at most 18/);
  assert.throws(() => type.toBuffer({ price: '123456789012345678901', stop: null }), /more than 38 digits/);
  assert.throws(() => type.toBuffer({ price: '1e5', stop: null }), /not a decimal number/);
});
