"""Wagtail's publish_scheduled, except that a scheduled testimony the gate refuses is held back
(its schedule cleared, the reasons logged) instead of stopping every publication after it."""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Revision

from archive.publication.gate import publication_problems


class Command(WagtailPublishScheduled):
    def handle(self, *args, **options):
        if not options["dryrun"]:
            self.hold_blocked()
        super().handle(*args, **options)

    def hold_blocked(self):
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now())
        for revision in due:
            page = revision.as_object()
            if not hasattr(page, "interview"):
                continue
            problems = publication_problems(page)
            if problems:
                Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                log(
                    instance=revision.content_object,
                    action="testimonio.publication_held",
                    data={"reasons": [str(p) for p in problems]},
                )
                self.stdout.write(f"Held “{page.title}”: {' '.join(map(str, problems))}")
