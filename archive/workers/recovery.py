"""Queue again what a gone worker had in hand. Each app recovers its own kind of work through the
`recover_interrupted_work` hook (see its wagtail_hooks.py); this module recovers the claims of
archive.workers.registry.claimed, which any task can make."""

from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .models import Claim, Worker
from .queueing import enqueue_when_committed
from .registry import live_worker_names


def requeue_work_of_gone_workers():
    """Returns how many tasks were queued again."""
    live = live_worker_names()
    requeued = []
    for claim in Claim.objects.exclude(worker__in=live):
        with transaction.atomic():
            if Claim.objects.filter(pk=claim.pk).delete()[0]:
                enqueue_when_committed(
                    import_string(claim.task_path),
                    *claim.args,
                    on_sent=requeued.append,
                    # The queue is down: claim it again for the gone worker, so that the next
                    # pass, once the queue is back, sends it.
                    on_unsent=lambda error, claim=claim: Claim.objects.create(
                        task_path=claim.task_path, args=claim.args, worker=claim.worker
                    ),
                )
    if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        _close_results_of_gone_workers(live)
    Worker.objects.exclude(name__in=live).delete()
    return len(requeued)


def _close_results_of_gone_workers(live):
    """The database backend would show a dead worker's task as running for ever."""
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        if result.worker_ids and result.worker_ids[-1] not in live:
            result.set_failed(RuntimeError("The worker stopped during this task."))
