"""python_sync_stream: P4/P3 peer, sync face. One streamed GET of a large body through
PipelineClient (a generated client's policy list, RequestsTransport), read with iter_bytes() into a
null sink; MB/s and peak RSS (as bench/azcore_sync_stream.cpp).

azure-core 1.26's iter_bytes() takes no chunk size: it reads blocks of the transport's
connection_data_block_size (default 4096), so --chunk sets that.
  python3 python_sync_stream.py --url URL [--chunk 65536]
"""
import sys

from azure.core.rest import HttpRequest

import bench_util
from clients import make_sync_client


def main():
    args = bench_util.Args("python_sync_stream.py --url URL [--chunk 65536]")
    url = args.text("url")
    chunk = args.number("chunk", 65536)

    client = make_sync_client(url, connection_data_block_size=chunk)
    nbytes = 0
    ok = False
    start = bench_util.clock()
    try:
        response = client.send_request(HttpRequest("GET", url), stream=True)
        for piece in response.iter_bytes():
            nbytes += len(piece)
        ok = response.status_code == 200
    except Exception as error:  # pylint: disable=broad-except
        print("python_sync_stream: " + repr(error), file=sys.stderr)
    seconds = bench_util.clock() - start
    bench_util.stream_result("python_sync_stream", nbytes, chunk, seconds).add("errors", 0 if ok else 1).print()
    client.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
