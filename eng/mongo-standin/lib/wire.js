'use strict';
// MongoDB wire protocol framing: OP_MSG (2013), legacy OP_QUERY (2004, used
// only for the initial handshake) and the OP_REPLY (1) that answers it.
const { BSON } = require('bson');

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const OP_COMPRESSED = 2012;

const MSG_CHECKSUM_PRESENT = 1 << 0;
const MSG_MORE_TO_COME = 1 << 1;

// Numbers keep their exact BSON type (Int32/Long/Double/Decimal128) so that
// documents round-trip unchanged; regexes stay BSONRegExp for the same reason.
const DESERIALIZE_OPTIONS = { promoteValues: false, bsonRegExp: true };
const SERIALIZE_OPTIONS = { ignoreUndefined: true };

const decode = (buf) => BSON.deserialize(buf, DESERIALIZE_OPTIONS);
const encode = (doc) => BSON.serialize(doc, SERIALIZE_OPTIONS);

function readCString(buf, offset) {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new Error('unterminated cstring');
  return { value: buf.toString('utf8', offset, end), next: end + 1 };
}

/**
 * Splits a byte stream into complete messages. Returns the messages found and
 * the unconsumed remainder (a partial message waiting for more bytes).
 */
function splitMessages(buf, maxSize) {
  const messages = [];
  let offset = 0;
  while (buf.length - offset >= 16) {
    const length = buf.readInt32LE(offset);
    if (length < 16 || length > maxSize) throw new Error(`invalid message length ${length}`);
    if (buf.length - offset < length) break;
    messages.push(buf.subarray(offset, offset + length));
    offset += length;
  }
  return { messages, rest: buf.subarray(offset) };
}

/** Parses one complete message into { requestId, opCode, ... }. */
function parseMessage(msg) {
  const opCode = msg.readInt32LE(12);
  let parsed;
  if (opCode === OP_MSG) parsed = parseOpMsg(msg);
  else if (opCode === OP_QUERY) parsed = parseOpQuery(msg);
  else if (opCode === OP_COMPRESSED) throw new Error('OP_COMPRESSED is not supported (no compressors are advertised)');
  else throw new Error(`unsupported opCode ${opCode}`);
  // Header fields are added, not spread in: object spread is slow on this path.
  parsed.requestId = msg.readInt32LE(4);
  parsed.responseTo = msg.readInt32LE(8);
  parsed.opCode = opCode;
  return parsed;
}

function parseOpMsg(msg) {
  const flags = msg.readUInt32LE(16);
  // The trailing CRC-32C is tolerated but not verified: TCP on loopback is
  // already checksummed and the driver never requires verification.
  const end = flags & MSG_CHECKSUM_PRESENT ? msg.length - 4 : msg.length;
  let offset = 20;
  let body = null;
  const sequences = {};
  while (offset < end) {
    const kind = msg[offset++];
    if (kind === 0) {
      const size = msg.readInt32LE(offset);
      body = decode(msg.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = msg.readInt32LE(offset);
      const sectionEnd = offset + size;
      const id = readCString(msg, offset + 4);
      const docs = [];
      let p = id.next;
      while (p < sectionEnd) {
        const docSize = msg.readInt32LE(p);
        docs.push(decode(msg.subarray(p, p + docSize)));
        p += docSize;
      }
      sequences[id.value] = docs;
      offset = sectionEnd;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new Error('OP_MSG without a body section');
  return { body, sequences, moreToCome: (flags & MSG_MORE_TO_COME) !== 0 };
}

function parseOpQuery(msg) {
  const name = readCString(msg, 20);
  const offset = name.next + 8; // skip numberToSkip and numberToReturn
  const size = msg.readInt32LE(offset);
  let query = decode(msg.subarray(offset, offset + size));
  // Legacy drivers may wrap the command as { $query: {...}, $readPreference }.
  if (query.$query && typeof query.$query === 'object') query = query.$query;
  return { fullCollectionName: name.value, body: query, sequences: {}, moreToCome: false };
}

function header(length, requestId, responseTo, opCode) {
  const buf = Buffer.alloc(16);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
  return buf;
}

function encodeOpMsg(requestId, responseTo, doc) {
  const body = encode(doc);
  const prefix = Buffer.alloc(5); // flagBits (0) + section kind 0
  return Buffer.concat([header(16 + 5 + body.length, requestId, responseTo, OP_MSG), prefix, body]);
}

function encodeOpReply(requestId, responseTo, doc) {
  const body = encode(doc);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (0), startingFrom, numberReturned
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(16 + 20 + body.length, requestId, responseTo, OP_REPLY), fields, body]);
}

module.exports = {
  OP_QUERY, splitMessages, parseMessage, encodeOpMsg, encodeOpReply, decode, encode,
};
