"""The stranded-request probe (tools/kernel_race.py)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import zmq
from jupyter_client.session import Session

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("kernel_race", ROOT / "tools" / "kernel_race.py")
kernel_race = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kernel_race)


def test_wait_for_reply_skips_other_messages_and_times_out():
    session = Session()
    context = zmq.Context()
    kernel, client = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
    try:
        kernel.bind("inproc://race")
        client.connect("inproc://race")
        asked = session.msg("kernel_info_request")
        other = session.msg("kernel_info_request")
        session.send(kernel, "kernel_info_reply", {}, parent=other)
        session.send(kernel, "kernel_info_reply", {}, parent=asked)
        assert kernel_race.wait_for_reply(session, client, asked["header"]["msg_id"], 2.0)
        assert not kernel_race.wait_for_reply(session, client, other["header"]["msg_id"], 0.2), "already skipped"
    finally:
        kernel.close(linger=0)
        client.close(linger=0)
        context.term()


def test_the_pinned_kernel_answers_every_request(capsys):
    """A short run against the project's kernel: the probe works end to end and nothing is stranded."""
    assert kernel_race.main(["--trials", "20", "--wait", "2"]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    match = re.fullmatch(r"ipykernel (\S+): median round trip [\d.]+ ms; (\d+) of 20 requests stranded, .*", summary)
    assert match and match.group(2) == "0", summary
