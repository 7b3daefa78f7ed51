'use strict';
// The OTLP receiver decodes a known OTLP/HTTP JSON document exactly, rejects broken ones with the
// reason, and follows its modes. Run by ctest (integration.OtlpReceiverSelfTest):
//   node otlp_receiver_selftest.js
// Exits 77 (skipped) when the peers are not installed.
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { once } = require('node:events');
const test = require('node:test');
const zlib = require('node:zlib');

try {
  require.resolve('@opentelemetry/otlp-transformer/build/src/generated/root.js');
} catch {
  console.log('SKIP: @opentelemetry/otlp-transformer is not installed: run scripts/setup.sh (npm ci --prefix tests/peers)');
  process.exit(77);
}
const { ExportTraceServiceRequest } = require('./otlp_decode');

let receiver;
let base;

test.before(async () => {
  receiver = spawn(process.execPath, [path.join(__dirname, 'otlp_receiver.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(receiver.stdout, 'data');
  const { listening, port } = JSON.parse(line.toString().split('\n')[0]);
  assert.equal(listening, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});
test.after(() => receiver.kill('SIGTERM'));
test.beforeEach(() => post('/__reset', '{}'));

function post(route, body, headers = { 'content-type': 'application/json' }) {
  return fetch(base + route, { method: 'POST', body, headers });
}
async function getJson(route) {
  return (await fetch(base + route)).json();
}

// The spec's example shape, every kind of field once.
const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const document = {
  resourceSpans: [{
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'azcore-test' } }] },
    scopeSpans: [{
      scope: { name: 'azcore', version: '1.2.3' },
      spans: [{
        traceId: TRACE_ID,
        spanId: 'eee19b7ec3c1b174',
        parentSpanId: 'eee19b7ec3c1b173',
        name: 'GET',
        kind: 3,
        startTimeUnixNano: '1544712660000000000',
        endTimeUnixNano: 1544712661000000000,
        attributes: [
          { key: 'http.request.method', value: { stringValue: 'GET' } },
          { key: 'http.response.status_code', value: { intValue: '503' } },
          { key: 'server.port', value: { intValue: 8080 } },
          { key: 'retry', value: { boolValue: true } },
          { key: 'ratio', value: { doubleValue: 0.5 } },
          { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }] } } },
        ],
        events: [{
          timeUnixNano: '1544712660500000000',
          name: 'exception',
          attributes: [{ key: 'exception.type', value: { stringValue: 'ServiceRequestError' } }],
        }],
        status: { code: 2, message: 'connection refused' },
        unknownFieldsAreIgnored: 'per the OTLP spec',
      }],
    }],
  }],
};

const expectedSpan = {
  traceId: TRACE_ID,
  spanId: 'eee19b7ec3c1b174',
  parentSpanId: 'eee19b7ec3c1b173',
  traceState: '',
  flags: 0,
  name: 'GET',
  kind: 3,
  startTimeUnixNano: '1544712660000000000',
  endTimeUnixNano: '1544712661000000000',
  attributes: {
    'http.request.method': { stringValue: 'GET' },
    'http.response.status_code': { intValue: '503' },
    'server.port': { intValue: '8080' },
    retry: { boolValue: true },
    ratio: { doubleValue: 0.5 },
    tags: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }] } },
  },
  droppedAttributesCount: 0,
  events: [{ name: 'exception', timeUnixNano: '1544712660500000000', attributes: { 'exception.type': { stringValue: 'ServiceRequestError' } } }],
  links: [],
  status: { code: 2, message: 'connection refused' },
  resource: { attributes: { 'service.name': { stringValue: 'azcore-test' } }, droppedAttributesCount: 0, schemaUrl: '' },
  scope: { name: 'azcore', version: '1.2.3', attributes: {}, schemaUrl: '' },
};

/** The document with its first span changed by edit. */
function withSpan(edit) {
  const copy = structuredClone(document);
  edit(copy.resourceSpans[0].scopeSpans[0].spans[0]);
  return JSON.stringify(copy);
}

async function expectRejected(body, message, headers) {
  const response = await post('/v1/traces', body, headers);
  assert.equal(response.status, 400);
  assert.deepEqual(await response.json(), { code: 3, message });
}

test('a known OTLP JSON document is decoded exactly', async () => {
  const response = await post('/v1/traces', JSON.stringify(document));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.deepEqual(await response.json(), {});
  assert.deepEqual(await getJson('/__received'), { spans: [expectedSpan] });
  assert.deepEqual(await getJson('/__stats'), { requests: 1, accepted: 1, rejected: 0, refused: 0, spans: 1 });
});

