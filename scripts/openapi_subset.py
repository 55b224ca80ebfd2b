"""Write the part of sevDesk's official OpenAPI file that the payload schema tests need.

The tests (tests/unit/test_payload_schema.py) validate every body craftdesk writes against
the request schemas of four write operations. This script keeps exactly those operations'
request bodies and the component schemas they reference, and only the machine-readable
structure (types, properties, required, enums, references, nullable/readOnly); prose such
as descriptions and examples is left out. The result ships in tests/ so the tests run in a
fresh clone.

Source: sevDesk's official specification, https://api.sevdesk.de/openapi.yaml
(info.title "sevdesk API", info.version 2.0.0; the copy used was
github.com/j-mastr/sevdesk-api external/openapi.yaml at commit
03b1d14742fa3ba11001470437cbcd8d6c636cd3, which mirrors that download unchanged).

    python scripts/openapi_subset.py PATH/TO/openapi.yaml
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

WRITES = {
    "/Contact": "post",
    "/ContactAddress": "post",
    "/CommunicationWay": "post",
    "/Invoice/Factory/saveInvoice": "post",
}
KEEP = {
    "type",
    "properties",
    "required",
    "items",
    "enum",
    "$ref",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "additionalProperties",
    "nullable",
    "readOnly",
    "writeOnly",
}
TARGET = Path(__file__).resolve().parents[1] / "tests" / "unit" / "data" / "sevdesk_openapi_subset.json"


def structure(node: Any, refs: set[str]) -> Any:
    """The schema's structure only; collects the names of referenced component schemas."""
    if isinstance(node, list):
        return [structure(item, refs) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            out[key] = {name: structure(schema, refs) for name, schema in value.items()}
        elif key in KEEP:
            out[key] = structure(value, refs)
            if key == "$ref":
                refs.add(str(value).rsplit("/", 1)[-1])
    return out


def subset(spec: dict[str, Any]) -> dict[str, Any]:
    refs: set[str] = set()
    paths: dict[str, Any] = {}
    for path, method in WRITES.items():
        schema = spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
        body = {"content": {"application/json": {"schema": structure(schema, refs)}}}
        paths[path] = {method: {"requestBody": body}}
    schemas: dict[str, Any] = {}
    pending = set(refs)
    while pending:
        name = pending.pop()
        found: set[str] = set()
        schemas[name] = structure(spec["components"]["schemas"][name], found)
        pending |= found - set(schemas)
    return {"paths": paths, "components": {"schemas": dict(sorted(schemas.items()))}}


def main(argv: list[str]) -> int:
    source = Path(argv[0])
    raw = source.read_bytes()
    spec = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    result = {
        "x-source": {
            "what": "structure of the request schemas of four write operations (no prose)",
            "from": "https://api.sevdesk.de/openapi.yaml",
            "info": {"title": spec["info"]["title"], "version": spec["info"]["version"]},
            "sha256_of_the_full_file": hashlib.sha256(raw).hexdigest(),
            "made_by": "scripts/openapi_subset.py",
        },
        **subset(spec),
    }
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{TARGET.name}: {len(result['components']['schemas'])} schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
