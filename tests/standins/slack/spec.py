"""Validation of Web API calls against Slack's published Swagger 2.0 description (method, required args, types)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

__all__ = ["DEFAULT_SPEC_PATH", "KNOWN_ABSENT", "MethodSpec", "SpecValidator", "default_spec_path"]

_INT = re.compile(r"^-?\d+$")
_NUM = re.compile(r"^-?\d+(\.\d+)?$")
_BOOL = {"true": True, "false": False, "1": True, "0": False}
_SPEC_URI = "urn:slack-web-openapi"

KNOWN_ABSENT: dict[str, dict[str, Any]] = {
    "apps.connections.open": {"required": [], "types": {}},
    "files.getUploadURLExternal": {
        "required": ["filename", "length"],
        "types": {"filename": "string", "length": "integer", "alt_txt": "string", "snippet_type": "string"},
    },
    "files.completeUploadExternal": {
        "required": ["files"],
        "types": {
            "files": "string",
            "channel_id": "string",
            "channels": "string",
            "initial_comment": "string",
            "thread_ts": "string",
        },
    },
}
"""Methods newer than the 2021 description, checked by hand (required arguments and types)."""


def default_spec_path() -> Path:
    """``$SLACK_OPENAPI_SPEC`` or the Swagger file under ``<workspace>/shared/specs/slack/web-api/``."""
    env = os.environ.get("SLACK_OPENAPI_SPEC")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parents[4] / "shared" / "specs" / "slack" / "web-api"
    return root / "slack_web_openapi_v2_without_examples.json"


DEFAULT_SPEC_PATH = default_spec_path()


@dataclass(frozen=True)
class MethodSpec:
    """One method's arguments: name -> Swagger type, the required ones, and the HTTP verbs it is described with."""

    name: str
    types: dict[str, str]
    required: tuple[str, ...]
    verbs: tuple[str, ...]
    described: bool = True


def _coerce(value: Any, kind: str) -> Any:
    """Form values arrive as strings: turn well-formed ones into the described type (others stay and fail)."""
    if kind == "string" and isinstance(value, list | dict):
        return json.dumps(value)  # JSON bodies carry blocks/view/metadata as objects; the form encoding is a string
    if not isinstance(value, str):
        if kind == "number" and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return value
    if kind == "integer" and _INT.match(value):
        return int(value)
    if kind == "number" and _NUM.match(value):
        return float(value)
    if kind == "boolean" and value.lower() in _BOOL:
        return _BOOL[value.lower()]
    return value


class SpecValidator:
    """Checks a method call's arguments (form, query or JSON, merged) against the description with jsonschema."""

    def __init__(self, spec: dict[str, Any], source: str = "<memory>") -> None:
        self.source = source
        self.spec = spec
        self._registry: Registry = Registry().with_resource(
            _SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT4)
        )
        self.methods: dict[str, MethodSpec] = {}
        for path, item in spec.get("paths", {}).items():
            name = path.lstrip("/")
            types: dict[str, str] = {}
            required: list[str] = []
            for verb in ("get", "post"):
                for param in item.get(verb, {}).get("parameters", []):
                    if param.get("name") == "token" or param.get("in") not in ("formData", "query", "body"):
                        continue
                    types[param["name"]] = param.get("type", "string")
                    if param.get("required"):
                        required.append(param["name"])
            verbs = tuple(v.upper() for v in ("get", "post") if v in item)
            self.methods[name] = MethodSpec(name, types, tuple(dict.fromkeys(required)), verbs)
        for name, hand in KNOWN_ABSENT.items():
            self.methods.setdefault(
                name, MethodSpec(name, dict(hand["types"]), tuple(hand["required"]), ("POST",), described=False)
            )
        self._validators: dict[str, jsonschema.protocols.Validator] = {}

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> SpecValidator:
        resolved = Path(path) if path is not None else default_spec_path()
        if not resolved.is_file():
            raise FileNotFoundError(
                f"Slack Web API description not found at {resolved}; set SLACK_OPENAPI_SPEC, pass spec_path=..., "
                "or pass validate=False"
            )
        return _load_cached(str(resolved.resolve()))

    def knows(self, method: str) -> bool:
        return method in self.methods

    def _validator(self, method: MethodSpec) -> jsonschema.protocols.Validator:
        if method.name not in self._validators:
            schema = {
                "type": "object",
                "properties": {name: {"type": kind} for name, kind in method.types.items()},
                "required": list(method.required),
            }
            cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
            self._validators[method.name] = cls(schema, registry=self._registry)
        return self._validators[method.name]

    def check(self, method: str, args: dict[str, Any]) -> list[str]:
        """Violations for one call (empty when it conforms); an undescribed method is one violation."""
        spec = self.methods.get(method)
        if spec is None:
            return [f"{method}: not described in the Web API spec"]
        coerced = {k: _coerce(v, spec.types.get(k, "")) for k, v in args.items() if k != "token"}
        errors = sorted(self._validator(spec).iter_errors(coerced), key=lambda e: list(e.path))
        out = []
        for error in errors:
            where = ".".join(str(p) for p in error.path) or "(arguments)"
            out.append(f"{method}: {where}: {error.message}")
        return out


@lru_cache(maxsize=4)
def _load_cached(path: str) -> SpecValidator:
    with open(path, encoding="utf-8") as fh:
        return SpecValidator(json.load(fh), source=path)
