#!/usr/bin/env node
'use strict';
// The official CloudEvents JS SDK (`cloudevents` on npm, pinned in tests/peers/package.json) as a
// filter for tests/integration/cloudevent_interop_test.cpp. No network: stdin to stdout.
//
//   node cloudevents_peer.js parse        stdin: one structured-mode CloudEvent (a JSON object) or a
//                                         batch (a JSON array). Parsed with the SDK's HTTP binding
//                                         (content type application/cloudevents+json, or
//                                         application/cloudevents-batch+json for an array), each event
//                                         validated strictly against the SDK's CloudEvents 1.0 schema.
//                                         stdout: a JSON array with, per event, the attributes the SDK
//                                         holds, as they are: `time` as it keeps it (the structured
//                                         parser rewrites it with Date#toISOString: UTC, milliseconds;
//                                         the batch parser keeps the text), binary data as data_base64,
//                                         extensions beside the other attributes.
//   node cloudevents_peer.js write-one    stdout: the SDK's structured-mode body of the first event below.
//   node cloudevents_peer.js write-batch  stdout: JSON.stringify of all the events below (the SDK's
//                                         toJSON per event).
// Exit 2 with the SDK's error on stderr when it refuses the input.
const { CloudEvent, HTTP } = require('cloudevents');

/// The events this peer writes. The C++ test asserts the same values.
function ownEvents() {
  return [
    new CloudEvent({
      id: 'js-1',
      source: '/js/sdk',
      type: 'com.example.json',
      subject: 'subject one',
      datacontenttype: 'application/json',
      dataschema: 'https://example.com/schema.json',
      time: '2024-02-29T23:59:59.123+05:30',
      data: { nested: { list: [1, 'two', true, null] }, unicode: 'caf\u00e9 \u2603' },
      extstring: 'text',
      extint: 42,
      extneg: -7,
      extbool: true,
      extdate: new Date('2020-01-01T00:00:00.000Z'),
    }),
    new CloudEvent({
      id: 'js-2',
      source: 'urn:js:binary',
      type: 'com.example.binary',
      time: '2021-02-23T17:11:13.308-08:00',
      datacontenttype: 'application/octet-stream',
      data: new Uint8Array([0, 1, 2, 253, 254, 255]),
    }),
    new CloudEvent({
      id: 'js-3',
      source: 'https://example.com/text',
      type: 'com.example.text',
      time: '2000-01-01T00:00:00Z',
      datacontenttype: 'text/plain',
      data: 'plain text',
    }),
  ];
}

/// What the SDK holds for an event, as a plain object (binary data stays as its data_base64).
function attributes(event) {
  const out = { ...event };
  if (out.data_base64 !== undefined) delete out.data;
  return out;
}

function readStdin() {
  return require('node:fs').readFileSync(0, 'utf8');
}

function main(mode) {
  if (mode === 'parse') {
    const body = readStdin();
    const batch = body.trimStart().startsWith('[');
    const headers = { 'content-type': batch ? 'application/cloudevents-batch+json' : 'application/cloudevents+json' };
    const parsed = HTTP.toEvent({ headers, body });
    const events = Array.isArray(parsed) ? parsed : [parsed];
    for (const event of events) event.validate();
    return JSON.stringify(events.map(attributes));
  }
  if (mode === 'write-one') return HTTP.structured(ownEvents()[0]).body;
  if (mode === 'write-batch') return JSON.stringify(ownEvents());
  throw new Error(`unknown mode ${mode}: parse, write-one or write-batch`);
}

try {
  process.stdout.write(main(process.argv[2]));
} catch (error) {
  process.stderr.write(`${error.name}: ${error.message}${error.errors ? ' ' + JSON.stringify(error.errors) : ''}\n`);
  process.exit(2);
}
