"""Scale: browse, search, a testimony page and the home page with many published testimonies.

Run (SQLite, a temporary file):
    .venv/bin/python benchmarks/scale.py [--testimonies 1000] [--moments 100000] [--json]
Run (PostgreSQL, a throwaway server):
    scripts/with-postgres.sh .venv/bin/python benchmarks/scale.py --testimonies 10000 \\
        --moments 1000000

It builds N published testimonies through the same rows an approval writes (interviews,
consent records, pages, `Publication` and `PublishedSegment` rows, the search index), in bulk,
then times requests through Django's full stack in this process (server side: no network, no
gunicorn), each URL warmed once first, and prints p50/p95 per kind of request. Every segment
carries a common word ("family"); one testimony in a thousand carries a rare one
("zarzamora"). Testimonies are spread over 20 topics, 50 places, 30 years and 2 languages.
"""

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Twelve words a segment, drawn from a vocabulary of VOCABULARY_SIZE made-up words with
# Zipf's law's frequencies (the word of rank r drawn in proportion to 1/r), as words are in
# speech; a vocabulary of a few words would tell PostgreSQL's planner that every word is common.
# Every segment also carries COMMON.
VOCABULARY_SIZE = 5000
SYLLABLES = [consonant + vowel for consonant in "bdklm" for vowel in "aeiou"]
COMMON, RARE = "family", "zarzamora"
CHUNK = 20_000


