#!/usr/bin/env node
'use strict';
// An HTTP service instrumented by OpenTelemetry JS, as a real service is: @opentelemetry/sdk-trace-node
// with the W3C trace-context propagator, and @opentelemetry/instrumentation-http registered before
// `http` is required. It records every SERVER span it ends (SimpleSpanProcessor into an
// InMemorySpanExporter), so a test can check that the server continued the trace its client sent.
//
//   node instrumented_server.js [--port N]      (prints {"listening":"127.0.0.1","port":N})
//
// Routes (requests to /__* are not traced):
//   GET  /__spans[?traceId=<hex>][&path=<p>][&min=<n>]  the SERVER spans ended so far, in the order
//        they ended, filtered by trace id and url.path; waits up to 5 s for at least n of them:
//        {"spans":[{traceId, spanId, parentSpanId and parentIsRemote (null for a root), name, kind: "SERVER",
//                   attributes: {key: value}, status: {code, message}}]}
//   POST /__reset                          forgets the spans and the /flaky counters
//   ANY  /flaky/<key>?fail=<n>&status=<s>  the first n requests of <key> answer s (default 503), then 200
//   ANY  /status/<s>                       answers s
//   ANY  anything else                     200
// Every traced answer is JSON: {method, path, status, traceparent, tracestate} (null when absent).

// The stable HTTP semantic conventions (url.path, http.request.method, http.response.status_code),
// the ones azcore's client spans carry. Read when the instrumentation is constructed.
process.env.OTEL_SEMCONV_STABILITY_OPT_IN = 'http';

const { SpanKind, SpanStatusCode } = require('@opentelemetry/api');
const { W3CTraceContextPropagator } = require('@opentelemetry/core');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-node');
const { listen, sendJson, parseUrl } = require('./peer_common');

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register({ propagator: new W3CTraceContextPropagator() });
registerInstrumentations({
  tracerProvider: provider,
  instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => request.url.startsWith('/__') })],
});

// Only now: the instrumentation patches `http` when it is first required.
const http = require('http');

/** A finished span as the tests read it. */
function spanJson(span) {
  const context = span.spanContext();
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext ? span.parentSpanContext.spanId : null,
    parentIsRemote: span.parentSpanContext ? Boolean(span.parentSpanContext.isRemote) : null,
    name: span.name,
    kind: SpanKind[span.kind],
    attributes: span.attributes,
    status: { code: SpanStatusCode[span.status.code], message: span.status.message ?? '' },
  };
}

function serverSpans(query) {
  const traceId = query.get('traceId');
  const path = query.get('path');
  return exporter
    .getFinishedSpans()
    .filter((span) => span.kind === SpanKind.SERVER)
    .map(spanJson)
    .filter((span) => (traceId === null || span.traceId === traceId) && (path === null || span.attributes['url.path'] === path));
}

// A span ends when its response has been handed to the socket, which may be just after the client
// read it: /__spans waits for the spans a test expects.
async function answerSpans(response, query) {
  const min = Number(query.get('min') ?? 0);
  const deadline = Date.now() + 5000;
  let spans = serverSpans(query);
  while (spans.length < min && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    spans = serverSpans(query);
  }
  sendJson(response, 200, { spans });
}

const flakyCounts = new Map();

function statusOf(request, path, query) {
  if (path.startsWith('/status/')) return Number(path.slice('/status/'.length)) || 400;
  if (path.startsWith('/flaky/')) {
    const seen = (flakyCounts.get(path) ?? 0) + 1;
    flakyCounts.set(path, seen);
    return seen <= Number(query.get('fail') ?? 1) ? Number(query.get('status') ?? 503) : 200;
  }
  return 200;
}

const server = http.createServer((request, response) => {
  const { path, query } = parseUrl(request);
  request.resume();  // bodies are not read
  if (path === '/__spans' && request.method === 'GET') return void answerSpans(response, query);
  if (path === '/__reset' && request.method === 'POST') {
    exporter.reset();
    flakyCounts.clear();
    return sendJson(response, 200, {});
  }
  const status = statusOf(request, path, query);
  sendJson(response, status, {
    method: request.method,
    path,
    status,
    traceparent: request.headers.traceparent ?? null,
    tracestate: request.headers.tracestate ?? null,
  });
});
server.keepAliveTimeout = 30000;
listen(server);
