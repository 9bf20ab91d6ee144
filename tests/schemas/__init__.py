"""Published schemas (SOURCES.md), loaded so that they find each other here, not on the web."""

from functools import cache
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
LOCAL_COPIES = {
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": HERE / "oai" / "OAI-PMH.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd": HERE / "oai" / "oai_dc.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": HERE
    / "oai"
    / "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": HERE / "oai" / "xml.xsd",
}


class LocalCopies(etree.Resolver):
    def resolve(self, url, public_id, context):
        if url in LOCAL_COPIES:
            return self.resolve_filename(str(LOCAL_COPIES[url]), context)
        raise LookupError(f"no local copy of {url}; add it to tests/schemas/ with its source")


def _schema(driver):
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalCopies())
    return etree.XMLSchema(etree.fromstring(driver, parser))


@cache
def oai_pmh_schema():
    """OAI-PMH responses with their oai_dc records (the envelope's `metadata` is checked
    strictly against the format it names)."""
    return _schema(
        b"""<schema xmlns="http://www.w3.org/2001/XMLSchema">
          <import namespace="http://www.openarchives.org/OAI/2.0/"
                  schemaLocation="http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"/>
          <import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/"
                  schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc.xsd"/>
        </schema>"""
    )


@cache
def ohms_schema():
    return _schema((HERE / "ohms" / "ohms.xsd").read_bytes())