test('the same request as protobuf, and gzipped JSON, decode to the same span', async () => {
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.from(TRACE_ID, 'hex'), spanId: Buffer.from('eee19b7ec3c1b174', 'hex'), name: 'p', kind: 2 }] }] }],
  });
  const binary = ExportTraceServiceRequest.encode(message).finish();
  assert.equal((await post('/v1/traces', binary, { 'content-type': 'application/x-protobuf' })).status, 200);
  const gzipped = zlib.gzipSync(JSON.stringify(document));
  assert.equal((await post('/v1/traces', gzipped, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status, 200);
  const { spans } = await getJson('/__received');
  assert.deepEqual(spans.map((span) => [span.traceId, span.spanId, span.name, span.kind]),
                   [[TRACE_ID, 'eee19b7ec3c1b174', 'p', 2], [TRACE_ID, 'eee19b7ec3c1b174', 'GET', 3]]);
  assert.deepEqual(spans[1], expectedSpan);
  const requests = await getJson('/__requests');
  assert.deepEqual(requests.map((r) => [r.contentType, r.contentEncoding, r.status]),
                   [['application/x-protobuf', null, 200], ['application/json', 'gzip', 200]]);
});

test('a trace id of the wrong length is rejected with where and why', async () => {
  await expectRejected(withSpan((span) => { span.traceId = TRACE_ID.slice(2); }),
                       'resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 32 hex digits (16 bytes), got "8efff798038103d269b633813fc60c"');
  await expectRejected(withSpan((span) => { span.spanId = 'zze19b7ec3c1b174'; }),
                       'resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 16 hex digits (8 bytes), got "zze19b7ec3c1b174"');
  await expectRejected(withSpan((span) => { span.spanId = '0000000000000000'; }),
                       'resourceSpans[0].scopeSpans[0].spans[0].spanId: an all-zero id is invalid');
  // An id in base64, as the generic protobuf JSON mapping would have it, is not OTLP JSON.
  await expectRejected(withSpan((span) => { span.traceId = Buffer.from(TRACE_ID, 'hex').toString('base64'); }),
                       'resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 32 hex digits (16 bytes), got "W47/95gDgQPSabYzgT/GDA=="');
});

test('a field of the wrong type is rejected by the .proto definitions', async () => {
  await expectRejected(withSpan((span) => { span.name = 42; }),
                       'ExportTraceServiceRequest: resourceSpans.scopeSpans.spans.name: string expected');
  await expectRejected(withSpan((span) => { span.kind = 'SPAN_KIND_CLIENT'; }),
                       'ExportTraceServiceRequest: resourceSpans.scopeSpans.spans.kind: enum value expected');
  await expectRejected(withSpan((span) => { span.startTimeUnixNano = '15447e9'; }),
                       'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: expected a decimal integer, got "15447e9"');
  await expectRejected(withSpan((span) => { span.attributes = {}; }),
                       'ExportTraceServiceRequest: resourceSpans.scopeSpans.spans.attributes: array expected');
  await expectRejected('{"resourceSpans": [', 'invalid JSON: Unexpected end of JSON input');
  await expectRejected('[]', 'ExportTraceServiceRequest: object expected');
  await expectRejected(Buffer.from([0x0a, 0x05]), 'invalid protobuf: index out of range: 2 + 10 > 2', { 'content-type': 'application/x-protobuf' });
  const unsupported = await post('/v1/traces', JSON.stringify(document), { 'content-type': 'text/plain' });
  assert.equal(unsupported.status, 415);
  assert.deepEqual(await getJson('/__received'), { spans: [] });
  assert.deepEqual(await getJson('/__stats'), { requests: 8, accepted: 0, rejected: 8, refused: 0, spans: 0 });
});

test('the mode answers 503 with Retry-After the given number of times, then decodes again', async () => {
  const mode = await post('/__mode', JSON.stringify({ status: 503, times: 2, retry_after: '1' }));
  assert.deepEqual(await mode.json(), { status: 503, delayMs: 0, times: 2, retryAfter: '1' });
  for (let i = 0; i < 2; ++i) {
    const refused = await post('/v1/traces', JSON.stringify(document));
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '1');
    assert.deepEqual(await refused.json(), { code: 14, message: "the receiver's mode answers 503" });
  }
  assert.equal((await post('/v1/traces', JSON.stringify(document))).status, 200);
  assert.deepEqual(await getJson('/__stats'), { requests: 3, accepted: 1, rejected: 0, refused: 2, spans: 1 });
  const bad = await post('/__mode', JSON.stringify({ status: 'busy' }));
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { code: 3, message: 'status: an HTTP status expected' });
});

test('the mode delays answers until turned back', async () => {
  await post('/__mode', JSON.stringify({ delay_ms: 300 }));
  let started = Date.now();
  assert.equal((await post('/v1/traces', JSON.stringify(document))).status, 200);
  assert.ok(Date.now() - started >= 300, `answered after ${Date.now() - started} ms`);
  await post('/__mode', JSON.stringify({ delay_ms: 0 }));
  started = Date.now();
  assert.equal((await post('/v1/traces', JSON.stringify(document))).status, 200);
  assert.ok(Date.now() - started < 300, `answered after ${Date.now() - started} ms`);
});
