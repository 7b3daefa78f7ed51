'use strict';
// Decoding an OTLP ExportTraceServiceRequest with the OpenTelemetry project's own definitions: the
// protobufjs module @opentelemetry/otlp-transformer generated from opentelemetry-proto
// (build/src/generated/root.js; shipped up to 0.216.0, later releases serialize by hand).
//
// OTLP/HTTP JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding) is the
// protobuf JSON mapping with three differences this module applies: traceId, spanId and
// parentSpanId are hex strings (not base64), enums are integers only, and field names are
// lowerCamelCase. int64 and fixed64 values may be decimal strings or numbers.
const { createRequire } = require('module');

const rootPath = require.resolve('@opentelemetry/otlp-transformer/build/src/generated/root.js');
const root = require(rootPath);
// The protobufjs runtime root.js itself uses, for its Long.
const protobuf = createRequire(rootPath)('protobufjs/minimal');
const { ExportTraceServiceRequest } = root.opentelemetry.proto.collector.trace.v1;

class DecodeError extends Error {}

// Ids in hex and how many bytes they have.
const ID_BYTES = { traceId: 16, spanId: 8, parentSpanId: 8 };
// The 64-bit integer fields of the trace signal, which JSON may carry as strings.
const INT64_FIELDS = new Set(['startTimeUnixNano', 'endTimeUnixNano', 'timeUnixNano', 'intValue']);

function hexId(value, bytes, where, field) {
  if (field === 'parentSpanId' && value === '') return Buffer.alloc(0);  // a root span
  if (value.length !== 2 * bytes || !/^[0-9a-fA-F]*$/.test(value)) {
    throw new DecodeError(`${where}: expected ${2 * bytes} hex digits (${bytes} bytes), got ${JSON.stringify(value)}`);
  }
  if (/^0*$/.test(value)) throw new DecodeError(`${where}: an all-zero id is invalid`);
  return Buffer.from(value, 'hex');
}

function int64(value, where) {
  if (!/^-?[0-9]+$/.test(value)) throw new DecodeError(`${where}: expected a decimal integer, got ${JSON.stringify(value)}`);
  return protobuf.util.Long.fromString(value, false);
}

/** The OTLP JSON object with its hex ids as bytes and its decimal-string integers as Longs. */
function fromOtlpJson(value, where = '') {
  if (Array.isArray(value)) return value.map((item, i) => fromOtlpJson(item, `${where}[${i}]`));
  if (value === null || typeof value !== 'object') return value;
  const converted = {};
  for (const [key, field] of Object.entries(value)) {
    const path = where ? `${where}.${key}` : key;
    if (key in ID_BYTES && typeof field === 'string') converted[key] = hexId(field, ID_BYTES[key], path, key);
    else if (INT64_FIELDS.has(key) && typeof field === 'string') converted[key] = int64(field, path);
    else converted[key] = fromOtlpJson(field, path);
  }
  return converted;
}

/** Checks `object` against the .proto, builds the message, and returns it encoded and decoded again. */
function roundTrip(object) {
  const problem = ExportTraceServiceRequest.verify(object);
  if (problem) throw new DecodeError(`ExportTraceServiceRequest: ${problem}`);
  const bytes = ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(object)).finish();
  return ExportTraceServiceRequest.decode(bytes);
}

/** Decodes an OTLP/HTTP JSON body; throws DecodeError naming what is wrong. */
function decodeJson(text) {
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DecodeError(`invalid JSON: ${error.message}`);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new DecodeError('ExportTraceServiceRequest: object expected');
  }
  return roundTrip(fromOtlpJson(document));
}

/** Decodes an OTLP/HTTP protobuf body; throws DecodeError naming what is wrong. */
function decodeProtobuf(bytes) {
  let message;
  try {
    message = ExportTraceServiceRequest.decode(bytes);
  } catch (error) {
    throw new DecodeError(`invalid protobuf: ${error.message}`);
  }
  return roundTrip(ExportTraceServiceRequest.toObject(message));
}

// ---- the decoded message as the tests read it ------------------------------------------------

const hex = (bytes) => Buffer.from(bytes ?? []).toString('hex');
const decimal = (value) => (value === null || value === undefined ? '0' : value.toString());

/** An AnyValue in its OTLP JSON form: {"stringValue": "x"}, {"intValue": "7"} (a string), ... */
function anyValue(value) {
  if (!value || !value.value) return {};
  const kind = value.value;
  const inner = value[kind];
  switch (kind) {
    case 'intValue': return { intValue: decimal(inner) };
    case 'bytesValue': return { bytesValue: Buffer.from(inner).toString('base64') };
    case 'arrayValue': return { arrayValue: { values: (inner.values ?? []).map(anyValue) } };
    case 'kvlistValue': return { kvlistValue: attributes(inner.values) };
    default: return { [kind]: inner };
  }
}

/** KeyValue list → {key: AnyValue}. */
function attributes(list) {
  const out = {};
  for (const { key, value } of list ?? []) out[key] = anyValue(value);
  return out;
}

/** One span per entry, each with its resource and scope. */
function normalize(request) {
  const spans = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = {
      attributes: attributes(resourceSpans.resource?.attributes),
      droppedAttributesCount: resourceSpans.resource?.droppedAttributesCount ?? 0,
      schemaUrl: resourceSpans.schemaUrl ?? '',
    };
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope = {
        name: scopeSpans.scope?.name ?? '',
        version: scopeSpans.scope?.version ?? '',
        attributes: attributes(scopeSpans.scope?.attributes),
        schemaUrl: scopeSpans.schemaUrl ?? '',
      };
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          traceState: span.traceState ?? '',
          flags: span.flags ?? 0,
          name: span.name ?? '',
          kind: span.kind ?? 0,
          startTimeUnixNano: decimal(span.startTimeUnixNano),
          endTimeUnixNano: decimal(span.endTimeUnixNano),
          attributes: attributes(span.attributes),
          droppedAttributesCount: span.droppedAttributesCount ?? 0,
          events: (span.events ?? []).map((event) => ({
            name: event.name ?? '',
            timeUnixNano: decimal(event.timeUnixNano),
            attributes: attributes(event.attributes),
          })),
          links: (span.links ?? []).map((link) => ({
            traceId: hex(link.traceId),
            spanId: hex(link.spanId),
            traceState: link.traceState ?? '',
            attributes: attributes(link.attributes),
          })),
          status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
          resource,
          scope,
        });
      }
    }
  }
  return spans;
}

module.exports = { DecodeError, decodeJson, decodeProtobuf, normalize, ExportTraceServiceRequest };
