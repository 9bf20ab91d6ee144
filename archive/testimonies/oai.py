"""OAI-PMH 2.0 at /oai/: how aggregators and library catalogues harvest the archive
(https://www.openarchives.org/OAI/openarchivesprotocol.html).

A record is a testimony the public can see now (`models.visible`), described in Dublin Core from
what its public page shows and nothing else. A testimony that was published and no longer is
(consent withdrawn, taken down, expired) is a deleted record: its identifier and the date it
went, with no metadata and no sets. An erased one leaves no record at all, which the
protocol's "transient" deletion policy allows.
"""

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Max, Min
from django.utils import timezone

from archive.consent.models import Part
from archive.publication.models import Publication

from .models import TestimonyPage, visible

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for prefix, uri in (("", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)

METADATA_FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
}
ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}
RESUMABLE = {"ListSets", "ListIdentifiers", "ListRecords"}
RESUMPTION_SALT = "testimonio.oai"


class ProtocolError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


@dataclass
class Record:
    page: TestimonyPage
    datestamp: datetime.datetime
    deleted: bool
    publication: Publication | None = None


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identifier_of(page_id):
    return f"oai:{settings.TESTIMONIO_OAI_REPOSITORY_IDENTIFIER}:testimony-{page_id}"


def page_id_of(identifier):
    prefix = identifier_of("")
    if identifier.startswith(prefix) and identifier[len(prefix) :].isdigit():
        return int(identifier[len(prefix) :])
    raise ProtocolError("idDoesNotExist", "No testimony has this identifier.")


def parse_moment(value, name, end_of_day=False):
    """A protocol date: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, both UTC."""
    for pattern, granularity in (("%Y-%m-%dT%H:%M:%SZ", "seconds"), ("%Y-%m-%d", "day")):
        try:
            moment = datetime.datetime.strptime(value, pattern).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        if granularity == "day" and end_of_day:
            moment += datetime.timedelta(days=1, microseconds=-1)
        return moment, granularity
    raise ProtocolError("badArgument", f"{name} must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")


def records(today=None):
    """Every testimony ever published through a review, oldest page first, with its state now."""
    live = {
        page.pk: page
        for page in visible(TestimonyPage.objects.live().public()).prefetch_related("topics")
    }
    publications = {
        publication.page_id: publication
        for publication in Publication.objects.in_force(today).filter(page_id__in=live)
    }
    gone = (
        Publication.objects.exclude(page_id__in=live)
        .values("page_id")
        .annotate(ended=Max("ended_at"), approved=Max("approved_at"))
    )
    # Approved but never published: never harvested, so nothing to delete.
    was_published = TestimonyPage.objects.filter(first_published_at__isnull=False)
    pages = was_published.in_bulk([row["page_id"] for row in gone])
    found = [
        Record(page, publications[pk].approved_at, False, publications[pk])
        for pk, page in live.items()
    ]
    found += [
        Record(pages[row["page_id"]], row["ended"] or row["approved"], True)
        for row in gone
        if row["page_id"] in pages
    ]
    return sorted(found, key=lambda record: record.page.pk)


def set_specs(page):
    specs = [f"topic:{tag.slug}" for tag in page.topics.all()]
    return specs + [f"language:{code}" for code in page.languages]


def all_sets(found):
    names = dict(settings.LANGUAGES)
    sets = {}
    for record in found:
        if record.deleted:
            continue
        for tag in record.page.topics.all():
            sets[f"topic:{tag.slug}"] = tag.name
        for code in record.page.languages:
            sets[f"language:{code}"] = str(names.get(code, code))
    return sorted(sets.items())


