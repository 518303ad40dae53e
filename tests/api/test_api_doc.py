"""docs/api.md is what client developers read first: its lists of error codes must be the enums."""

from __future__ import annotations

import re
from pathlib import Path

from server.kit.errors import ERROR_CODE_DESCRIPTIONS, ApiErrorCode, ErrorCode

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
ROW = re.compile(r"^\| `([A-Z_]+)` \| (.+) \|$")


def table(marker: str) -> dict[str, str]:
    """The `| `CODE` | meaning |` rows between `<!-- marker:start -->` and `<!-- marker:end -->`."""
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(f"<!-- {marker}:start -->"), text.index(f"<!-- {marker}:end -->")
    rows = (ROW.match(line) for line in text[start:end].splitlines())
    return {row.group(1): row.group(2) for row in rows if row}


def test_the_payload_error_codes_of_the_doc_are_the_error_code_enum() -> None:
    expected = {code.value: ERROR_CODE_DESCRIPTIONS[code] for code in ErrorCode}
    rows = "\n".join(f"| `{code}` | {text} |" for code, text in expected.items())
    assert table("error-codes") == expected, f"docs/api.md is out of date; its table should read:\n{rows}"


def test_the_top_level_codes_of_the_doc_are_the_api_error_codes() -> None:
    assert list(table("api-error-codes")) == [code.value for code in ApiErrorCode]
