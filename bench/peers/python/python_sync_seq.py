"""python_sync_seq: P1/P3 peer. azure-core's PipelineClient with a generated client's policy list
and RequestsTransport, N sequential GETs, each body read (as bench/azcore_sync_seq.cpp).
  python3 python_sync_seq.py --url URL [--n 20000] [--warmup 200]
"""
import sys

from azure.core.rest import HttpRequest

import bench_util
from clients import make_sync_client


def main():
    args = bench_util.Args("python_sync_seq.py --url URL [--n 20000] [--warmup 200]")
    url = args.text("url")
    n = args.number("n", 20000)
    warmup = args.number("warmup", 200)

    client = make_sync_client(url)
    first_error = []

    def one():
        try:
            response = client.send_request(HttpRequest("GET", url))
            body = response.read()
            return response.status_code == 200 and len(body) > 0
        except Exception as error:  # pylint: disable=broad-except
            if not first_error:
                first_error.append(repr(error))
            return False

    for _ in range(warmup):
        one()
    errors = 0
    start = bench_util.clock()
    cpu_start = bench_util.cpu_clock()
    for _ in range(n):
        if not one():
            errors += 1
    cpu = bench_util.cpu_clock() - cpu_start
    seconds = bench_util.clock() - start
    if first_error:
        print("python_sync_seq: first error: " + first_error[0], file=sys.stderr)
    bench_util.rate_result("python_sync_seq", n, errors, seconds, cpu).print()
    client.close()
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
