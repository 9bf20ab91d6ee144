"""The worker registry: every worker process (`manage.py run_worker`) has a row that a thread of
its own beats every TESTIMONIO_WORKER_BEAT_SECONDS. A worker is gone when its row falls silent
for TESTIMONIO_WORKER_GONE_AFTER_SECONDS, or at once when it ran on this machine and its process
no longer exists. Work in the hands of a gone worker is queued again (recovery.py).

One registry serves every task backend: RQ's own keeps a killed worker listed for up to 90 s
(its key's time to live while a job runs), and a database worker has none.
"""

import datetime
import logging
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from wagtail import hooks

from .models import Claim, Worker

logger = logging.getLogger(__name__)
HOST = socket.gethostname()
_this_process = {"worker": ""}


def current_worker_name():
    """This process's name in the registry; empty outside a registered worker (the web server,
    the immediate backend of the tests)."""
    return _this_process["worker"]


def _process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def live_workers():
    silent_since = timezone.now() - datetime.timedelta(
        seconds=settings.TESTIMONIO_WORKER_GONE_AFTER_SECONDS
    )
    return [
        worker
        for worker in Worker.objects.filter(beat_at__gte=silent_since)
        if worker.host != HOST or _process_exists(worker.pid)
    ]


def live_worker_names():
    return {worker.name for worker in live_workers()}


def workers_serving(queue):
    return [worker for worker in live_workers() if queue in worker.queues or "*" in worker.queues]


def _beat(name, queues, stopped):
    """Report that this worker is alive; now and then, also send again work that no queue
    holds (each app's `resend_lost_work` hook): a worker that waits on an empty queue is
    the one that notices."""
    resent_at = time.monotonic()
    try:
        while not stopped.wait(settings.TESTIMONIO_WORKER_BEAT_SECONDS):
            try:
                if not Worker.objects.filter(name=name).update(beat_at=timezone.now()):
                    _enter(name, queues)  # removed as silent while this machine was suspended
            except DatabaseError:
                logger.warning("Worker %s could not report that it is alive", name, exc_info=True)
            if time.monotonic() - resent_at >= settings.TESTIMONIO_RESEND_LOST_AFTER_SECONDS:
                resent_at = time.monotonic()
                _resend_lost_work()
    finally:
        connection.close()


def _resend_lost_work():
    for resend in hooks.get_hooks("resend_lost_work"):
        try:
            if resent := resend():
                logger.info("Sent again %s task(s) lost from the queue", resent)
        except Exception:
            logger.warning("Lost work could not be sent again", exc_info=True)


def _enter(name, queues):
    Worker.objects.create(
        name=name, host=HOST, pid=os.getpid(), queues=list(queues), beat_at=timezone.now()
    )


@contextmanager
def registered(queues):
    """Enter this process in the registry for as long as the block runs; yields its name."""
    name = f"{HOST[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    _enter(name, queues)
    stopped = threading.Event()
    beating = threading.Thread(
        target=_beat, args=(name, queues, stopped), name="worker-beat", daemon=True
    )
    beating.start()
    _this_process["worker"] = name
    try:
        yield name
    finally:
        _this_process["worker"] = ""
        stopped.set()
        beating.join()
        Worker.objects.filter(name=name).delete()


@contextmanager
def claimed(task, *args):
    """Note `task(*args)` as in hand on this worker until it ends, so that if the worker dies
    first the task is queued again. A task that ends, even by raising, is not redone."""
    worker = current_worker_name()
    if not worker:
        yield
        return
    claim = Claim.objects.create(task_path=task.module_path, args=list(args), worker=worker)
    try:
        yield
    finally:
        claim.delete()