def setup(folder):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.test")
    if not os.environ.get("DATABASE_NAME"):
        os.environ["TESTIMONIO_DB_PATH"] = str(folder / "db.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(testimonies, moments):
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from taggit.models import Tag
    from wagtail.models import Page, Site
    from wagtail.search.backends import get_search_backends

    from archive.consent.models import ConsentRecord
    from archive.ingest.models import Interview
    from archive.publication.approval import refresh_planner_statistics
    from archive.publication.models import Publication, PublishedSegment
    from archive.testimonies.models import (
        HomePage,
        TestimonyIndexPage,
        TestimonyPage,
        TestimonyTopic,
    )

    rng = random.Random(7)  # noqa: S311 - made-up text, not secrets
    editor = get_user_model().objects.create(username="scale-editor")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="scale-home"))
    Site.objects.update(root_page=home)
    index = home.add_child(instance=TestimonyIndexPage(title="Testimonies", slug="testimonies"))
    content_type = ContentType.objects.get_for_model(TestimonyPage)
    tags = [Tag.objects.create(name=f"topic {n}", slug=f"topic-{n}") for n in range(20)]
    now = datetime.datetime.now(datetime.UTC)
    with transaction.atomic():
        interviews = Interview.objects.bulk_create(
            Interview(title=f"Interview {n}", narrator_legal_name=f"Person {n}")
            for n in range(testimonies)
        )
        consents = ConsentRecord.objects.bulk_create(
            ConsentRecord(
                interview=interview,
                method="verbal",
                verbal_at_seconds=0,
                given_on=datetime.date(2024, 1, 1),
                publish_transcript=True,
                publish_audio=True,
                name_shown="pseudonym",
            )  # fmt: skip
            for interview in interviews
        )
        # Pages: Wagtail's tree paths made here in bulk (add_child saves one page at a time).
        step = Page.steplen
        pages = Page.objects.bulk_create(
            Page(
                title=f"Testimony {n}",
                slug=f"testimony-{n}",
                content_type=content_type,
                path=index.path + _key(n + 1, step),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}testimony-{n}/",
                live=True,
                first_published_at=now,
                last_published_at=now,
                draft_title=f"Testimony {n}",
                locale_id=index.locale_id,
            )  # fmt: skip
            for n in range(testimonies)
        )
        Page.objects.filter(pk=index.pk).update(numchild=testimonies)
        table = TestimonyPage._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, narrator_display_name, summary, "  # noqa: S608
                "interview_date, interview_date_precision, place, languages, body, interview_id) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        page.pk,
                        "Anonymous",
                        f"A testimony about {COMMON} number {n}.",
                        datetime.date(1995 + n % 30, 1, 1),
                        "year",
                        f"Place {n % 50}",
                        json.dumps(["es" if n % 2 else "en"]),
                        "[]",
                        interviews[n].pk,
                    )  # fmt: skip
                    for n, page in enumerate(pages)
                ],
            )
        TestimonyTopic.objects.bulk_create(
            TestimonyTopic(content_object_id=page.pk, tag=tags[n % len(tags)])
            for n, page in enumerate(pages)
        )
        per_page = max(1, moments // testimonies)
        vocabulary, weights = made_up_vocabulary()
        publications = Publication.objects.bulk_create(
            Publication(
                page_id=page.pk,
                interview=interviews[n],
                consent=consents[n],
                transcript=True,
                audio=False,
                name_shown="pseudonym",
                narrator_display_name="Anonymous",
                tracks=[{"recording": n, "language": "en", "translation": False, "machine": True}],
                duration_seconds=per_page * 6.0,
                digest="0" * 64,
                approved_by=editor,
            )  # fmt: skip
            for n, page in enumerate(pages)
        )
    backends = list(get_search_backends(with_auto_update=True))
    rows = []
    written = 0
    full_text_indexes = _drop_full_text_indexes(connection)

    def flush():
        nonlocal rows, written
        with transaction.atomic():
            segments = PublishedSegment.objects.bulk_create(rows)
            for backend in backends:
                backend.add_bulk(PublishedSegment, segments)
        written += len(rows)
        rows = []

    for n, publication in enumerate(publications):
        for position in range(per_page):
            words = rng.choices(vocabulary, cum_weights=weights, k=12) + [COMMON]
            if n % 1000 == 0 and position == 0:
                words.append(RARE)
            rows.append(
                PublishedSegment(
                    publication=publication,
                    track=0,
                    position=position,
                    start=position * 6.0,
                    end=position * 6.0 + 5.5,
                    text=" ".join(words),
                    language="en",
                    words=[],
                )  # fmt: skip
            )
            if len(rows) >= CHUNK:
                flush()
    if rows:
        flush()
    with connection.cursor() as cursor:
        for definition in full_text_indexes:
            cursor.execute(definition)
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")  # as autovacuum would soon after a load this size
    refresh_planner_statistics()  # as every approval does
    return index, pages, written


def _drop_full_text_indexes(connection):
    """On PostgreSQL, the search table's GIN indexes are dropped for the bulk load and made
    again after, as one loads a table in bulk: kept, they cost more than the rest of the build
    (an approval adds a few hundred entries, not a million). Returns their definitions."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'wagtailsearch_indexentry' AND indexdef LIKE '%USING gin%'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in indexes]


def made_up_vocabulary():
    """VOCABULARY_SIZE distinct three-syllable words and their cumulative Zipf weights."""
    words, weights, total = [], [], 0.0
    for rank in range(1, VOCABULARY_SIZE + 1):
        first, rest = divmod(rank, len(SYLLABLES) ** 2)
        second, third = divmod(rest, len(SYLLABLES))
        words.append(SYLLABLES[first] + SYLLABLES[second] + SYLLABLES[third])
        total += 1 / rank
        weights.append(total)
    return words, weights


def _key(number, steplen):
    """A treebeard path step: base 36, zero-padded."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(steplen, "0")


def timed(client, url, requests):
    client.get(url)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--testimonies", type=int, default=1000)
    parser.add_argument("--moments", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="testimonio-scale-"))
    try:
        setup(folder)
        from django.db import connection
        from django.test import Client

        started = time.perf_counter()
        index, pages, written = build(args.testimonies, args.moments)
        built = time.perf_counter() - started
        client = Client(HTTP_HOST="localhost")
        rng = random.Random(11)  # noqa: S311 - which pages to time
        urls = {
            "browse": [index.url],
            "browse_filtered": [f"{index.url}?topic=topic-3&language=es"],
            "search_common": [f"/search/?q={COMMON}"],
            "search_rare": [f"/search/?q={RARE}"],
            "page": [f"{index.url}testimony-{rng.randrange(len(pages))}/" for _ in range(5)],
            "home": ["/"],
        }
        results = {}
        for name, choices in urls.items():
            times = []
            for url in choices:
                times += timed(client, url, max(1, args.requests // len(choices)))
            results[name] = (statistics.median(times), p95(times))
        report = {
            "testimonies": len(pages),
            "moments": written,
            **{f"{name}_p95_ms": round(values[1], 1) for name, values in results.items()},
        }
        if args.json:
            print(json.dumps(report))
            return
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}; {connection.vendor}; built {len(pages)} testimonies "
            f"and {written} moments in {built:.0f} s; {args.requests} requests each, in process"
        )
        print(f"{'request':18} {'p50 ms':>8} {'p95 ms':>8}")
        for name, (median, high) in results.items():
            print(f"{name:18} {median:8.1f} {high:8.1f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
