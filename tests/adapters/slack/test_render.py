"""The Slack adapter's Block Kit: within Slack's limits (checked by slack_sdk.models), buttons, modals, mrkdwn."""

from __future__ import annotations

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bots.slack.render import BLOCKS_MAX, SECTION_MAX, action_of, form_of, modal_for, mrkdwn, render
from core.models import Button, Form, FormField, Message


def _validate(blocks: list[dict[str, object]]) -> None:
    for block in blocks:
        parsed = Block.parse(block)  # type: ignore[arg-type]
        assert parsed is not None
        parsed.validate_json()


def test_a_long_message_is_split_and_never_rejected() -> None:
    text = "\n\n".join(f"Paragraph {i}. " + "word " * 400 for i in range(60))
    answers = [Button("checkin:answer", str(n), f"12:q:{n}") for n in range(1, 6)]
    buttons = (*answers, Button("checkin:note", "Add a note", "12"))
    messages = render(Message(text, "A title " * 40, buttons=buttons, footer="Only you can see this."))
    assert len(messages) > 1
    for message in messages:
        assert len(message.blocks) <= BLOCKS_MAX
        _validate(message.blocks)
        for block in message.blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= SECTION_MAX  # type: ignore[index]
    texts = "".join(b["text"]["text"] for m in messages for b in m.blocks if b["type"] == "section")  # type: ignore[index]
    assert texts.count("Paragraph") == 60
    actions = [b for m in messages for b in m.blocks if b["type"] == "actions"]
    ids = [e["action_id"] for b in actions for e in b["elements"]]  # type: ignore[index]
    assert len(ids) == len(set(ids)) == 6  # unique within the message, as Slack requires
    assert action_of(ids[3], "12:q:4") == ("checkin:answer", "12:q:4")


def test_mrkdwn_and_escaping() -> None:
    assert mrkdwn("**Safe** & <sound> _now_") == "*Safe* &amp; &lt;sound&gt; _now_"


def test_forms_are_modals_and_come_back_as_values() -> None:
    form = Form(
        "checkin:note",
        "Your note for today, please",
        (FormField("note", "Note", "paragraph", required=False, max_length=280, placeholder="Anything?"),),
        context="12",
    )
    view = modal_for(form, context="C1")
    View(**view).validate_json()
    assert len(view["title"]["text"]) <= 24 and view["blocks"][0]["element"]["multiline"] is True
    submitted = {**view, "state": {"values": {"note": {"note": {"type": "plain_text_input", "value": "calm"}}}}}
    assert form_of(submitted) == ("checkin:note", "12", "C1", {"note": "calm"})


def test_the_manifest_declares_what_the_adapter_uses() -> None:
    import yaml

    from bots.slack import render as render_module

    manifest = yaml.safe_load((__import__("pathlib").Path(render_module.__file__).parent / "manifest.yaml").read_text())
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/trust"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"message.im", "app_home_opened", "app_uninstalled", "tokens_revoked"} <= events
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "im:write", "channels:join", "files:write", "users:read"} <= scopes
    from bots.slack.app import BOT_SCOPES

    assert scopes == set(BOT_SCOPES)  # what OAuth asks for is what the manifest declares
    assert "member_joined_channel" in events and manifest["features"]["app_home"]["messages_tab_enabled"] is True
    urls = [c["url"] for c in manifest["features"]["slash_commands"]] + manifest["oauth_config"]["redirect_urls"]
    urls += [
        manifest["settings"]["event_subscriptions"]["request_url"],
        manifest["settings"]["interactivity"]["request_url"],
    ]
    assert len(urls) == 4 and all(u.startswith("https://trustbot.example.org/slack/") for u in urls)
