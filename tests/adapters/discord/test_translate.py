"""The Discord adapter's pure parts: the command payload, option parsing, rendering, ids, nonces, shards."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bots.discord.commands import command_payload, interaction_args, payload_hash
from bots.discord.pacing import NONCE_MAX, nonce_for, share_of
from bots.discord.render import CUSTOM_ID_MAX, decode_custom_id, encode_custom_id, modal_values, render
from bots.settings import parse_shards
from core.commands import COMMANDS
from core.models import Attachment, Button, Message

NAME = re.compile(r"^[-_\w]{1,32}$")


def _walk(option: dict[str, Any]) -> list[dict[str, Any]]:
    found = [option]
    for child in option.get("options", []):
        found += _walk(child)
    return found


def _characters(option: dict[str, Any]) -> int:
    total = len(option["name"]) + len(option.get("description", ""))
    total += sum(len(c["name"]) + len(str(c["value"])) for c in option.get("choices", []))
    return total + sum(_characters(child) for child in option.get("options", []))


def test_every_core_command_becomes_a_subcommand_within_discords_limits() -> None:
    [trust] = command_payload(COMMANDS)
    assert trust["name"] == "trust" and _characters(trust) <= 8000
    leaves = []
    for item in _walk(trust):
        assert NAME.fullmatch(item["name"]) and item["name"] == item["name"].lower(), item["name"]
        assert 1 <= len(item["description"]) <= 100
        assert len(item.get("options", [])) <= 25
        if item.get("type") == 1 and item is not trust:
            leaves.append(item)
            required = [o.get("required", False) for o in item["options"]]
            assert required == sorted(required, reverse=True), item["name"]  # required options first
    assert len(leaves) == len(COMMANDS)


def test_options_are_typed_for_discord() -> None:
    [trust] = command_payload(COMMANDS)
    setup = next(o for o in trust["options"] if o["name"] == "setup")
    kinds = {o["name"]: o for o in setup["options"]}
    assert kinds["channel"]["type"] == 7 and kinds["channel"]["channel_types"] == [0, 5]
    assert kinds["timezone"]["type"] == 3 and kinds["timezone"]["autocomplete"] is True
    checkin = next(o for o in trust["options"] if o["name"] == "challenge")
    join = next(o for o in checkin["options"] if o["name"] == "join")
    by_name = {o["name"]: o for o in join["options"]}
    assert by_name["id"]["type"] == 4 and by_name["id"]["autocomplete"] is True
    assert [c["value"] for c in by_name["dm"]["choices"]] == ["yes", "no"]


def test_the_payload_hash_changes_only_with_the_commands() -> None:
    assert payload_hash(command_payload(COMMANDS)) == payload_hash(command_payload(COMMANDS))
    assert payload_hash(command_payload(COMMANDS)) != payload_hash(command_payload(COMMANDS[:-1]))


def test_interaction_options_become_core_args() -> None:
    data = {
        "name": "trust",
        "options": [
            {
                "type": 2,
                "name": "checkin",
                "options": [
                    {
                        "type": 1,
                        "name": "start",
                        "options": [
                            {"type": 3, "name": "timezone", "value": "Europe/Lon", "focused": True},
                            {"type": 7, "name": "channel", "value": "123"},
                        ],
                    }
                ],
            }
        ],
    }
    assert interaction_args(data) == ("checkin start", {"timezone": "Europe/Lon", "channel": "<#123>"}, "timezone")


def test_custom_ids_round_trip_and_respect_the_limit() -> None:
    custom = encode_custom_id("t", "checkin:answer", "12:safe-to-be-open:4")
    assert decode_custom_id(custom) == ("t", "checkin:answer", "12:safe-to-be-open:4")
    assert decode_custom_id("something-else") is None
    with pytest.raises(ValueError, match="too long"):
        encode_custom_id("t", "x", "v" * CUSTOM_ID_MAX)


def test_long_messages_are_split_and_buttons_and_files_go_on_the_last_piece() -> None:
    text = "\n\n".join(f"Paragraph {i}: " + "word " * 150 for i in range(12))
    message = Message(
        text,
        "Title",
        buttons=tuple(Button("a", str(i), str(i)) for i in range(7)),
        footer="Only you can see this.",
        attachments=(Attachment("chart.png", b"\x89PNG", "image/png"),),
    )
    pieces = render(message)
    assert len(pieces) > 1 and all(len(p.embed.description or "") <= 4096 for p in pieces)
    assert "".join((p.embed.description or "").replace("\n", "") for p in pieces).count("Paragraph") == 12
    assert pieces[0].embed.title == "Title" and pieces[-1].embed.footer.text == "Only you can see this."
    assert pieces[-1].view is not None and len(pieces[-1].view.children) == 7
    assert [f.filename for f in pieces[-1].files] == ["chart.png"] and pieces[-1].files[0].to_dict(0)["id"] == "0"
    assert all(p.view is None for p in pieces[:-1])


def test_modal_values_in_both_layouts() -> None:
    rows = {"components": [{"type": 1, "components": [{"type": 4, "custom_id": "note", "value": "calm"}]}]}
    labels = {"components": [{"type": 18, "component": {"type": 4, "custom_id": "note", "value": "calm"}}]}
    assert modal_values(rows) == modal_values(labels) == {"note": "calm"}


def test_nonces_are_short_stable_and_distinct() -> None:
    first = nonce_for("prompt:1:2027-03-01#message")
    assert first == nonce_for("prompt:1:2027-03-01#message") and len(first) <= NONCE_MAX
    assert first != nonce_for("prompt:1:2027-03-02#message")


def test_shards_split_the_budget() -> None:
    assert parse_shards("0,1/4") == ([0, 1], 4) and parse_shards("") is None
    assert share_of(46, 2, 4) == 23
    for bad in ("4/4", "x/2", "0,1", "-1/2"):
        with pytest.raises(ValueError, match="TRUSTBOT_DISCORD_SHARDS"):
            parse_shards(bad)
