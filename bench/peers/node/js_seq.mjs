// js_seq: P1/P3 peer. @azure/core-rest-pipeline's default pipeline and HTTP client, N sequential
// GETs, each body read (as bench/azcore_sync_seq.cpp; JS has no sync face: each request is awaited
// before the next starts).
//   node js_seq.mjs --url URL [--n 20000] [--warmup 200]
import process from "node:process";
import { Args, cpuNow, now, rateResult } from "./bench_util.mjs";
import { makeClient } from "./client.mjs";

const args = new Args("js_seq.mjs --url URL [--n 20000] [--warmup 200]");
const url = args.text("url");
const n = args.number("n", 20000);
const warmup = args.number("warmup", 200);

const client = makeClient();
let firstError = "";
async function one() {
  try {
    const response = await client.send({ url, method: "GET" });
    return response.status === 200 && (response.bodyAsText ?? "").length > 0;
  } catch (error) {
    if (!firstError) firstError = String(error);
    return false;
  }
}

for (let i = 0; i < warmup; i++) await one();
let errors = 0;
const start = now();
const cpuStart = cpuNow();
for (let i = 0; i < n; i++) {
  if (!(await one())) errors++;
}
const cpu = cpuNow() - cpuStart;
const seconds = now() - start;
if (firstError) process.stderr.write(`js_seq: first error: ${firstError}\n`);
rateResult("js_seq", n, errors, seconds, cpu).print();
process.exit(errors === 0 ? 0 : 1);
