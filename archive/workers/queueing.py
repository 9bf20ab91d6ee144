from functools import partial

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.backend import DatabaseBackend


def enqueue_when_committed(task, *args):
    """Queue `task(*args)` so that no worker can take it before the rows it reads exist.

    The database backend writes the task in the caller's transaction, so the two are committed
    together or not at all; the immediate backend runs it in place. Any other backend (RQ) sends
    it at once to a worker that could look for rows not yet committed, so it is sent after the
    commit; if the queue cannot be reached then, the error is logged rather than shown to the
    person whose work was just saved, and the job waits, queued, for a retry.
    """
    if isinstance(task.get_backend(), DatabaseBackend | ImmediateBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args), robust=True)
