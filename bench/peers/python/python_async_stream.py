"""python_async_stream: P4/P3 peer, async face. One streamed GET of a large body through
AsyncPipelineClient (a generated client's policy list, AioHttpTransport) on one event loop, read
with iter_bytes() into a null sink; MB/s and peak RSS (as bench/azcore_async_stream.cpp).

azure-core 1.26's iter_bytes() takes no chunk size: it reads blocks of the transport's
connection_data_block_size (default 4096), so --chunk sets that.
  python3 python_async_stream.py --url URL [--chunk 65536] [--max-seconds 600]
"""
import asyncio
import sys

from azure.core.rest import HttpRequest

import bench_util
from clients import make_async_client


async def download(client, url, state):
    response = await client.send_request(HttpRequest("GET", url), stream=True)
    async for piece in response.iter_bytes():
        state["bytes"] += len(piece)
    state["ok"] = response.status_code == 200
    await response.close()


async def main_async(args):
    url = args.text("url")
    chunk = args.number("chunk", 65536)
    max_seconds = args.number("max-seconds", 600)
    state = {"bytes": 0, "ok": False}
    timed_out = False
    async with make_async_client(url, connection_data_block_size=chunk) as client:
        start = bench_util.clock()
        try:
            await asyncio.wait_for(download(client, url, state), timeout=max_seconds)
        except asyncio.TimeoutError:
            timed_out = True
        except Exception as error:  # pylint: disable=broad-except
            print("python_async_stream: " + repr(error), file=sys.stderr)
        seconds = bench_util.clock() - start
    ok = state["ok"] and not timed_out
    bench_util.stream_result("python_async_stream", state["bytes"], chunk, seconds) \
        .add("errors", 0 if ok else 1).add("timed_out", 1 if timed_out else 0).print()
    return 0 if ok else 1


def main():
    return asyncio.run(main_async(bench_util.Args(
        "python_async_stream.py --url URL [--chunk 65536] [--max-seconds 600]")))


if __name__ == "__main__":
    sys.exit(main())
