"""Shared by the Python peers: `--name value` arguments, peak RSS, and the one RESULT line each
program prints in the C++ programs' format (bench/bench_util.hpp):
  RESULT name=<program> key=value ...
scripts/bench.sh collects these lines; nothing else on stdout is parsed.

Run with Debian's interpreter (/usr/bin/python3): python3-azure, python3-requests and
python3-aiohttp install into its dist-packages.
"""
import resource
import sys
import time


class Args:
    """`--name value` pairs; anything else is an error (the programs are driven by scripts/bench.sh)."""

    def __init__(self, usage):
        self.usage = usage
        self.values = {}
        argv = sys.argv[1:]
        i = 0
        while i < len(argv):
            arg = argv[i]
            if arg in ("--help", "-h"):
                self.fail("")
            if not arg.startswith("--") or i + 1 >= len(argv):
                self.fail("bad argument: " + arg)
            self.values[arg[2:]] = argv[i + 1]
            i += 2

    def text(self, name, fallback=None):
        if name in self.values:
            return self.values[name]
        if fallback is None:
            self.fail("missing --" + name)
        return fallback

    def number(self, name, fallback):
        if name not in self.values:
            return fallback
        try:
            return int(self.values[name])
        except ValueError:
            self.fail("--" + name + " is not a number")

    def fail(self, problem):
        if problem:
            print(problem, file=sys.stderr)
        print("usage: " + self.usage, file=sys.stderr)
        sys.exit(2)


clock = time.perf_counter
# CPU time this process has used so far (user + system, every thread), in seconds.
cpu_clock = time.process_time


def peak_rss_kb():
    """Peak resident set size of this process so far, in KiB (getrusage; Linux counts KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        pass


class Result:
    def __init__(self, name):
        self.parts = ["RESULT name=" + name]

    def add(self, key, value):
        self.parts.append("%s=%s" % (key, value))
        return self

    def add_fixed(self, key, value, decimals):
        self.parts.append("%s=%.*f" % (key, decimals, value))
        return self

    def print(self):
        print(" ".join(self.parts), flush=True)


def rate_result(name, requests, errors, seconds, cpu_seconds=None):
    """cpu_seconds: the CPU time the requests took, reported per request (as the C++ programs do)."""
    result = Result(name)
    result.add("n", requests).add("errors", errors).add_fixed("seconds", seconds, 4)
    result.add_fixed("req_per_s", requests / seconds if seconds > 0 else 0.0, 1)
    result.add("peak_rss_kb", peak_rss_kb())
    if cpu_seconds is not None:
        result.add_fixed("cpu_us_per_req", cpu_seconds * 1e6 / requests if requests > 0 else 0.0, 2)
    return result


def stream_result(name, nbytes, chunk, seconds):
    """MB = 10^6 bytes, as in the C++ programs."""
    result = Result(name)
    result.add("bytes", nbytes).add("chunk", chunk).add_fixed("seconds", seconds, 4)
    result.add_fixed("mb_per_s", nbytes / seconds / 1e6 if seconds > 0 else 0.0, 1)
    result.add("peak_rss_kb", peak_rss_kb())
    return result
