"""OAI-PMH at /oai/, harvested over HTTP by a real client (Sickle, from PyPI), every response
validated against the protocol's published schemas (tests/schemas/), and nothing private in
any of them."""

import datetime
import json

import pytest
import requests
from django.core import signing
from django.test import Client
from lxml import etree
from sickle import Sickle
from sickle.oaiexceptions import IdDoesNotExist, NoRecordsMatch

from archive.consent.models import ConsentRecord
from archive.redaction.derivatives import prepare_interview

from .conftest import (
    draft_testimony,
    free_port,
    make_site_tree,
    publish_testimony,
    publishable_interview,
    write_tone,
)
from .schemas import oai_pmh_schema
from .sites import Site, stop

OAI = "{http://www.openarchives.org/OAI/2.0/}"
PRIVATE = ("Daniel", "Ortega", "559 421", "private title")
# gunicorn runs the production settings, behind a TLS proxy that says so.
THROUGH_THE_PROXY = {"X-Forwarded-Proto": "https"}


def withdraw(page):
    consent = ConsentRecord.objects.get(interview=page.interview)
    consent.withdrawn_on = datetime.date.today()
    consent.withdrawal_reason = "Asked."
    consent.save()


def build_archive(editor, folder):
    """Five published testimonies in two topics and two languages, the last then withdrawn,
    and a sixth approved but never published."""
    _home, index = make_site_tree()
    pages = []
    for n in range(6):
        tone = write_tone(folder / f"{n}.wav", seconds=1 + n / 10)
        interview = publishable_interview(tone, editor, publish_audio=n == 0)
        if n == 0:
            prepare_interview(interview, alter_voice=False)
        page = draft_testimony(
            index,
            interview,
            title=f"Testimony {n}",
            slug=f"testimony-{n}",
            languages=["es"] if n % 2 else ["en"],
            interview_date=datetime.date(2024, 5, n + 1),
            interview_date_precision="month",
        )
        page.topics.add("Work" if n < 3 else "Deportation")
        if n < 5:
            page = publish_testimony(page, editor)
        pages.append(page)
    withdraw(pages[4])
    return pages


@pytest.fixture
def archive(editor, tmp_path):
    return build_archive(editor, tmp_path)


# Run by `manage.py shell` in the harvested site's own processes.
BUILD_THE_ARCHIVE = """
import json
from pathlib import Path
from django.contrib.auth.models import User
from tests.conftest import make_user
from tests.test_oai import build_archive
pages = build_archive(make_user(User, "eddie", "Editors"), Path({folder!r}))
print(json.dumps([[page.pk, page.url] for page in pages]))
"""


