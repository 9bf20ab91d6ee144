from django.core.management.base import BaseCommand

from archive.demo.content import load_demo


class Command(BaseCommand):
    help = "Load the fictional demo testimonies (idempotent) and, in development, demo users."

    def handle(self, *args, **options):
        logins, pages = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {len(pages)} testimonies."))
        if logins:
            self.stdout.write("Demo logins (development only):")
            for username, password in logins.items():
                self.stdout.write(f"  {username:<9} {password}")