def selected(found, arguments):
    since = until = None
    granularities = set()
    if "from" in arguments:
        since, granularity = parse_moment(arguments["from"], "from")
        granularities.add(granularity)
    if "until" in arguments:
        until, granularity = parse_moment(arguments["until"], "until", end_of_day=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise ProtocolError("badArgument", "from and until must have the same granularity.")
    if since and until and since > until:
        raise ProtocolError("badArgument", "from is later than until.")
    chosen = arguments.get("set")
    if chosen and chosen not in dict(all_sets(found)):
        raise ProtocolError("noRecordsMatch", "No testimony is in this set.")
    kept = [
        record
        for record in found
        if (since is None or record.datestamp >= since)
        and (until is None or record.datestamp <= until)
        # A deleted record belongs to no set (its topics went with it), so harvesters of any
        # set learn that it went.
        and (not chosen or record.deleted or chosen in set_specs(record.page))
    ]
    if not kept:
        raise ProtocolError("noRecordsMatch", "No testimony matches these arguments.")
    return kept


class Response:
    def __init__(self, request, verb, arguments):
        self.request = request
        self.root = ET.Element(f"{{{OAI}}}OAI-PMH")
        self.root.set(
            f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
        )
        ET.SubElement(self.root, f"{{{OAI}}}responseDate").text = utc(timezone.now())
        self.request_element = ET.SubElement(self.root, f"{{{OAI}}}request")
        self.request_element.text = self.base_url()
        for name, value in sorted(arguments.items()):
            self.request_element.set(name, value)
        if verb:
            self.request_element.set("verb", verb)

    def base_url(self):
        return self.request.build_absolute_uri(self.request.path)

    def add(self, tag, parent=None):
        return ET.SubElement(self.root if parent is None else parent, f"{{{OAI}}}{tag}")

    def text(self, parent, tag, value, namespace=OAI):
        ET.SubElement(parent, f"{{{namespace}}}{tag}").text = value

    def error(self, code, message):
        if code in ("badVerb", "badArgument"):
            # The protocol wants only the base URL echoed when the request itself is wrong.
            self.request_element.attrib.clear()
        element = self.add("error")
        element.set("code", code)
        element.text = message

    def to_bytes(self):
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(self.root, "utf-8")


def handle(request, params):
    """The response to an OAI-PMH request with these (name → list of values) parameters."""
    verb_values = params.get("verb", [])
    arguments = {name: values[0] for name, values in params.items() if name != "verb"}
    verb = verb_values[0] if len(verb_values) == 1 and verb_values[0] in ARGUMENTS else None
    response = Response(request, verb, arguments if verb else {})
    try:
        if verb is None:
            raise ProtocolError("badVerb", "The verb is missing, repeated or not an OAI-PMH verb.")
        if any(len(values) > 1 for values in params.values()):
            raise ProtocolError("badArgument", "An argument is repeated.")
        VERBS[verb](response, _checked(verb, arguments))
    except ProtocolError as error:
        response.error(error.code, str(error))
    return response.to_bytes()


def _checked(verb, arguments):
    required, optional = ARGUMENTS[verb]
    names = set(arguments)
    if "resumptionToken" in names and verb in RESUMABLE:
        if names != {"resumptionToken"}:
            raise ProtocolError("badArgument", "resumptionToken is an exclusive argument.")
        try:
            return signing.loads(arguments["resumptionToken"], salt=RESUMPTION_SALT)
        except signing.BadSignature as error:
            raise ProtocolError("badResumptionToken", "This token is not ours.") from error
    if not required <= names or not names <= required | optional:
        takes = ", ".join(sorted(required | optional)) or "no arguments"
        raise ProtocolError("badArgument", f"{verb} takes {takes}.")
    prefix = arguments.get("metadataPrefix")
    if prefix is not None and prefix not in METADATA_FORMATS:
        raise ProtocolError("cannotDisseminateFormat", "Records are offered in oai_dc only.")
    return dict(arguments, offset=0)


def identify(response, arguments):
    found = Publication.objects.aggregate(first=Min("approved_at"))["first"]
    element = response.add("Identify")
    response.text(element, "repositoryName", settings.WAGTAIL_SITE_NAME)
    response.text(element, "baseURL", response.base_url())
    response.text(element, "protocolVersion", "2.0")
    response.text(element, "adminEmail", settings.TESTIMONIO_OAI_ADMIN_EMAIL)
    response.text(element, "earliestDatestamp", utc(found or timezone.now()))
    response.text(element, "deletedRecord", "transient")
    response.text(element, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def list_metadata_formats(response, arguments):
    if "identifier" in arguments:
        _record(arguments["identifier"])
    element = response.add("ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = response.add("metadataFormat", element)
        response.text(fmt, "metadataPrefix", prefix)
        response.text(fmt, "schema", schema)
        response.text(fmt, "metadataNamespace", namespace)


def list_sets(response, arguments):
    sets = all_sets(records())
    if not sets:
        raise ProtocolError("noSetHierarchy", "Nothing is published yet, so there are no sets.")
    page = _page_of(sets, arguments)
    element = response.add("ListSets")
    for spec, name in page:
        item = response.add("set", element)
        response.text(item, "setSpec", spec)
        response.text(item, "setName", name)
    _resume(response, element, sets, arguments)


def list_identifiers(response, arguments):
    _list(response, arguments, "ListIdentifiers", _header)


def list_records(response, arguments):
    _list(response, arguments, "ListRecords", _write_record)


def _list(response, arguments, verb, write):
    found = selected(records(), arguments)
    page = _page_of(found, arguments)
    element = response.add(verb)
    for record in page:
        write(response, element, record)
    _resume(response, element, found, arguments)


def get_record(response, arguments):
    record = _record(arguments["identifier"])
    _write_record(response, response.add("GetRecord"), record)


def _record(identifier):
    page_id = page_id_of(identifier)
    for record in records():
        if record.page.pk == page_id:
            return record
    raise ProtocolError("idDoesNotExist", "No testimony has this identifier.")


def _page_of(items, arguments):
    offset = arguments["offset"]
    if offset >= len(items) > 0:
        raise ProtocolError("badResumptionToken", "This resumption token is out of date.")
    return items[offset : offset + settings.TESTIMONIO_OAI_PAGE_SIZE]


def _resume(response, element, items, arguments):
    """After a page of a list that needs more than one: the token for the next page (empty on
    the last), as the protocol wants."""
    size = settings.TESTIMONIO_OAI_PAGE_SIZE
    offset = arguments["offset"]
    if offset == 0 and len(items) <= size:
        return
    token = response.add("resumptionToken", element)
    token.set("completeListSize", str(len(items)))
    token.set("cursor", str(offset))
    if offset + size < len(items):
        token.text = signing.dumps(dict(arguments, offset=offset + size), salt=RESUMPTION_SALT)


def _header(response, parent, record):
    header = response.add("header", parent)
    if record.deleted:
        header.set("status", "deleted")
    response.text(header, "identifier", identifier_of(record.page.pk))
    response.text(header, "datestamp", utc(record.datestamp))
    if not record.deleted:
        for spec in set_specs(record.page):
            response.text(header, "setSpec", spec)


def _write_record(response, parent, record):
    element = response.add("record", parent)
    _header(response, element, record)
    if record.deleted:
        return
    metadata = response.add("metadata", element)
    dc = ET.SubElement(metadata, f"{{{OAI_DC}}}dc")
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    for tag, value in dublin_core(response.request, record):
        ET.SubElement(dc, f"{{{DC}}}{tag}").text = value


def dublin_core(request, record):
    """What the public page shows, as Dublin Core elements."""
    page, parts = record.page, record.publication.parts_shown()
    yield "title", page.title
    if page.narrator_display_name:
        yield "creator", page.narrator_display_name
    for tag in page.topics.all():
        yield "subject", tag.name
    yield "description", page.summary
    yield "publisher", settings.WAGTAIL_SITE_NAME
    if page.interview_date_display:
        yield "date", page.interview_date_display
    if Part.AUDIO in parts:
        yield "type", "Sound"
        yield "format", "audio/ogg"
        yield "format", "audio/mpeg"
    if Part.TRANSCRIPT in parts:
        yield "type", "Text"
    yield "identifier", request.build_absolute_uri(page.get_url(request))
    for code in page.languages:
        yield "language", code
    if page.place:
        yield "coverage", page.place
    yield (
        "rights",
        (
            "Published as far as the narrator consented: "
            + ", ".join(str(part) for part in parts)
            + ". Withdrawn consent takes it down."
        ),
    )


VERBS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
    "GetRecord": get_record,
}
