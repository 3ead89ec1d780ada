"""The patterns files' reader: a line that is not JSON is an analyst's configuration error that
names the file and line, without the command line's prefix (kg.cli adds it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError, PatternsError
from kg.lexicons.cues import jsonl


def test_a_line_that_is_not_json_is_a_config_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "cues.jsonl"
    path.write_text('{"cue": "org_heads", "words": ["nämnden"]}\n// a note\n{"cue": "x", "words": [}\n',
                    encoding="utf-8")
    with pytest.raises(PatternsError) as caught:
        list(jsonl(path))
    assert isinstance(caught.value, ConfigError) and isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert message.startswith(f"{path}:3: not JSON") and "kg: error" not in message


def test_notes_and_blank_lines_are_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "cues.jsonl"
    path.write_text('// a note\n\n{"cue": "vote", "words": ["votering"]}\n', encoding="utf-8")
    assert list(jsonl(path)) == [{"cue": "vote", "words": ["votering"]}]
