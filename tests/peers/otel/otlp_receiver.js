#!/usr/bin/env node
'use strict';
// An OTLP/HTTP trace receiver for exporter tests: decodes what it is sent with the OpenTelemetry
// project's own protobuf definitions (otlp_decode.js) and keeps the spans for the test to read.
//
//   node otlp_receiver.js [--port N]      (prints {"listening":"127.0.0.1","port":N})
//
// Routes:
//   POST /v1/traces     Content-Type application/json (OTLP JSON) or application/x-protobuf,
//                       optionally Content-Encoding gzip. 200 {} when decoded; 400 with a
//                       google.rpc.Status {"code":3,"message":<the decode error>} when not; 415
//                       for another content type; or what the mode says.
//   GET  /__received    {"spans":[...]}: every span decoded so far, in arrival order (otlp_decode.js
//                       normalize(): hex ids, unix nanos as decimal strings, attributes as
//                       {key: AnyValue in OTLP JSON form}, status, events, links, resource, scope).
//   GET  /__stats       {"requests","accepted","rejected","refused","spans"}: POSTs to /v1/traces
//                       received, decoded, answered 400/415, answered by the mode's status.
//   GET  /__requests    [{contentType, contentEncoding, userAgent, bytes, status, error}] per POST.
//   POST /__mode        {"status": s, "delay_ms": n, "times": k, "retry_after": "v"}: answer s
//                       (with Retry-After v) to the next k exports (all, without times) and/or
//                       wait n ms before answering; {"status": 200} / {"delay_ms": 0} turn back.
//   POST /__reset       forgets everything and turns the mode back.
const zlib = require('zlib');
const http = require('http');
const { DecodeError, decodeJson, decodeProtobuf, normalize } = require('./otlp_decode');
const { listen, readBody, sendJson, parseUrl } = require('./peer_common');

const INVALID_ARGUMENT = 3;
const UNAVAILABLE = 14;

let state;
function reset() {
  state = {
    mode: { status: 200, delayMs: 0, times: null, retryAfter: null },
    spans: [],
    requests: [],
    stats: { requests: 0, accepted: 0, rejected: 0, refused: 0, spans: 0 },
  };
}
reset();

/** Applies a POST /__mode body; throws naming the bad field. */
function setMode(body) {
  const change = JSON.parse(body.toString('utf8') || '{}');
  const mode = { ...state.mode };
  if ('status' in change) {
    if (!Number.isInteger(change.status) || change.status < 200 || change.status > 599) throw new Error('status: an HTTP status expected');
    mode.status = change.status;
    mode.times = null;
    mode.retryAfter = null;
  }
  if ('times' in change) {
    if (!Number.isInteger(change.times) || change.times < 1) throw new Error('times: a positive integer expected');
    mode.times = change.times;
  }
  if ('retry_after' in change) mode.retryAfter = String(change.retry_after);
  if ('delay_ms' in change) {
    if (!Number.isInteger(change.delay_ms) || change.delay_ms < 0) throw new Error('delay_ms: a non-negative integer expected');
    mode.delayMs = change.delay_ms;
  }
  state.mode = mode;
  return mode;
}

/** The mode's answer to this export, {status, retryAfter} (counting down `times`). */
function modeAnswer() {
  const mode = state.mode;
  if (mode.status !== 200 && mode.times !== null && --mode.times === 0) {
    state.mode = { ...mode, status: 200, times: null, retryAfter: null };
  }
  return { status: mode.status, retryAfter: mode.retryAfter };
}

function decode(body, contentType, contentEncoding) {
  if (contentEncoding === 'gzip') {
    try {
      body = zlib.gunzipSync(body);
    } catch (error) {
      throw new DecodeError(`invalid gzip body: ${error.message}`);
    }
  } else if (contentEncoding && contentEncoding !== 'identity') {
    throw new DecodeError(`unsupported Content-Encoding ${contentEncoding}`);
  }
  return contentType === 'application/json' ? decodeJson(body.toString('utf8')) : decodeProtobuf(body);
}

async function receiveTraces(request, response) {
  const body = await readBody(request);
  const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const entry = {
    contentType: request.headers['content-type'] ?? null,
    contentEncoding: request.headers['content-encoding'] ?? null,
    userAgent: request.headers['user-agent'] ?? null,
    bytes: body.length,
    status: 0,
    error: null,
  };
  state.stats.requests += 1;
  state.requests.push(entry);
  const answer = (status, value, headers) => {
    entry.status = status;
    sendJson(response, status, value, headers);
  };
  if (state.mode.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.mode.delayMs));
  const { status, retryAfter } = modeAnswer();
  if (status !== 200) {
    state.stats.refused += 1;
    return answer(status, { code: UNAVAILABLE, message: `the receiver's mode answers ${status}` },
                  retryAfter === null ? {} : { 'retry-after': retryAfter });
  }
  if (contentType !== 'application/json' && contentType !== 'application/x-protobuf') {
    state.stats.rejected += 1;
    entry.error = `unsupported Content-Type ${JSON.stringify(entry.contentType)}`;
    return answer(415, { code: INVALID_ARGUMENT, message: entry.error });
  }
  let spans;
  try {
    spans = normalize(decode(body, contentType, entry.contentEncoding));
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    state.stats.rejected += 1;
    entry.error = error.message;
    return answer(400, { code: INVALID_ARGUMENT, message: error.message });
  }
  state.stats.accepted += 1;
  state.stats.spans += spans.length;
  state.spans.push(...spans);
  answer(200, {});
}

const server = http.createServer((request, response) => {
  const { path } = parseUrl(request);
  const route = `${request.method} ${path}`;
  const fail = (error) => sendJson(response, 500, { code: 13, message: String(error && error.stack || error) });
  switch (route) {
    case 'POST /v1/traces': return void receiveTraces(request, response).catch(fail);
    case 'GET /__received': return sendJson(response, 200, { spans: state.spans });
    case 'GET /__stats': return sendJson(response, 200, state.stats);
    case 'GET /__requests': return sendJson(response, 200, state.requests);
    case 'POST /__reset':
      reset();
      return sendJson(response, 200, {});
    case 'POST /__mode':
      return void readBody(request).then((body) => {
        try {
          sendJson(response, 200, setMode(body));
        } catch (error) {
          sendJson(response, 400, { code: INVALID_ARGUMENT, message: error.message });
        }
      }, fail);
    default:
      request.resume();
      return sendJson(response, path === '/v1/traces' ? 405 : 404, { code: 5, message: `no route ${route}` });
  }
});
listen(server);
