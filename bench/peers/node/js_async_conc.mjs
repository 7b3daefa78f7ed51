// js_async_conc: P2/P3 peer. @azure/core-rest-pipeline's default pipeline and HTTP client on
// Node's one thread: a worker pool of C async loops shares N GETs, each reading its body (as
// bench/azcore_async_conc.cpp's C co_spawned workers). The default http.Agent has no socket limit:
// one connection per concurrent request, like azcore and curl multi in the bench.
//   node js_async_conc.mjs --url URL [--n 50000] [--concurrency 64] [--max-seconds 300]
import process from "node:process";
import { Args, cpuNow, now, rateResult } from "./bench_util.mjs";
import { makeClient } from "./client.mjs";

const args = new Args("js_async_conc.mjs --url URL [--n 50000] [--concurrency 64] [--max-seconds 300]");
const url = args.text("url");
const n = args.number("n", 50000);
const concurrency = Math.max(1, args.number("concurrency", 64));
const maxSeconds = args.number("max-seconds", 300);

const client = makeClient();

async function run(total) {
  const work = { total, issued: 0, completed: 0, errors: 0, firstError: "" };
  async function worker() {
    while (work.issued < work.total) {
      work.issued++;
      let ok = false;
      try {
        const response = await client.send({ url, method: "GET" });
        ok = response.status === 200 && (response.bodyAsText ?? "").length > 0;
      } catch (error) {
        if (!work.firstError) work.firstError = String(error);
      }
      ok ? work.completed++ : work.errors++;
    }
  }
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve("timed out"), maxSeconds * 1000);
  });
  const workers = Promise.all(Array.from({ length: concurrency }, worker)).then(() => "");
  const outcome = await Promise.race([workers, timeout]).catch((error) => String(error));
  clearTimeout(timer);
  if (outcome) {
    process.stderr.write(`js_async_conc: ${outcome}\n`);
    rateResult("js_async_conc", work.completed, total - work.completed, 0)
      .add("concurrency", concurrency)
      .add("timed_out", outcome === "timed out" ? 1 : 0)
      .print();
    process.exit(1);
  }
  return work;
}

await run(concurrency); // warm-up: every worker opens its connection once
const start = now();
const cpuStart = cpuNow();
const work = await run(n);
const cpu = cpuNow() - cpuStart;
const seconds = now() - start;
if (work.firstError) process.stderr.write(`js_async_conc: first error: ${work.firstError}\n`);
rateResult("js_async_conc", work.completed, work.errors, seconds, cpu)
  .add("concurrency", concurrency)
  .add("max_connections_per_host", 0)
  .add("timed_out", 0)
  .print();
process.exit(work.errors === 0 ? 0 : 1);