def oai(client, **params):
    """One request, checked against the OAI-PMH schema; its parsed document."""
    response = client.get("/oai/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    oai_pmh_schema().assertValid(document)
    body = response.content.decode()
    assert not [word for word in PRIVATE if word in body], params
    return document


def error_of(document):
    errors = document.findall(f"{OAI}error")
    return errors[0].get("code") if errors else None


@pytest.fixture
def harvested_site(tmp_path):
    """The archive served by gunicorn in processes of its own (the suite's transactional tests
    empty the shared test database of what migrations made, so a live server there is no
    place for a harvest), three records a response."""
    site = Site(tmp_path, "database", TESTIMONIO_OAI_PAGE_SIZE="2")
    site.manage("migrate", "--noinput")
    site.pages = json.loads(site.shell(BUILD_THE_ARCHIVE.format(folder=str(tmp_path))))
    port = free_port()
    web = site.start_web(port)
    site.base = f"http://127.0.0.1:{port}"
    try:
        site.wait(lambda: _answers(site.base), 60, "the web server")
        yield site
    finally:
        stop(web)
        site.remove_database()


def _answers(base):
    try:
        return requests.get(f"{base}/oai/", headers=THROUGH_THE_PROXY, timeout=30).ok
    except requests.RequestException:  # not listening yet, or its workers still starting
        return False


@pytest.mark.slow
@pytest.mark.own_database
def test_a_harvester_gets_the_visible_testimonies_and_a_deleted_header_for_the_withdrawn(
    harvested_site,
):
    archive = [pk for pk, _url in harvested_site.pages]
    urls = dict(harvested_site.pages)
    sickle = Sickle(f"{harvested_site.base}/oai/", timeout=30, headers=THROUGH_THE_PROXY)
    identify = sickle.Identify()
    assert identify.repositoryName == "Testimonio"
    assert identify.deletedRecord == "transient"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"

    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))  # three pages of two
    assert len(records) == 5
    deleted = [record for record in records if record.deleted]
    assert [record.header.identifier for record in deleted] == [
        f"oai:localhost:testimony-{archive[4]}"
    ]
    assert deleted[0].header.setSpecs == [], "a withdrawn testimony keeps no topic"
    first = next(r for r in records if r.header.identifier.endswith(f"-{archive[0]}"))
    assert first.metadata["title"] == ["Testimony 0"]
    assert first.metadata["date"] == ["2024-05"]
    assert first.metadata["language"] == ["en"]
    assert first.metadata["subject"] == ["Work"]
    assert set(first.metadata["type"]) == {"Sound", "Text"}
    assert first.metadata["identifier"] == [
        f"https://127.0.0.1:{harvested_site.base.rsplit(':', 1)[1]}{urls[archive[0]]}"
    ]
    assert "audio" in first.metadata["rights"][0]
    assert first.header.setSpecs == ["topic:work", "language:en"]
    assert (
        "Sound"
        not in next(r for r in records if r.header.identifier.endswith(f"-{archive[1]}")).metadata[
            "type"
        ]
    ), "audio the narrator did not consent to"

    assert {s.setSpec for s in sickle.ListSets()} == {
        "topic:work",
        "topic:deportation",
        "language:en",
        "language:es",
    }
    in_spanish = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="language:es"))
    assert {h.identifier for h in in_spanish if not h.deleted} == {
        f"oai:localhost:testimony-{archive[n]}" for n in (1, 3)
    }
    record = sickle.GetRecord(
        identifier=f"oai:localhost:testimony-{archive[2]}", metadataPrefix="oai_dc"
    )
    assert record.metadata["title"] == ["Testimony 2"]
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(
            identifier=f"oai:localhost:testimony-{archive[5]}", metadataPrefix="oai_dc"
        )
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(NoRecordsMatch):
        list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": tomorrow}))


@pytest.mark.django_db
def test_every_verb_and_every_error_validates_and_says_nothing_private(archive, settings):
    settings.TESTIMONIO_OAI_PAGE_SIZE = 2
    client = Client()
    identifier = f"oai:localhost:testimony-{archive[0].pk}"
    today = datetime.date.today().isoformat()
    answers = {
        "Identify": {},
        "ListMetadataFormats": {"identifier": identifier},
        "ListSets": {},
        "ListIdentifiers": {"metadataPrefix": "oai_dc", "set": "topic:work"},
        "ListRecords": {"metadataPrefix": "oai_dc", "from": today, "until": today},
        "GetRecord": {"identifier": identifier, "metadataPrefix": "oai_dc"},
    }
    for verb, params in answers.items():
        document = oai(client, verb=verb, **params)
        assert error_of(document) is None, verb
        assert document.find(f"{OAI}{verb}") is not None

    listed = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = listed.find(f".//{OAI}resumptionToken")
    assert token.get("completeListSize") == "5" and token.get("cursor") == "0"
    following = oai(client, verb="ListRecords", resumptionToken=token.text)
    assert following.find(f".//{OAI}resumptionToken").get("cursor") == "2"

    forged = signing.dumps({"offset": 0, "metadataPrefix": "oai_dc"}, salt="not ours")
    errors = [
        ({"verb": "Nonsense"}, "badVerb"),
        ({}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "identifier": identifier}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": today,
          "until": f"{today}T00:00:00Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "identifier": "oai:localhost:testimony-0",
          "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "ListRecords", "resumptionToken": forged}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2000-01-01"},
         "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "topic:nothing"},
         "noRecordsMatch"),
    ]  # fmt: skip
    for params, code in errors:
        document = oai(client, **params)
        assert error_of(document) == code, params
        if code in ("badVerb", "badArgument"):
            assert not document.find(f"{OAI}request").attrib, "only the base URL is echoed"
    repeated = client.get("/oai/?verb=ListSets&verb=ListSets")
    assert error_of(etree.fromstring(repeated.content)) == "badVerb"


@pytest.mark.django_db
def test_withdrawal_turns_a_record_into_a_deleted_header_at_once(archive):
    client = Client()
    identifier = f"oai:localhost:testimony-{archive[0].pk}"
    record = oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert record.find(f".//{OAI}metadata") is not None
    withdraw(archive[0])
    record = oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    header = record.find(f".//{OAI}header")
    assert header.get("status") == "deleted"
    assert record.find(f".//{OAI}metadata") is None
    assert "Testimony 0" not in etree.tostring(record).decode()
