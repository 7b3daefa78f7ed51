"""python_async_conc: P2/P3 peer. azure-core's AsyncPipelineClient (a generated client's policy
list, AioHttpTransport) on one asyncio event loop; C tasks share N GETs, each reading its body
(as bench/azcore_async_conc.cpp).

Connections: --max-connections-per-host 0 (the default, what the bench runs) gives the transport an
aiohttp session whose connector has no limit, like azcore and curl multi in the bench (one
connection per concurrent request); N > 0 caps connections per host at N (requests queue).
aiohttp's own default, when the transport makes its session, is a limit of 100 in total.
  python3 python_async_conc.py --url URL [--n 50000] [--concurrency 64]
                               [--max-connections-per-host 0] [--max-seconds 300]
"""
import asyncio
import sys

import aiohttp
from azure.core.rest import HttpRequest

import bench_util
from clients import make_async_client

USAGE = ("python_async_conc.py --url URL [--n 50000] [--concurrency 64] "
         "[--max-connections-per-host 0] [--max-seconds 300]")


class Work:
    def __init__(self, total):
        self.total = total
        self.issued = 0
        self.completed = 0
        self.errors = 0
        self.first_error = None


async def worker(client, url, work):
    # One event loop thread: no locking needed.
    while work.issued < work.total:
        work.issued += 1
        ok = False
        try:
            response = await client.send_request(HttpRequest("GET", url))
            body = await response.read()
            ok = response.status_code == 200 and len(body) > 0
        except Exception as error:  # pylint: disable=broad-except
            if work.first_error is None:
                work.first_error = repr(error)
        if ok:
            work.completed += 1
        else:
            work.errors += 1


async def run(client, url, total, concurrency, max_seconds):
    work = Work(total)
    tasks = [asyncio.ensure_future(worker(client, url, work)) for _ in range(concurrency)]
    done, pending = await asyncio.wait(tasks, timeout=max_seconds)
    for task in pending:
        task.cancel()
    failed = [task.exception() for task in done if task.exception() is not None]
    return work, bool(pending), failed


async def main_async(args):
    url = args.text("url")
    n = args.number("n", 50000)
    concurrency = max(1, args.number("concurrency", 64))
    max_per_host = args.number("max-connections-per-host", 0)
    max_seconds = args.number("max-seconds", 300)

    # Like the transport's own session (no cookies, no auto-decompression), with the connector
    # limit chosen above.
    session = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0, limit_per_host=max_per_host),
        cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=False, trust_env=True)
    async with session:
        async with make_async_client(url, session=session) as client:
            work, timed_out, failed = await run(client, url, concurrency, concurrency, max_seconds)  # warm-up
            if not timed_out and not failed:
                start = bench_util.clock()
                cpu_start = bench_util.cpu_clock()
                work, timed_out, failed = await run(client, url, n, concurrency, max_seconds)
                cpu = bench_util.cpu_clock() - cpu_start
                seconds = bench_util.clock() - start
            if timed_out or failed:
                print("python_async_conc: %s %s" % ("timed out" if timed_out else "", failed[0] if failed else ""),
                      file=sys.stderr)
                bench_util.rate_result("python_async_conc", work.completed, work.total - work.completed, 0) \
                    .add("concurrency", concurrency).add("timed_out", 1 if timed_out else 0).print()
                return 1
    if work.first_error:
        print("python_async_conc: first error: " + work.first_error, file=sys.stderr)
    bench_util.rate_result("python_async_conc", work.completed, work.errors, seconds, cpu) \
        .add("concurrency", concurrency).add("max_connections_per_host", max_per_host) \
        .add("timed_out", 0).print()
    return 0 if work.errors == 0 else 1


def main():
    args = bench_util.Args(USAGE)
    bench_util.raise_fd_limit()
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
