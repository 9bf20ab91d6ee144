import json

from django.core.management.base import BaseCommand, CommandError

from archive.consent.models import ConsentRecord, Part
from archive.ingest.models import Interview


class Command(BaseCommand):
    help = "Show an interview's consent record and whether it allows publication today."

    def add_arguments(self, parser):
        parser.add_argument("interview_id", type=int)
        parser.add_argument("--show", action="store_true", help="print the record (the default)")
        parser.add_argument("--json", action="store_true", help="print it as JSON")

    def handle(self, *args, **options):
        interview = Interview.objects.filter(pk=options["interview_id"]).first()
        if interview is None:
            raise CommandError(f"No interview {options['interview_id']}.")
        consent = ConsentRecord.objects.filter(interview=interview).first()
        if consent is None:
            raise CommandError(
                f"Interview {interview.pk} has no consent record: nothing from it can be published."
            )
        summary = {
            "interview": interview.pk,
            "method": consent.method,
            "given_on": consent.given_on.isoformat(),
            "signed_form": bool(consent.signed_form),
            "verbal_at_seconds": consent.verbal_at_seconds,
            "witness": consent.witness,
            "form_language": consent.form_language,
            "scopes": {part.value: consent.allows(part) for part in Part},
            "name_shown": consent.name_shown,
            "voice_alteration_required": consent.voice_alteration_required,
            "translation_allowed": consent.translation_allowed,
            "embargo_until": consent.embargo_until and consent.embargo_until.isoformat(),
            "expires_on": consent.expires_on and consent.expires_on.isoformat(),
            "restrictions": consent.restrictions,
            "withdrawn_on": consent.withdrawn_on and consent.withdrawn_on.isoformat(),
            "withdrawal_reason": consent.withdrawal_reason,
            "in_force": not consent.problems(),
            "problems": [str(problem) for problem in consent.problems()],
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2))
            return
        width = max(len(key) for key in summary)
        for key, value in summary.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in value.items())
            elif isinstance(value, list):
                value = " ".join(value) or "—"
            self.stdout.write(
                f"{key.replace('_', ' '):<{width}}  {value if value not in (None, '') else '—'}"
            )
