import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from archive.publication.approval import approve, review
from archive.publication.gate import PublicationBlocked
from archive.publication.models import RedactionReviewTask
from archive.publication.permissions import publication_policy


def user_named(username):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user {username!r}.")
    return user


class Command(BaseCommand):
    help = (
        "Print what blocks a testimony's redaction review; with --approve, approve it as a user "
        "(as the admin workflow does) and with --publish also publish it."
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int)
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--approve", action="store_true", help="approve the review")
        parser.add_argument("--as", dest="username", help="the user who approves")
        parser.add_argument("--publish", action="store_true", help="publish after approving")

    def handle(self, *args, **options):
        page = Page.objects.filter(pk=options["page_id"]).first()
        if page is None or not hasattr(page.specific, "interview"):
            raise CommandError(f"No testimony page {options['page_id']}.")
        page = page.specific
        current = review(page)
        problems = [str(problem) for problem in current.problems]
        if options["approve"]:
            self.approve(page, current, problems, options)
        result = {"page": page.pk, "approvable": current.approvable, "problems": problems}
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        elif problems:
            self.stdout.write("\n".join(f"- {problem}" for problem in problems))
        else:
            self.stdout.write(f"Page {page.pk}: nothing blocks the review.")

    def approve(self, page, current, problems, options):
        if not options["username"]:
            raise CommandError("Say who approves: --as USERNAME.")
        user = user_named(options["username"])
        if not publication_policy.user_has_permission(user, "add"):
            raise CommandError(f"{user.username} may not approve redaction reviews.")
        if options["publish"] and not page.permissions_for_user(user).can_publish():
            raise CommandError(f"{user.username} may not publish page {page.pk}.")
        if problems:
            raise CommandError(
                "Not approved:\n" + "\n".join(f"- {problem}" for problem in problems)
            )
        task_state = page.current_workflow_task_state
        try:
            if task_state and isinstance(task_state.task.specific, RedactionReviewTask):
                task_state.task.specific.on_action(
                    task_state, user, "approve", digest=current.digest, comment=""
                )
            else:
                approve(page, user, current.digest)
            page.refresh_from_db()
            if options["publish"] and not page.live:
                page.get_latest_revision().publish(user=user)
        except PublicationBlocked as blocked:
            raise CommandError("Not approved: " + " ".join(blocked.messages)) from None
        self.stderr.write(
            f"Approved page {page.pk} as {user.username}"
            + (" and published it." if options["publish"] else ".")
        )
