// Shared by the JS peers: `--name value` arguments, a clock, peak RSS, and the one RESULT line each
// program prints in the C++ programs' format (bench/bench_util.hpp):
//   RESULT name=<program> key=value ...
// scripts/bench.sh collects these lines; nothing else on stdout is parsed.
import { performance } from "node:perf_hooks";
import process from "node:process";

export class Args {
  constructor(usage) {
    this.usage = usage;
    this.values = new Map();
    const argv = process.argv.slice(2);
    for (let i = 0; i < argv.length; i += 2) {
      const arg = argv[i];
      if (arg === "--help" || arg === "-h") this.fail("");
      if (!arg.startsWith("--") || i + 1 >= argv.length) this.fail(`bad argument: ${arg}`);
      this.values.set(arg.slice(2), argv[i + 1]);
    }
  }

  text(name, fallback) {
    if (this.values.has(name)) return this.values.get(name);
    if (fallback === undefined) this.fail(`missing --${name}`);
    return fallback;
  }

  number(name, fallback) {
    if (!this.values.has(name)) return fallback;
    const text = this.values.get(name);
    if (!/^[0-9]+$/.test(text)) this.fail(`--${name} is not a number`);
    return Number(text);
  }

  fail(problem) {
    if (problem) process.stderr.write(`${problem}\n`);
    process.stderr.write(`usage: ${this.usage}\n`);
    process.exit(2);
  }
}

export const now = () => performance.now() / 1000;

/** CPU time this process has used so far (user + system, every thread), in seconds. */
export const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Peak resident set size of this process so far, in KiB. */
export const peakRssKb = () => process.resourceUsage().maxRSS;

export class Result {
  constructor(name) {
    this.parts = [`RESULT name=${name}`];
  }
  add(key, value) {
    this.parts.push(`${key}=${value}`);
    return this;
  }
  addFixed(key, value, decimals) {
    this.parts.push(`${key}=${value.toFixed(decimals)}`);
    return this;
  }
  print() {
    process.stdout.write(`${this.parts.join(" ")}\n`);
  }
}

/** cpuSeconds: the CPU time the requests took, reported per request (as the C++ programs do). */
export function rateResult(name, requests, errors, seconds, cpuSeconds) {
  const result = new Result(name)
    .add("n", requests)
    .add("errors", errors)
    .addFixed("seconds", seconds, 4)
    .addFixed("req_per_s", seconds > 0 ? requests / seconds : 0, 1)
    .add("peak_rss_kb", peakRssKb());
  if (cpuSeconds !== undefined) result.addFixed("cpu_us_per_req", requests > 0 ? (cpuSeconds * 1e6) / requests : 0, 2);
  return result;
}

/** MB = 10^6 bytes, as in the C++ programs. */
export function streamResult(name, bytes, chunk, seconds) {
  return new Result(name)
    .add("bytes", bytes)
    .add("chunk", chunk)
    .addFixed("seconds", seconds, 4)
    .addFixed("mb_per_s", seconds > 0 ? bytes / seconds / 1e6 : 0, 1)
    .add("peak_rss_kb", peakRssKb());
}
