'use strict';
// What the OpenTelemetry peers share: the command line, listening on loopback with the readiness
// line, reading a body, answering JSON.
//
// Command line: [--port N] (default 0: a free port chosen by the kernel). Once listening, a peer
// prints one line on stdout, `{"listening":"127.0.0.1","port":N}`: its readiness line.

/** The --port argument (0 when absent). */
function portArgument(argv = process.argv.slice(2)) {
  const at = argv.indexOf('--port');
  if (at < 0) return 0;
  const port = Number(argv[at + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port: expected an integer in [0, 65535], got ${JSON.stringify(argv[at + 1])}`);
  }
  return port;
}

/** Listens on 127.0.0.1 and prints the readiness line; exits (status 1) when it cannot listen. */
function listen(server, port = portArgument()) {
  server.on('error', (error) => {
    // EADDRINUSE is in the message: the C++ launcher starts the peer again on another port.
    console.error(`cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ listening: '127.0.0.1', port: server.address().port }) + '\n');
  });
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
}

/** The whole request body as a Buffer. */
function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Answers `status` with `value` as JSON, and any extra headers. */
function sendJson(response, status, value, headers = {}) {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

/** The query of a request URL as a URLSearchParams, and its path. */
function parseUrl(request) {
  const url = new URL(request.url, 'http://127.0.0.1');
  return { path: url.pathname, query: url.searchParams };
}

module.exports = { portArgument, listen, readBody, sendJson, parseUrl };
