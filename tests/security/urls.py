"""Every URL the site answers, built from the URL configuration and the database.

Each pattern's parameters are filled from what the database holds (page, revision, interview,
file ids...) and, for names this module does not know, from every small id in use, so a URL
added later is visited without editing the tests. File paths get traversal attempts aimed at
the private tree.
"""

import itertools
import random
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern, _route_to_regex
from django.utils.regex_helper import normalize
from wagtail.models import Page, Revision, Task, TaskState, Workflow, WorkflowState

# Enough to try every value for one parameter and a fair sample of combinations for several.
MOST_PER_PATTERN = 60
# Visiting these would end the session being tested.
SKIPPED = re.compile(r"logout")

WORDS = {
    "kind": ["recording", "photo", "audio", "consent", "signed-form"],
    "fmt": ["vtt", "srt", "txt", "json", "ohms", "iiif", "xml", "html"],
    "extension": ["ogg", "mp3", "wav", "jpg"],
    "action": ["publish", "unpublish", "delete", "move", "approve", "reject", "lock", "copy"],
    "filter_spec": ["original", "fill-100x100"],
    "uidb64": ["MQ"],
    "token": ["set-password"],
}


def pattern_regex(pattern):
    if isinstance(pattern, RoutePattern):
        return _route_to_regex(str(pattern._route), pattern._is_endpoint)[0]
    return pattern.regex.pattern


def every_pattern(patterns=None, prefix=""):
    """(full regex, pattern) for every endpoint, namespaced includes too."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        regex = prefix + pattern_regex(entry.pattern).lstrip("^")
        if isinstance(entry, URLResolver):
            yield from every_pattern(entry.url_patterns, regex.rstrip("$"))
        elif isinstance(entry, URLPattern):
            yield regex, entry


def _pks(model):
    return sorted(model.objects.values_list("pk", flat=True))


def _models_named(*labels):
    return [(m._meta.app_label, m._meta.model_name) for m in apps.get_models()] + list(labels)


def value_pools():
    """Candidate values for each parameter name."""
    archive_models = [m for m in apps.get_models() if m.__module__.startswith("archive.")]
    small_ids = sorted(
        {pk for model in [*archive_models, Page, Revision] for pk in _pks(model) if pk}
    )
    get = apps.get_model
    pools = {
        "revision": [*_pks(Revision), "live", "earliest", "latest"],
        "page": _pks(Page),
        "destination": _pks(Page),
        "task_state": _pks(TaskState),
        "workflow_state": _pks(WorkflowState),
        "task": _pks(Task),
        "workflow": _pks(Workflow),
        "session": [1],
        "audio": _pks(get("redaction", "RedactedAudio")),
        "photo": [*_pks(get("ingest", "Photo")), *_pks(get("redaction", "RedactedPhoto"))],
        "interview": _pks(get("ingest", "Interview")),
        "transcript": _pks(get("transcription", "Transcript")),
        "recording": _pks(get("ingest", "Recording")),
        "job": _pks(get("transcription", "TranscriptionJob")),
        "rectangle": _pks(get("redaction", "PhotoRedaction")),
        "image": _pks(get("wagtailimages", "Image")),
        "document": _pks(get("wagtaildocs", "Document")),
    }
    return small_ids, pools


def candidates(name, small_ids, pools):
    if name in WORDS:
        return WORDS[name]
    if name in ("app_label", "app_name", "content_type_app_name"):
        return sorted({app for app, _ in _models_named()})
    if name in ("model_name", "content_type_model_name"):
        return sorted({model for _, model in _models_named()})
    if name.endswith(("action_name",)):
        return WORDS["action"]
    for key, pool in pools.items():
        if key in name:
            return pool or [1]
    return small_ids


def page_paths():
    """Every page's path under the site root, drafts and withdrawn pages included."""
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page.url_path
    return [p.url_path[len(root) :] for p in Page.objects.filter(url_path__startswith=root)]


def file_paths():
    """Paths that try to reach the private tree, the settings and the database from a public
    prefix, plainly and encoded."""
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    inside = [str(p.relative_to(private)) for p in private.rglob("*") if p.is_file()]
    public = Path(settings.MEDIA_ROOT)
    served = [str(p.relative_to(public)) for p in public.rglob("*") if p.is_file()]
    climbs = ["../private/", "..%2fprivate/", "%2e%2e/private/", "....//private/", "/"]
    attempts = [c + p for c in climbs for p in inside]
    attempts += [str(private / p) for p in inside]
    attempts += ["../../db.sqlite3", "../../archive/settings/base.py", "/etc/passwd", "..\\x"]
    return served + attempts


def oai_requests():
    """Harvests, whose arguments are query strings the URL configuration does not name."""
    lists = [
        f"/oai/?verb={verb}&metadataPrefix=oai_dc" for verb in ("ListRecords", "ListIdentifiers")
    ]
    records = [
        f"/oai/?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:testimony-{pk}"
        for pk in Page.objects.values_list("pk", flat=True)
    ]
    return ["/oai/?verb=Identify", "/oai/?verb=ListSets", *lists, *records]


def every_url():
    small_ids, pools = value_pools()
    special = {"_0": page_paths(), "path": file_paths()}
    chooser = random.Random(0)
    urls = set()
    for regex, _pattern in every_pattern():
        for template, params in normalize(regex):
            if SKIPPED.search(template):
                continue
            values = [special.get(p) or candidates(p, small_ids, pools) for p in params]
            combos = list(itertools.product(*values))
            if len(combos) > MOST_PER_PATTERN:
                combos = chooser.sample(combos, MOST_PER_PATTERN)
            for combo in combos:
                url = "/" + template % {p: str(v) for p, v in zip(params, combo, strict=True)}
                try:
                    resolve(url.split("?")[0])
                except Resolver404:
                    continue
                urls.add(url)
    return sorted(urls | set(oai_requests()))
