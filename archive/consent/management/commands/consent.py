import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from archive.consent.models import ConsentRecord, Part
from archive.consent.permissions import consent_policy
from archive.ingest.models import Interview

# Each part a narrator may allow, and the record's field for it.
PART_FIELDS = {
    Part.TRANSCRIPT.value: "publish_transcript",
    Part.AUDIO.value: "publish_audio",
    Part.PHOTOS.value: "publish_photos",
    "translation": "translation_allowed",
}


class Command(BaseCommand):
    help = (
        "Show an interview's consent record and whether it allows publication today; with --as, "
        "change what it allows (editors) or record a withdrawal (reporters too)."
    )

    def add_arguments(self, parser):
        parser.add_argument("interview_id", type=int)
        parser.add_argument("--show", action="store_true", help="print the record (the default)")
        parser.add_argument("--json", action="store_true", help="print it as JSON")
        parser.add_argument("--allow", action="append", default=[], choices=PART_FIELDS)
        parser.add_argument("--disallow", action="append", default=[], choices=PART_FIELDS)
        parser.add_argument("--withdraw", action="store_true", help="record a withdrawal")
        parser.add_argument("--reason", default="", help="why consent was withdrawn")
        parser.add_argument("--as", dest="username", help="the user making the change")

    def handle(self, *args, **options):
        interview = Interview.objects.filter(pk=options["interview_id"]).first()
        if interview is None:
            raise CommandError(f"No interview {options['interview_id']}.")
        consent = ConsentRecord.objects.filter(interview=interview).first()
        if consent is None:
            raise CommandError(
                f"Interview {interview.pk} has no consent record: nothing from it can be published."
            )
        if options["allow"] or options["disallow"] or options["withdraw"]:
            self.change(consent, options)
            consent.refresh_from_db()
        self.show(interview, consent, options["json"])

    def change(self, consent, options):
        if not options["username"]:
            raise CommandError("Say who makes the change: --as USERNAME.")
        user = get_user_model().objects.filter(username=options["username"], is_active=True)
        user = user.first()
        if user is None:
            raise CommandError(f"No active user {options['username']!r}.")
        if (options["allow"] or options["disallow"]) and not consent_policy.user_has_permission(
            user, "change_scope"
        ):
            raise CommandError(
                f"{user.username} may not change what a consent record allows: an editor must "
                "(and then reviews the testimony again)."
            )
        if not consent_policy.user_has_permission(user, "change"):
            raise CommandError(f"{user.username} may not change consent records.")
        for part in options["allow"]:
            setattr(consent, PART_FIELDS[part], True)
        for part in options["disallow"]:
            setattr(consent, PART_FIELDS[part], False)
        if options["withdraw"]:
            if consent.is_withdrawn:
                raise CommandError(f"Consent was already withdrawn on {consent.withdrawn_on}.")
            consent.withdrawn_on = timezone.localdate()
            consent.withdrawn_recorded_by = user
            consent.withdrawal_reason = options["reason"]
        try:
            with transaction.atomic():
                consent.full_clean()
                consent.save()
                consent.save_revision(user=user, log_action=True)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def show(self, interview, consent, as_json):
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
        if as_json:
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
