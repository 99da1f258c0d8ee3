"""Validation of REST requests (and optionally responses) against Discord's published OpenAPI 3.1 description."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import jsonschema
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["DEFAULT_SPEC_PATH", "NO_BODY", "OperationMatch", "SpecValidator", "default_spec_path"]

_SPEC_URI = "urn:discord-openapi"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
NO_BODY: Any = object()
"""Marker for "the request had no body"."""


def default_spec_path() -> Path:
    """``$DISCORD_OPENAPI_SPEC`` or ``<workspace>/shared/specs/discord/openapi.json`` beside the repository."""
    env = os.environ.get("DISCORD_OPENAPI_SPEC")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[4] / "shared" / "specs" / "discord" / "openapi.json"


DEFAULT_SPEC_PATH = default_spec_path()


@dataclass(frozen=True)
class OperationMatch:
    """A request path matched to a spec path template."""

    method: str
    template: str
    params: dict[str, str]
    operation_pointer: str
    operation: dict[str, Any]
    path_item: dict[str, Any]


@dataclass(frozen=True)
class _Template:
    template: str
    segments: tuple[str | None, ...]  # None marks a parameter segment
    names: tuple[str, ...]
    literal_count: int


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class SpecValidator:
    """Matches requests to operations of the OpenAPI description and validates them with ``jsonschema``.

    Build it with :meth:`load`, which caches one instance (and its compiled validators) per spec file.
    """

    def __init__(self, spec: dict[str, Any], source: str = "<memory>") -> None:
        self.source = source
        self.spec = spec
        resource = Resource.from_contents(spec, default_specification=DRAFT202012)
        self._registry: Registry = Registry().with_resource(_SPEC_URI, resource)
        self._templates: dict[int, list[_Template]] = {}
        for template in spec.get("paths", {}):
            parts = template.strip("/").split("/")
            segments: list[str | None] = []
            names: list[str] = []
            for part in parts:
                found = re.fullmatch(r"\{([^}]+)\}", part)
                if found:
                    segments.append(None)
                    names.append(found.group(1))
                else:
                    segments.append(part)
            entry = _Template(template, tuple(segments), tuple(names), sum(1 for s in segments if s is not None))
            self._templates.setdefault(len(parts), []).append(entry)
        for entries in self._templates.values():
            entries.sort(key=lambda t: -t.literal_count)
        self._validators: dict[str, jsonschema.protocols.Validator] = {}

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> SpecValidator:
        """The validator for a spec file (cached per resolved path). Raises FileNotFoundError naming the path."""
        resolved = Path(path) if path is not None else default_spec_path()
        if not resolved.is_file():
            raise FileNotFoundError(
                f"Discord OpenAPI description not found at {resolved}; set DISCORD_OPENAPI_SPEC, pass spec_path=..., "
                "or pass validate=False to run the stand-in without request validation"
            )
        return _load_cached(str(resolved.resolve()))

    # ---- matching ------------------------------------------------------------------------------------------

    def match_path(self, path: str) -> tuple[str, dict[str, str]] | None:
        """The spec template a concrete path (below /api/v10, without query) belongs to, with its parameters."""
        parts = path.strip("/").split("/")
        for entry in self._templates.get(len(parts), []):
            params: dict[str, str] = {}
            for segment, part in zip(entry.segments, parts, strict=True):
                if segment is None:
                    if not part:
                        break
                    params[entry.names[len(params)]] = part
                elif segment != part:
                    break
            else:
                return entry.template, params
        return None

    def match(self, method: str, path: str) -> OperationMatch | None:
        found = self.match_path(path)
        if found is None:
            return None
        template, params = found
        path_item = self.spec["paths"][template]
        operation = path_item.get(method.lower())
        if operation is None:
            return None
        pointer = f"/paths/{_escape(template)}/{method.lower()}"
        return OperationMatch(method.upper(), template, params, pointer, operation, path_item)

    def methods_for(self, path: str) -> list[str]:
        found = self.match_path(path)
        if found is None:
            return []
        return [m.upper() for m in _METHODS if m in self.spec["paths"][found[0]]]

    # ---- validation ----------------------------------------------------------------------------------------

    def _validator(self, pointer: str) -> jsonschema.protocols.Validator:
        validator = self._validators.get(pointer)
        if validator is None:
            ref = {"$ref": f"{_SPEC_URI}#{quote(pointer, safe='/~')}"}
            validator = jsonschema.Draft202012Validator(ref, registry=self._registry)
            self._validators[pointer] = validator
        return validator

    def _errors(self, pointer: str, instance: Any) -> list[str]:
        errors = list(self._validator(pointer).iter_errors(instance))
        return [_describe(e) for e in errors]

    def _parameters(self, match: OperationMatch, location: str) -> list[tuple[int, int, dict[str, Any]]]:
        found = []
        for owner_index, owner in enumerate((match.path_item, match.operation)):
            for index, param in enumerate(owner.get("parameters", [])):
                if "$ref" in param:
                    continue
                if param.get("in") == location:
                    found.append((owner_index, index, param))
        return found

    def _param_pointer(self, match: OperationMatch, owner_index: int, index: int) -> str:
        base = f"/paths/{_escape(match.template)}" if owner_index == 0 else match.operation_pointer
        return f"{base}/parameters/{index}/schema"

    def _check_value(self, pointer: str, raw: str) -> list[str]:
        errors = self._errors(pointer, raw)
        if not errors:
            return []
        for candidate in _coercions(raw):
            if not self._errors(pointer, candidate):
                return []
        return errors

    def validate_request(
        self,
        match: OperationMatch,
        query: Iterable[tuple[str, str]],
        content_type: str | None,
        body: Any = NO_BODY,
    ) -> list[str]:
        """Problems with one request: path parameters, query parameters and body. Empty when it conforms."""
        problems: list[str] = []
        for owner_index, index, param in self._parameters(match, "path"):
            value = match.params.get(param["name"])
            if value is None:
                continue
            for error in self._check_value(self._param_pointer(match, owner_index, index), value):
                problems.append(f"path parameter {param['name']}={_short(value)}: {error}")

        declared = {p["name"]: (o, i, p) for o, i, p in self._parameters(match, "query")}
        seen: set[str] = set()
        for name, value in query:
            seen.add(name)
            if name not in declared:
                problems.append(f"query parameter {name!r} is not defined for this operation")
                continue
            owner_index, index, _ = declared[name]
            for error in self._check_value(self._param_pointer(match, owner_index, index), value):
                problems.append(f"query parameter {name}={_short(value)}: {error}")
        for name, (_, _, param) in declared.items():
            if param.get("required") and name not in seen:
                problems.append(f"required query parameter {name!r} is missing")

        request_body = match.operation.get("requestBody")
        if request_body is None:
            if body is not NO_BODY and body not in (None, b"", ""):
                problems.append("this operation takes no request body, but one was sent")
            return problems
        if body is NO_BODY:
            if request_body.get("required"):
                problems.append("required request body is missing")
            return problems
        content = request_body.get("content", {})
        media = (content_type or "").split(";")[0].strip().lower()
        if media not in content:
            problems.append(f"content type {media or '(none)'!r} is not accepted (spec: {', '.join(content)})")
            return problems
        pointer = f"{match.operation_pointer}/requestBody/content/{_escape(media)}/schema"
        problems.extend(f"body: {error}" for error in self._errors(pointer, body))
        return problems

    def validate_response(self, match: OperationMatch, status: int, body: Any) -> list[str]:
        """Problems with a JSON response body against the operation's response schema for that status."""
        responses = match.operation.get("responses", {})
        key = next((k for k in (str(status), f"{str(status)[0]}XX", "default") if k in responses), None)
        if key is None:
            return [f"status {status} is not documented for this operation"]
        response = responses[key]
        pointer = f"{match.operation_pointer}/responses/{_escape(key)}"
        if "$ref" in response:
            pointer = response["$ref"].lstrip("#")
            response = self._resolve_pointer(pointer)
        content = response.get("content")
        if not content:
            return [] if body is None else [f"status {status} should have no body"]
        if body is None:
            return [f"status {status} should have a JSON body"]
        if "application/json" not in content:
            return []
        return self._errors(f"{pointer}/content/application~1json/schema", body)

    def _resolve_pointer(self, pointer: str) -> dict[str, Any]:
        node: Any = self.spec
        for token in pointer.strip("/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return cast(dict[str, Any], node)


@lru_cache(maxsize=4)
def _load_cached(path: str) -> SpecValidator:
    with open(path, encoding="utf-8") as handle:
        spec = json.load(handle)
    return SpecValidator(spec, source=path)


def _coercions(raw: str) -> list[Any]:
    """Typed readings of a query or path string (``1``/``true`` count as booleans, as Discord's API accepts)."""
    values: list[Any] = []
    if re.fullmatch(r"-?\d+", raw):
        values.append(int(raw))
    try:
        values.append(float(raw))
    except ValueError:
        pass
    lowered = raw.lower()
    if lowered in ("true", "1"):
        values.append(True)
    if lowered in ("false", "0"):
        values.append(False)
    return values


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else f"{text[:limit]}...({len(text)} chars)"


def _describe(error: ValidationError) -> str:
    where = error.json_path
    if error.validator in ("anyOf", "oneOf") and error.context:
        inner = best_match(error.context)
        return f"{where}: matches none of the {error.validator} alternatives; closest: {_describe(inner)}"
    if error.validator == "maxLength":
        detail = f"longer than {error.validator_value} characters ({len(error.instance)})"
    elif error.validator == "type":
        detail = f"{_short(error.instance)} is not of type {error.validator_value!r}"
    elif error.validator == "pattern":
        detail = f"{_short(error.instance)} does not match {error.validator_value!r}"
    elif error.validator == "required":
        detail = error.message
    else:
        detail = f"{error.validator} {_short(error.validator_value)} failed for {_short(error.instance)}"
    return f"{where}: {detail}"
