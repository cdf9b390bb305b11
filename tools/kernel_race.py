"""Can a kernel leave a shell request unread?  Two clients, no browser, about a minute.

    .venv/bin/python tools/kernel_race.py                    # the kernel of this Python
    /tmp/kernel-loop/venv-ipykernel-7.1.0/bin/python tools/kernel_race.py --trials 1500

Client B sends a kernel_info_request; a moment later (0.3 to 1.3 median round trips) client A
sends one too, so A's request reaches the kernel's shell socket while B's reply is being sent.
That is the situation of a freshly opened notebook: jupyter_server nudges the kernel with a
kernel_info_request on a new connection, and the page's own kernel_info_request follows at once.
A request counts as stranded when it gets no reply within ``--wait`` seconds while nothing else
touches the kernel; then a new connection sends one request, and A's late reply is looked for.

ipykernel 7.0 to 7.3 send shell replies with a raw ``send_multipart`` on the socket that a
ZMQStream reads (ipykernel#1554, fixed in 7.4.0): the send can consume the stream's wake-up, so
the request that arrived meanwhile waits for the next connection. Only the standard library and
jupyter_client are needed; the kernel runs in the Python that runs this script.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from jupyter_client import KernelManager
from jupyter_client.session import Session


def wait_for_reply(session: Session, socket, msg_id: str, timeout_s: float) -> bool:
    """True if the reply to ``msg_id`` arrives on ``socket`` within ``timeout_s`` (other messages are skipped)."""
    deadline = time.monotonic() + timeout_s
    while (left := deadline - time.monotonic()) > 0:
        if socket.poll(max(1, int(left * 1000))):
            _, reply = session.recv(socket)
            if reply and reply["parent_header"].get("msg_id") == msg_id:
                return True
    return False


def request(session: Session, socket) -> str:
    """Send a kernel_info_request; return its id."""
    return session.send(socket, "kernel_info_request")["header"]["msg_id"]


def median_round_trip(session: Session, socket, count: int = 50) -> float:
    """Median seconds from a kernel_info_request to its reply."""
    times = []
    for _ in range(count):
        start = time.perf_counter()
        if not wait_for_reply(session, socket, request(session, socket), 10.0):
            raise RuntimeError("the kernel did not answer a kernel_info_request within 10 s")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=1500)
    parser.add_argument("--wait", type=float, default=2.0, help="seconds before a request counts as stranded")
    args = parser.parse_args(argv)

    import ipykernel

    manager = KernelManager(kernel_name="python3")
    manager.start_kernel()
    try:
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        client.stop_channels()
        session = manager.session
        a, b = manager.connect_shell(), manager.connect_shell()
        time.sleep(0.2)
        round_trip = median_round_trip(session, b)
        stranded = answered_late = 0
        for trial in range(args.trials):
            b_id = request(session, b)
            start_a = time.perf_counter() + random.uniform(0.3, 1.3) * round_trip
            while time.perf_counter() < start_a:  # sleep() is too coarse for a millisecond
                pass
            a_id = request(session, a)
            wait_for_reply(session, b, b_id, 10.0)
            if wait_for_reply(session, a, a_id, args.wait):
                continue
            stranded += 1
            waker = manager.connect_shell()
            time.sleep(0.05)
            woke = wait_for_reply(session, waker, request(session, waker), 10.0)
            late = wait_for_reply(session, a, a_id, args.wait)
            answered_late += late
            waker.close(linger=0)
            print(
                f"trial {trial}: no reply to A within {args.wait} s; after a new connection "
                f"(answered: {woke}) A's reply {'arrived' if late else 'is still missing'}",
                flush=True,
            )
        a.close(linger=0)
        b.close(linger=0)
    finally:
        manager.shutdown_kernel(now=True)
    print(
        f"ipykernel {ipykernel.__version__}: median round trip {round_trip * 1000:.1f} ms; "
        f"{stranded} of {args.trials} requests stranded, {answered_late} of them answered after a new connection"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
