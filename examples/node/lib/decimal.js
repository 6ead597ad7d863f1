'use strict';
// Avro's decimal logical type (bytes: the unscaled value, big-endian two's complement) as exact decimal strings.
// ExchangeBus writes every price, quantity, fee and balance as decimal(38, 18); a JavaScript number would round
// them, so this type never makes one: "0.1" stays "0.1", and a string with more fraction digits than the scale, or
// more digits than the precision, is refused rather than rounded.
const avro = require('avsc');

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

/** The unscaled integer of `text` at `scale`, or an Error naming the value. */
function unscaled(text, scale, precision) {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) {
    throw new Error(`not a decimal number: '${text}'`);
  }
  const [, minus, whole, fraction = ''] = match;
  if (fraction.length > scale) {
    throw new Error(`'${text}' has ${fraction.length} decimal places; at most ${scale} (never rounded)`);
  }
  const digits = (whole + fraction.padEnd(scale, '0')).replace(/^0+(?=\d)/, '');
  if (precision && digits.length > precision) {
    throw new Error(`'${text}' has more than ${precision} digits`);
  }
  const value = BigInt(digits);
  return minus ? -value : value;
}

/** `value` / 10^scale as text, without trailing zeros in the fraction. */
function format(value, scale) {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return (negative ? '-' : '') + whole + (fraction ? '.' + fraction : '');
}

/** Big-endian two's complement bytes of `value`, as few as hold it. */
function toBytes(value) {
  let length = 1;
  while (value < -(1n << BigInt(8 * length - 1)) || value >= (1n << BigInt(8 * length - 1))) {
    length++;
  }
  const encoded = value < 0n ? value + (1n << BigInt(8 * length)) : value;
  return Buffer.from(encoded.toString(16).padStart(2 * length, '0'), 'hex');
}

/** The integer that big-endian two's complement `bytes` hold. */
function fromBytes(bytes) {
  if (bytes.length === 0) {
    return 0n;
  }
  const value = BigInt('0x' + bytes.toString('hex'));
  return bytes[0] & 0x80 ? value - (1n << BigInt(8 * bytes.length)) : value;
}

class DecimalType extends avro.types.LogicalType {
  constructor(schema, opts) {
    super(schema, opts);
    this._scale = schema.scale || 0;
    this._precision = schema.precision;
  }

  _fromValue(bytes) {
    return format(fromBytes(bytes), this._scale);
  }

  _toValue(text) {
    if (typeof text !== 'string') {
      return undefined; // not this branch of a union
    }
    return toBytes(unscaled(text, this._scale, this._precision));
  }

  _resolve(type) {
    if (avro.Type.isType(type, 'logical:decimal') && type._scale === this._scale) {
      return (text) => text;
    }
    return undefined;
  }

  _export(attrs) {
    attrs.precision = this._precision;
    attrs.scale = this._scale;
  }
}

module.exports = { DecimalType, unscaled, format, toBytes, fromBytes };
