from django.core.management.base import BaseCommand

from archive.demo.content import load_demo


class Command(BaseCommand):
    help = "Load the fictional demo testimonies (idempotent) and, in development, demo users."

    def handle(self, *args, **options):
        self.stdout.write("Loading the demo: transcribing, redacting and listening (a minute)…")
        logins, pages, problems = load_demo()
        published = sum(page.live for page in pages)
        self.stdout.write(
            self.style.SUCCESS(f"Demo loaded: {published} of {len(pages)} published.")
        )
        for title, reasons in problems.items():
            self.stdout.write(self.style.WARNING(f"  “{title}” stays a draft: {' '.join(reasons)}"))
        if logins:
            self.stdout.write("Demo logins (development only):")
            for username, password in logins.items():
                self.stdout.write(f"  {username:<9} {password}")
