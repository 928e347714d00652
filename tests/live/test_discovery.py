"""LAN discovery of live sessions on this machine's loopback interface (multicast DNS):
announced with the title, never the token; heard by a browser; gone when the session ends.
Skipped where loopback cannot carry multicast. Every wait is bounded."""

import socket
import time

import pytest
from zeroconf import ServiceInfo

from app.live import discovery
from app.live.code import JoinCode
from app.live.discovery import Announcer, Browser, found_of

LIMIT = 15.0
CODE = JoinCode("127.0.0.1", 8765, "a1b2c3d4e5f6", "T0KEN-never-announced_x", "Q" * 43)


def wait_for(condition, limit=LIMIT):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def loopback(monkeypatch):
    monkeypatch.setenv("REASONMAP_LAN_DISCOVERY", "loopback")
    try:
        discovery._zeroconf(["127.0.0.1"]).close()
    except Exception as exc:
        pytest.skip(f"no multicast on loopback here ({exc})")


def test_an_announced_session_is_heard_without_its_token_and_goes_when_it_ends(loopback):
    browser = Browser().start()
    announcer = Announcer(CODE, "Workshop: prosocial drives", bind="127.0.0.1").start()
    try:
        if not wait_for(lambda: browser.sessions()):
            pytest.skip(f"multicast did not come back on loopback ({announcer.problem or browser.problem})")
        [found] = browser.sessions()
        assert (found.title, found.host, found.port, found.room, found.fingerprint) == \
            ("Workshop: prosocial drives", "127.0.0.1", 8765, CODE.room, CODE.fingerprint)
        assert CODE.token not in found.name
        info = announcer.info()
        assert all(CODE.token.encode() not in value for value in info.properties.values())
        assert found.code(CODE.token) == CODE              # the token typed: the whole code
        assert found.check == announcer.code.fingerprint[:4].upper() + "-" + "Q" * 4
        announcer.stop(wait=LIMIT)
        assert wait_for(lambda: not browser.sessions()), "the ended session is still listed"
    finally:
        announcer.stop()
        browser.stop()


def test_discovery_turned_off_starts_nothing_and_finds_nothing(monkeypatch):
    monkeypatch.setenv("REASONMAP_LAN_DISCOVERY", "off")
    browser, announcer = Browser().start(), Announcer(CODE, "Map").start()
    assert browser.where is None and announcer.where is None
    assert browser.sessions() == [] and not announcer.announced.is_set()
    browser.stop()
    announcer.stop()


def info_with(**props):
    return ServiceInfo(discovery.SERVICE, f"x.{discovery.SERVICE}", port=8765,
                       addresses=[socket.inet_aton("127.0.0.1")], properties=props)


def test_a_broken_or_foreign_announcement_is_left_out():
    good = {"title": "Map", "room": "r00m", "fp": "Q" * 43}
    assert found_of("x", info_with(**good)).title == "Map"
    assert found_of("x", info_with(**{**good, "fp": "short"})) is None
    assert found_of("x", info_with(**{**good, "room": "no spaces allowed"})) is None
    assert found_of("x", info_with(title="Map")) is None
    assert found_of("x", None) is None
    assert found_of("x", info_with(**{**good, "title": "Two\nlines\x00"})).title == "Two lines"
