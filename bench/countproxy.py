#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that counts the bytes each way, for the promotion benchmark, and that can play a
   registry farther away than loopback: each chunk from the client waits DELAY_MS before it goes on, about one
   round trip per request.
   countproxy.py LISTEN_PORT TARGET_PORT STATS_FILE [DELAY_MS]
   SIGUSR1 writes "sent received" (client->registry, registry->client) to STATS_FILE; SIGUSR2 zeroes them."""
import asyncio, signal, sys

listen, target, stats = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
delay = int(sys.argv[4]) / 1000 if len(sys.argv) > 4 else 0
counts = [0, 0]

async def pipe(reader, writer, index):
    try:
        while data := await reader.read(65536):
            counts[index] += len(data)
            if index == 0 and delay:
                await asyncio.sleep(delay)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()

async def handle(client_reader, client_writer):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", target)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pipe(client_reader, writer, 0), pipe(reader, client_writer, 1))

def dump():
    with open(stats, "w") as f:
        f.write(f"{counts[0]} {counts[1]}\n")

def reset():
    counts[0] = counts[1] = 0

async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, dump)
    loop.add_signal_handler(signal.SIGUSR2, reset)
    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    dump()
    async with server:
        await server.serve_forever()

asyncio.run(main())
