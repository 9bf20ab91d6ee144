"""Bulk ingest from a CSV manifest: check every row first, then write, row by row.

Columns are documented in docs/ingest.md. A manifest with any bad row writes nothing. Rows whose
file was already ingested (same sha256) are skipped, so a manifest can be re-run safely.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .metadata import BadMetadata, interview_from_metadata
from .probe import UnreadableMedia, probe_recording
from .store import AlreadyIngested, existing_original, ingest_recording, sha256_of

REQUIRED_COLUMNS = ("file", "title", "narrator_name")
OPTIONAL_COLUMNS = (
    "display_name",
    "languages",
    "date",
    "place",
    "other_names",
    "places",
    "contact",
    "reporter",
    "notes",
)
MAX_ROWS = 10_000
MAX_MANIFEST_BYTES = 20 * 1024**2


class BadManifest(ValueError):
    """The manifest cannot be read at all; the message says why."""


@dataclass
class Row:
    line: int
    path: Path
    interview: object = None
    info: object = None
    sha256: str = ""
    existing: object = None


@dataclass
class Plan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def to_ingest(self):
        return [row for row in self.rows if row.existing is None]

    @property
    def to_skip(self):
        return [row for row in self.rows if row.existing is not None]


def read_rows(manifest_path):
    path = Path(manifest_path)
    if not path.is_file():
        raise BadManifest(f"{path}: no such file")
    if path.stat().st_size > MAX_MANIFEST_BYTES:
        raise BadManifest(f"{path}: larger than {MAX_MANIFEST_BYTES // 1024**2} MB; split it")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadManifest(
            f"{path}: not UTF-8 text (byte {error.start}); save it as CSV UTF-8"
        ) from None
    reader = csv.DictReader(text.splitlines(), strict=True)
    try:
        header = reader.fieldnames or []
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        unknown = [name for name in header if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
        if missing or unknown:
            problems = []
            if missing:
                problems.append(f"missing column(s): {', '.join(missing)}")
            if unknown:
                problems.append(f"unknown column(s): {', '.join(unknown)}")
            raise BadManifest(f"line 1: {'; '.join(problems)}")
        rows = []
        for values in reader:
            if len(rows) >= MAX_ROWS:
                raise BadManifest(f"more than {MAX_ROWS} rows; split the manifest")
            rows.append((reader.line_num, values))
    except csv.Error as error:
        raise BadManifest(f"line {reader.line_num}: malformed CSV ({error})") from None
    return path.parent, rows


def plan_manifest(manifest_path):
    """Check every row without writing anything."""
    base_dir, rows = read_rows(manifest_path)
    plan = Plan()
    seen = {}
    for line, values in rows:
        if None in values or any(value is None for value in values.values()):
            plan.errors.append(f"line {line}: wrong number of fields")
            continue
        values = {key: value.strip() for key, value in values.items()}
        if not any(values.values()):
            continue
        row = Row(line=line, path=(base_dir / values["file"]).resolve())
        problems = []
        try:
            row.interview = interview_from_metadata(
                {key: value for key, value in values.items() if key != "file"}
            )
        except BadMetadata as error:
            problems.append(str(error))
        if not values["file"]:
            problems.append("file is required")
        elif not row.path.is_file():
            problems.append(f"file not found: {values['file']}")
        else:
            try:
                row.info = probe_recording(row.path)
                row.sha256 = sha256_of(row.path)
            except UnreadableMedia as error:
                problems.append(f"{values['file']}: {error}")
        if row.sha256 and row.sha256 in seen:
            problems.append(f"same file as line {seen[row.sha256]}")
        if problems:
            plan.errors.append(f"line {line}: {'; '.join(problems)}")
            continue
        seen[row.sha256] = line
        row.existing = existing_original(row.sha256)
        plan.rows.append(row)
    return plan


def apply_plan(plan, user=None):
    """Ingest the planned rows; returns (row, recording or None if skipped) pairs."""
    results = []
    for row in plan.rows:
        if row.existing is not None:
            results.append((row, None))
            continue
        try:
            recording = ingest_recording(row.path, interview=row.interview, user=user)
        except AlreadyIngested as error:
            row.existing = error.existing
            recording = None
        results.append((row, recording))
    return results
