"""A task worker that other processes can see: `manage.py run_worker [--queue NAME ...]`."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend

from archive.workers.registry import registered


class Command(BaseCommand):
    help = (
        "Run a task worker on the configured backend (the database, or RQ on Redis) for some or "
        "all queues, entered in the worker registry so that its work is recovered if it dies."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="append",
            choices=settings.TESTIMONIO_TASK_QUEUES,
            help="a queue to take tasks from; repeat for several (default: all of them)",
        )
        parser.add_argument(
            "--max-tasks", type=int, help="stop after this many tasks (default: run until stopped)"
        )

    def handle(self, *args, **options):
        queues = options["queue"] or settings.TESTIMONIO_TASK_QUEUES
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        with registered(queues) as name:
            self.stdout.write(f"Worker {name} takes tasks from: {', '.join(queues)}.")
            if isinstance(backend, DatabaseBackend):
                call_command(
                    "db_worker",
                    queue_name=",".join(queues),
                    worker_id=name,
                    startup_delay=False,
                    reload=False,
                    interval=settings.TESTIMONIO_WORKER_POLL_SECONDS,
                    max_tasks=options["max_tasks"],
                    verbosity=options["verbosity"],
                )
            elif type(backend).__module__.startswith("django_tasks_rq"):
                self.run_rq(queues, name, options)
            else:
                raise CommandError(f"{type(backend).__name__} has no worker to run.")

    def run_rq(self, queues, name, options):
        # In-process (SimpleWorker), not RQ's default fork per job: the process that beats in
        # the registry is the one doing the work, so killing it stops the work too (a forked
        # job runs in a process group of its own and outlives its parent), and a Whisper model
        # loaded for one job stays loaded for the next.
        task_started.connect(_fresh_connection)
        task_finished.connect(_fresh_connection)
        call_command(
            "rqworker",
            *queues,
            worker_class="rq.worker.SimpleWorker",
            job_class="django_tasks_rq.backend.Job",
            name=name,
            max_jobs=options["max_tasks"],
            verbosity=options["verbosity"],
        )


def _fresh_connection(**kwargs):
    """Between tasks, as the database worker does: a long-lived process must not hold on to a
    connection the database server has closed."""
    close_old_connections()
