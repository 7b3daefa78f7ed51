// js_async_stream: P4/P3 peer. One streamed GET of a large body through
// @azure/core-rest-pipeline's default pipeline and HTTP client (streamResponseStatusCodes: the body
// comes as response.readableStreamBody), read with readable.read(chunk) — reads of CHUNK bytes, the
// last one shorter — into a null sink; MB/s and peak RSS (as bench/azcore_async_stream.cpp).
//   node js_async_stream.mjs --url URL [--chunk 65536] [--max-seconds 600]
import process from "node:process";
import { Args, now, streamResult } from "./bench_util.mjs";
import { makeClient } from "./client.mjs";

const args = new Args("js_async_stream.mjs --url URL [--chunk 65536] [--max-seconds 600]");
const url = args.text("url");
const chunk = args.number("chunk", 65536);
const maxSeconds = args.number("max-seconds", 600);

const client = makeClient();
let bytes = 0;
let ok = false;
let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  streamResult("js_async_stream", bytes, chunk, maxSeconds).add("errors", 1).add("timed_out", 1).print();
  process.exit(1);
}, maxSeconds * 1000);
const start = now();
try {
  const response = await client.send({ url, method: "GET", streamResponseStatusCodes: new Set([200]) });
  const stream = response.readableStreamBody;
  if (!stream) throw new Error(`no stream body (status ${response.status})`);
  await new Promise((resolve, reject) => {
    stream.on("readable", () => {
      let piece;
      while ((piece = stream.read(chunk)) !== null) bytes += piece.length;
    });
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  ok = response.status === 200;
} catch (error) {
  process.stderr.write(`js_async_stream: ${error}\n`);
}
const seconds = now() - start;
clearTimeout(timer);
streamResult("js_async_stream", bytes, chunk, seconds)
  .add("errors", ok ? 0 : 1)
  .add("timed_out", timedOut ? 1 : 0)
  .print();
process.exit(ok ? 0 : 1);
