"""A failed test leaves its evidence behind; a passing one leaves nothing. No browser needed."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

import evidence
from evidence import artifact_name, keep_on_failure, save_evidence
from tools.lab_session import PageRecorder, kernel_message_summary, unanswered_kernel_info

pytest_plugins = ["pytester"]
CONFTEST = Path(__file__).resolve().parent / "conftest.py"


def fake_item() -> SimpleNamespace:
    return SimpleNamespace(stash=pytest.Stash())


def fake_report(when: str, failed: bool) -> SimpleNamespace:
    return SimpleNamespace(when=when, failed=failed, sections=[])


def write_note(folder):
    (folder / "note.txt").write_text("seen")


@pytest.mark.parametrize("when", ["setup", "call"])
def test_a_failure_saves_what_the_test_asked_for(tmp_path, when):
    item, report = fake_item(), fake_report(when, failed=True)
    keep_on_failure(item, tmp_path / "evidence", write_note)
    assert save_evidence(item, report) == [tmp_path / "evidence"]
    assert (tmp_path / "evidence" / "note.txt").read_text() == "seen"
    assert report.sections == [("evidence", f"saved in {tmp_path / 'evidence'}")]


@pytest.mark.parametrize(("when", "failed"), [("call", False), ("setup", False), ("teardown", True)])
def test_a_pass_or_a_teardown_failure_saves_nothing(tmp_path, when, failed):
    item, report = fake_item(), fake_report(when, failed)
    keep_on_failure(item, tmp_path / "evidence", write_note)
    assert save_evidence(item, report) == []
    assert not (tmp_path / "evidence").exists()
    assert report.sections == []


def test_a_broken_saver_is_reported_and_the_others_still_save(tmp_path):
    def broken(folder):
        raise OSError("disk full")

    item, report = fake_item(), fake_report("call", failed=True)
    keep_on_failure(item, tmp_path / "first", broken)
    keep_on_failure(item, tmp_path / "second", write_note)
    assert save_evidence(item, report) == [tmp_path / "second"]
    assert (tmp_path / "second" / "note.txt").exists()
    assert "could not save" in report.sections[0][1] and "disk full" in report.sections[0][1]


def test_old_evidence_is_cleared_first(tmp_path):
    stale = tmp_path / "evidence" / "screenshot.png"
    stale.parent.mkdir()
    stale.write_text("from an earlier run")
    item = fake_item()
    keep_on_failure(item, tmp_path / "evidence", write_note)
    save_evidence(item, fake_report("call", failed=True))
    assert sorted(path.name for path in (tmp_path / "evidence").iterdir()) == ["note.txt"]


def test_artifact_names_are_safe_folder_names():
    name = "test_notebook_runs_and_every_slider_moves_its_picture[00_start_here.ipynb]"
    assert artifact_name(name) == "test_notebook_runs_and_every_slider_moves_its_picture_00_start_here.ipynb"
    assert artifact_name("test_x[a/../b c]") == "test_x_a_.._b_c"
    assert "/" not in artifact_name("../../etc") and artifact_name("../../etc") == "etc"


def test_the_conftest_hook_saves_evidence_of_a_real_failing_test(pytester, monkeypatch, tmp_path):
    """End to end through pytest's own reporting: tests/conftest.py's hook, in an inner session."""
    monkeypatch.setattr(evidence, "ARTIFACTS", tmp_path)
    pytester.makeconftest(
        """
        import importlib.util

        import pytest
        import evidence

        spec = importlib.util.spec_from_file_location("project_conftest", CONFTEST_PATH)
        project_conftest = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(project_conftest)
        pytest_runtest_makereport = project_conftest.pytest_runtest_makereport

        @pytest.fixture
        def witness(request):
            alive = [True]
            folder = evidence.ARTIFACTS / evidence.artifact_name(request.node.name)
            # The saver needs a live fixture, as a screenshot needs an open page.
            evidence.keep_on_failure(request.node, folder, lambda f: (f / "note.txt").write_text(str(alive[0])))
            yield
            alive[0] = False
        """.replace("CONFTEST_PATH", repr(str(CONFTEST)))
    )
    pytester.makepyfile(
        """
        import pytest

        def test_fails(witness):
            assert 1 == 2

        @pytest.mark.parametrize("n", [1])
        def test_passes(witness, n):
            assert n == 1
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    assert (tmp_path / "test_fails" / "note.txt").read_text() == "True", "saved before the fixture was torn down"
    assert not (tmp_path / "test_passes_1").exists()
    result.stdout.fnmatch_lines([f"*saved in {tmp_path / 'test_fails'}*"])


def kernel_message(session: Session, msg_type: str, parent: dict | None = None) -> dict:
    return session.msg(msg_type, content={}, parent=parent or {})


def test_a_v1_binary_frame_is_summarised():
    session = Session()
    request = kernel_message(session, "kernel_info_request")
    reply = kernel_message(session, "kernel_info_reply", parent=request)
    frame = serialize_msg_to_ws_v1(reply, "shell", session.pack)
    assert kernel_message_summary(frame) == {
        "channel": "shell",
        "msg_type": "kernel_info_reply",
        "msg_id": reply["header"]["msg_id"],
        "parent_type": "kernel_info_request",
        "parent_id": request["header"]["msg_id"],
    }


def test_a_legacy_json_frame_is_summarised_and_other_frames_are_not():
    session = Session()
    request = kernel_message(session, "execute_request")
    frame = json.dumps({**request, "channel": "shell"}, default=str)
    summary = kernel_message_summary(frame)
    assert (summary["channel"], summary["msg_type"], summary["parent_id"]) == ("shell", "execute_request", "")
    assert kernel_message_summary("not json") is None
    assert kernel_message_summary(b"\x00") is None


def test_an_unanswered_kernel_info_request_is_found():
    def message(direction, msg_type, msg_id, parent_id=""):
        return {"direction": direction, "msg_type": msg_type, "msg_id": msg_id, "parent_id": parent_id}

    answered = [message("sent", "kernel_info_request", "a"), message("received", "kernel_info_reply", "r", "a")]
    assert unanswered_kernel_info(answered) == []
    stranded = [*answered, message("sent", "kernel_info_request", "b"), message("received", "status", "s", "b")]
    assert unanswered_kernel_info(stranded) == ["b"]


class FakePage:
    """Just enough of a Playwright page: event handlers and a screenshot."""

    def __init__(self, screenshot_works: bool = True):
        self.handlers = {}
        self.screenshot_works = screenshot_works

    def on(self, event, handler):
        self.handlers[event] = handler

    def screenshot(self, path, **kwargs):
        if not self.screenshot_works:
            raise RuntimeError("Target page has been closed")
        with open(path, "wb") as file:
            file.write(b"\x89PNG")


def test_the_recorder_saves_console_kernel_messages_screenshot_and_server_log(tmp_path):
    page = FakePage()
    recorder = PageRecorder(page)
    page.handlers["console"](SimpleNamespace(type="error", text="Kernel failed", location={}))
    page.handlers["pageerror"]("TypeError: x is undefined")
    session = Session()
    request = kernel_message(session, "kernel_info_request")
    recorder._on_frame("sent", serialize_msg_to_ws_v1(request, "shell", session.pack))
    log = tmp_path / "server.log"
    log.write_text("before the test\nduring the test\n")

    recorder.save(tmp_path / "out", server_log=log, server_log_from=len("before the test\n"))
    out = tmp_path / "out"
    console = (out / "console.log").read_text()
    assert "[error] Kernel failed" in console and "[pageerror] TypeError: x is undefined" in console
    messages = (out / "kernel-messages.log").read_text()
    assert "kernel_info_request" in messages and f"never answered: ['{request['header']['msg_id']}']" in messages
    assert (out / "screenshot.png").read_bytes() == b"\x89PNG"
    assert (out / "server.log").read_text() == "before the test\nduring the test\n"
    assert (out / "server-during-test.log").read_text() == "during the test\n"


def test_the_recorder_saves_the_rest_when_the_screenshot_fails(tmp_path):
    recorder = PageRecorder(FakePage(screenshot_works=False))
    written = recorder.save(tmp_path)
    assert {path.name for path in written} == {"console.log", "kernel-messages.log"}
    assert "closed" in (tmp_path / "screenshot-failed.txt").read_text()
